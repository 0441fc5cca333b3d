"""Exceptions to the working-day calendar that an administrator enters.

Weekends and the public holidays of the ``holidays`` package are computed in
``workcalendar.calendar``; a ``CalendarDay`` row overrides both for one date: an extra
day off (ngày nghỉ bù) or a worked day (ngày làm bù, e.g. a Saturday worked to bridge
a holiday).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.fields import ClockedDateTimeField

from .national import package_reason

MESSAGE_ALREADY_WORKING = _("%(date)s is already a working day.")
MESSAGE_ALREADY_OFF = _("%(date)s is already a day off (%(reason)s).")


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off (nghỉ bù)")
    WORKING_DAY = "working_day", _("Worked day (làm bù)")


class CalendarDay(models.Model):
    """One date that the government declared a day off or a working day."""

    Kind = CalendarDayKind

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Shown in deadline explanations, e.g. “Nghỉ bù Quốc khánh”."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("The decision or notice that announced it, e.g. “Thông báo 123/TB-BNV”."),
    )
    created_at = ClockedDateTimeField(_("created"), auto_now_add=True)
    updated_at = ClockedDateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CalendarDayKind.values),
                name="workcalendar_calendarday_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.name}"

    def clean(self) -> None:
        """Refuse an exception that changes nothing (the admin would believe it did)."""
        if self.date is None or self.kind not in CalendarDayKind.values:
            return
        reason = package_reason(self.date)
        if self.kind == CalendarDayKind.WORKING_DAY and reason is None:
            raise ValidationError(
                {"kind": MESSAGE_ALREADY_WORKING % {"date": f"{self.date:%d/%m/%Y}"}}
            )
        if self.kind == CalendarDayKind.DAY_OFF and reason is not None:
            raise ValidationError(
                {"kind": MESSAGE_ALREADY_OFF % {"date": f"{self.date:%d/%m/%Y}", "reason": reason}}
            )
