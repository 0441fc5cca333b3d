"""Tables the compliance figures read besides the other apps' own.

- :class:`WorkingDayIndex`: one row per calendar day with the running count of working
  days, so that the database itself can count working days between two dates
  (``ordinal(b) - ordinal(a)`` is the number of working days in ``(a, b]``). It mirrors
  ``workcalendar.calendar`` and is rebuilt when an administrator changes the calendar.
- :class:`UnitMonthRollup` and :class:`RollupRun`: the all-history figures per unit and
  month, kept current by ``manage.py refresh_compliance_rollup`` (cron), shown with the
  time of the last refresh.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingDayIndex(models.Model):
    """A calendar day and the number of working days from the index's first day up to it."""

    # The primary key serves every lookup: "the ordinal of this date".
    day = models.DateField(_("day"), primary_key=True)
    ordinal = models.PositiveIntegerField(_("working days up to this day"))
    is_working = models.BooleanField(_("working day"))

    class Meta:
        verbose_name = _("working-day index entry")
        verbose_name_plural = _("working-day index")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.ordinal}"


class UnitMonthRollup(models.Model):
    """The figures of one unit for one calendar month, as of the last refresh.

    Each count belongs to the month of its own event: a session to the month it was held,
    a concern to the month it was received (``concerns_received``) or answered
    (``concerns_answered`` and ``concerns_answered_on_time``), a dispute to the month the
    citizen disputed.
    """

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    sessions_held = models.PositiveIntegerField(_("sessions held"), default=0)
    sessions_with_notice = models.PositiveIntegerField(_("held with enough notice"), default=0)
    conclusions_on_time = models.PositiveIntegerField(_("conclusions on time"), default=0)
    concerns_received = models.PositiveIntegerField(_("concerns received"), default=0)
    concerns_answered = models.PositiveIntegerField(_("concerns answered"), default=0)
    concerns_answered_on_time = models.PositiveIntegerField(_("answered on time"), default=0)
    concerns_disputed = models.PositiveIntegerField(_("concerns disputed"), default=0)

    class Meta:
        verbose_name = _("monthly rollup")
        verbose_name_plural = _("monthly rollups")
        ordering = ["unit", "month"]
        constraints = [
            # Also the index of the all-history query: the rows of the units in scope.
            models.UniqueConstraint(
                fields=["unit", "month"], name="compliance_unitmonthrollup_once"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="compliance_unitmonthrollup_first_of_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%m/%Y}"


class RollupRun(models.Model):
    """One refresh of the rollup: when it finished and how much it covered."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    first_month = models.DateField(_("from month"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows written"), default=0)

    class Meta:
        verbose_name = _("rollup refresh")
        verbose_name_plural = _("rollup refreshes")
        ordering = ["-finished_at", "-id"]
        indexes = [
            # "Last updated": the latest refresh.
            models.Index(fields=["-finished_at"], name="compliance_rollup_run_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.finished_at:%d/%m/%Y %H:%M}"
