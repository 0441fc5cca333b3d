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
    # Set by the city for remote, hard-to-reach units (Đặc khu Côn Đảo, Xã Thạnh An): the
    # laws on complaints give them longer time limits (Luật Khiếu nại năm 2011 Điều 28, 37).
    is_remote = models.BooleanField(
        _("remote, hard-to-reach area"),
        default=False,
        help_text=_(
            "Complaints in this unit get the longer time limits the law gives remote areas."
        ),
    )

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

    # Kind words that are common nouns inside a sentence ("Ủy ban nhân dân phường Bến Thành").
    _KIND_WORDS = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Quận ", "Huyện ")

    @property
    def name_in_text(self) -> str:
        """The name as it reads inside a sentence or a title: "phường Bến Thành", "xã Cần
        Giờ"; a city keeps its capital ("Thành phố Hồ Chí Minh")."""
        for word in self._KIND_WORDS:
            if self.name.startswith(word):
                return word.lower() + self.name[len(word) :]
        return self.name

    @property
    def proper_name(self) -> str:
        """The name without its kind, as a document's place line writes it: "Bến Thành"."""
        for word in self._KIND_WORDS:
            if self.name.startswith(word):
                return self.name[len(word) :]
        return self.name


class Institution(models.TextChoices):
    """The bodies of a unit. The Party committee and the People's Committee are two
    hierarchies that issue their own documents and sign their own answers: never one."""

    PARTY = "party", _("Party committee")
    STATE = "state", _("People's Committee")
    COUNCIL = "council", _("People's Council")
    FRONT = "front", _("Vietnam Fatherland Front committee")
    # The Party committee's inspection committee (Ủy ban Kiểm tra): it resolves
    # denunciations about the conduct of Party members.
    INSPECTION = "inspection", _("Inspection committee of the Party committee")


class Rank(models.TextChoices):
    """Where a role sits in its institution; it decides the authority line a signer uses
    (the head signs on the body's behalf, a deputy "KT.", an office head "TL.")."""

    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy")
    OFFICE_HEAD = "office_head", _("Head of the office")
    OFFICER = "officer", _("Officer")


class Role(models.TextChoices):
    PARTY_SECRETARY = "party_secretary", _("Party committee secretary")
    PARTY_DEPUTY = "party_deputy", _("Deputy Party committee secretary")
    PARTY_OFFICE_HEAD = "party_office_head", _("Head of the Party committee office")
    PARTY_OFFICER = "party_officer", _("Officer of the Party committee office")
    CHAIR = "chair", _("People's Committee chair")
    VICE_CHAIR = "vice_chair", _("People's Committee vice-chair")
    STATE_OFFICE_HEAD = (
        "state_office_head",
        _("Head of the office of the People's Council and People's Committee"),
    )
    WARD_OFFICER = (
        "ward_officer",
        _("Officer of the office of the People's Council and People's Committee"),
    )
    COUNCIL_STANDING = "council_standing", _("Standing member of the People's Council")
    MTTQ_LIAISON = "mttq_liaison", _("Fatherland Front liaison")
    REVIEWER = "reviewer", _("Committee office reviewer")
    INSPECTION_CHAIR = "inspection_chair", _("Chair of the inspection committee")
    INSPECTION_MEMBER = "inspection_member", _("Member of the inspection committee")

    @property
    def institution(self) -> str | None:
        """The institution the role belongs to (None: reviewers, who read across both)."""
        return ROLE_INSTITUTION.get(self)

    @property
    def rank(self) -> str | None:
        return ROLE_RANK.get(self)


ROLE_INSTITUTION: dict[str, str] = {
    Role.PARTY_SECRETARY: Institution.PARTY,
    Role.PARTY_DEPUTY: Institution.PARTY,
    Role.PARTY_OFFICE_HEAD: Institution.PARTY,
    Role.PARTY_OFFICER: Institution.PARTY,
    Role.CHAIR: Institution.STATE,
    Role.VICE_CHAIR: Institution.STATE,
    Role.STATE_OFFICE_HEAD: Institution.STATE,
    Role.WARD_OFFICER: Institution.STATE,
    Role.COUNCIL_STANDING: Institution.COUNCIL,
    Role.MTTQ_LIAISON: Institution.FRONT,
    Role.INSPECTION_CHAIR: Institution.INSPECTION,
    Role.INSPECTION_MEMBER: Institution.INSPECTION,
}
ROLE_RANK: dict[str, str] = {
    Role.PARTY_SECRETARY: Rank.HEAD,
    Role.PARTY_DEPUTY: Rank.DEPUTY,
    Role.PARTY_OFFICE_HEAD: Rank.OFFICE_HEAD,
    Role.PARTY_OFFICER: Rank.OFFICER,
    Role.CHAIR: Rank.HEAD,
    Role.VICE_CHAIR: Rank.DEPUTY,
    Role.STATE_OFFICE_HEAD: Rank.OFFICE_HEAD,
    Role.WARD_OFFICER: Rank.OFFICER,
    Role.COUNCIL_STANDING: Rank.DEPUTY,
    Role.MTTQ_LIAISON: Rank.OFFICER,
    Role.INSPECTION_CHAIR: Rank.HEAD,
    Role.INSPECTION_MEMBER: Rank.OFFICER,
}
# The heads of the two institutions (Bí thư, Chủ tịch UBND).
HEAD_ROLES = (Role.PARTY_SECRETARY, Role.CHAIR)
# The heads and deputies who chair sessions and approve plans, per institution.
LEADER_ROLES = {
    Institution.PARTY: (Role.PARTY_SECRETARY, Role.PARTY_DEPUTY),
    Institution.STATE: (Role.CHAIR, Role.VICE_CHAIR),
}


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
        help_text=_("Official title as written on documents, e.g. Phó Chủ tịch Ủy ban nhân dân."),
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

    @property
    def institution(self) -> str | None:
        return ROLE_INSTITUTION.get(self.role)

    @property
    def rank(self) -> str | None:
        return ROLE_RANK.get(self.role)

    @property
    def title(self) -> str:
        """The position as written on documents: the stored one, else the role's name."""
        return self.position or str(self.get_role_display())


def _given_name_first(full_name: str) -> str:
    """ "Nguyễn Văn Hải" → "Hải Nguyễn Văn": Vietnamese lists of people sort by given name."""
    words = full_name.split()
    return " ".join(words[-1:] + words[:-1])


class Person(models.Model):
    """The person behind a staff account: their name as Vietnamese write it, one field,
    family name first ("Nguyễn Văn Hải"). Django's first/last name fields stay empty."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="person",
    )
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        help_text=_("Family name first, as on the identity card: Nguyễn Văn Hải."),
    )
    # "Hải Nguyễn Văn": lists of people sort by this in Vietnamese order.
    sort_name = models.CharField(max_length=150, editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = normalize_spaces(self.full_name)
        self.sort_name = _given_name_first(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)
