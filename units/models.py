"""Administrative units (city, wards, communes, ...) and the roles people hold in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.fields import ClockedDateTimeField
from dialogue_portal.lib.text import fold, normalize_spaces


class UnitKind(models.TextChoices):
    CITY = "city", _("City")
    WARD = "ward", _("Ward (phường)")
    COMMUNE = "commune", _("Commune (xã)")
    SPECIAL_ZONE = "special_zone", _("Special zone (đặc khu)")
    DISTRICT = "district", _("District (before July 2025)")
    TOWN = "town", _("Town (thị trấn, before July 2025)")


class Unit(models.Model):
    """One administrative unit. Old units stay (inactive) so history keeps its meaning."""

    Kind = UnitKind

    COMMUNE_LEVEL_KINDS = (Kind.WARD, Kind.COMMUNE, Kind.SPECIAL_ZONE)

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("official code"),
        max_length=16,
        unique=True,
        help_text=_("Code in the national list of administrative units."),
    )
    name = models.CharField(_("name"), max_length=200)
    # Accent-free lower-case copy of the name for the ward pickers' search.
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    # Materialised path of codes ("79/26506/") for subtree queries by prefix.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=UnitKind.values),
                name="units_unit_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="units_unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_spaces(self.name)
        self.search_name = fold(self.name)
        self.path = f"{self.parent.path if self.parent_id else ''}{self.code}/"
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name", "path"}
        super().save(*args, **kwargs)

    @property
    def is_commune_level(self) -> bool:
        return self.kind in self.COMMUNE_LEVEL_KINDS


class Role(models.TextChoices):
    WARD_OFFICER = "ward_officer", _("Ward officer")
    UNIT_HEAD = "unit_head", _("Unit head")
    REVIEWER = "reviewer", _("Committee office reviewer")
    MTTQ_LIAISON = "mttq_liaison", _("Fatherland Front liaison")


class Membership(models.Model):
    """A person holds one role in one unit. One person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(
        _("position"),
        max_length=120,
        blank=True,
        help_text=_("Official title, e.g. Bí thư Đảng ủy, Chủ tịch UBND, Chuyên viên."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = ClockedDateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="units_membership_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="units_membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
