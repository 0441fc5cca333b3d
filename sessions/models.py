"""Dialogue sessions (buổi tiếp xúc, đối thoại) under QĐ 935-QĐ/TU, and the rules they follow.

A session belongs to one unit and moves through the states of domain.md §4. Every change
goes through one function in ``sessions/services.py`` and leaves a ``SessionTransition``
row. The numbers the sessions must meet (how often, how much notice, how soon the
conclusions) are admin-editable rules with their legal basis, never constants.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import HistoryEntry
from dialogue_portal.lib.fields import ClockedDateTimeField
from dialogue_portal.lib.text import fold
from units.models import Institution


def new_public_id() -> str:
    """The random identifier citizens see in URLs and calendar UIDs (never the pk)."""
    return secrets.token_urlsafe(9)


class SessionKind(models.TextChoices):
    CONFERENCE = "conference", _("Dialogue conference")
    RECEPTION = "reception", _("Periodic citizen reception")
    THEMATIC = "thematic", _("Thematic dialogue")
    AD_HOC = "ad_hoc", _("Ad hoc dialogue")


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class SessionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Plan approved")
    ANNOUNCED = "announced", _("Announced")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")
    CONCLUDED = "concluded", _("Conclusions issued")
    CLOSED = "closed", _("Closed")


class SessionHosts(models.TextChoices):
    PARTY_SECRETARY = "party_secretary", _("Party committee secretary (Bí thư)")
    PEOPLE_COMMITTEE_CHAIR = "chair", _("People's Committee chair (Chủ tịch UBND)")
    BOTH = "both", _("Party secretary and People's Committee chair")


class ChairRole(models.TextChoices):
    """Who actually chaired: a head, a deputy, or someone a head delegated to."""

    PARTY_SECRETARY = "party_secretary", _("Party committee secretary")
    PARTY_DEPUTY = "party_deputy", _("Deputy Party committee secretary")
    PEOPLE_COMMITTEE_CHAIR = "chair", _("People's Committee chair")
    VICE_CHAIR = "vice_chair", _("People's Committee vice-chair")
    DELEGATE = "delegate", _("Someone a head delegated to")


class DelegatingHead(models.TextChoices):
    """Whose place a delegate took (decides whose conclusions they are)."""

    PARTY_SECRETARY = "party_secretary", _("the Party committee secretary")
    PEOPLE_COMMITTEE_CHAIR = "chair", _("the People's Committee chair")


# The institution each chair speaks for (units.models.Institution values). A delegating
# head's code is the head's own chair code, so a delegate is looked up here too.
CHAIR_INSTITUTION = {
    ChairRole.PARTY_SECRETARY: Institution.PARTY,
    ChairRole.PARTY_DEPUTY: Institution.PARTY,
    ChairRole.PEOPLE_COMMITTEE_CHAIR: Institution.STATE,
    ChairRole.VICE_CHAIR: Institution.STATE,
}


class MassOrganisation(models.TextChoices):
    """The Fatherland Front and the five socio-political organisations that, since the 2025
    reorganisation, work under it: a session's co-organisers, the sender of 936 feedback
    (``petitions``, whose stored codes these are)."""

    FATHERLAND_FRONT = "mttq", _("Vietnam Fatherland Front committee (MTTQ)")
    TRADE_UNION = "cong_doan", _("Trade union")
    YOUTH_UNION = "doan_thanh_nien", _("Ho Chi Minh Communist Youth Union")
    WOMEN_UNION = "hoi_phu_nu", _("Women's Union")
    FARMERS_UNION = "hoi_nong_dan", _("Farmers' Union")
    VETERANS = "hoi_cuu_chien_binh", _("Veterans' Association")


# A session's co-organisers are mass organisations (the name the sessions app used).
CoOrganiser = MassOrganisation


# States the public may see: from the announcement on, never drafts or plans.
PUBLIC_STATES = (
    SessionState.ANNOUNCED,
    SessionState.POSTPONED,
    SessionState.CANCELLED,
    SessionState.HELD,
    SessionState.CONCLUDED,
    SessionState.CLOSED,
)
# States in which the plan (topic, place, times, hosts) may still be edited.
EDITABLE_STATES = (
    SessionState.DRAFT,
    SessionState.PLANNED,
    SessionState.ANNOUNCED,
    SessionState.POSTPONED,
)
# States that mean the session took place.
HELD_STATES = (SessionState.HELD, SessionState.CONCLUDED, SessionState.CLOSED)
# States that can only be reached through an announcement.
ANNOUNCED_STATES = (SessionState.ANNOUNCED, SessionState.POSTPONED, *HELD_STATES)
# States in which the conclusions notice is out.
CONCLUDED_STATES = (SessionState.CONCLUDED, SessionState.CLOSED)


class DialogueSessionQuerySet(models.QuerySet):
    def public(self) -> "DialogueSessionQuerySet":
        """Sessions a citizen may see: announced at some point, and in a public state.

        A plan cancelled before it was announced never becomes public.
        """
        return self.filter(state__in=PUBLIC_STATES, announced_at__isnull=False)

    def in_units(self, units) -> "DialogueSessionQuerySet":
        return self.filter(unit__in=units)

    def search(self, query: str) -> "DialogueSessionQuerySet":
        """Accent-insensitive search on topic and place ("doi thoai" finds "Đối thoại")."""
        key = fold(query)
        if not key:
            return self
        return self.filter(search_text__contains=key)

    def with_list_relations(self) -> "DialogueSessionQuerySet":
        return self.select_related("unit")


class DialogueSession(models.Model):
    """One dialogue session (buổi tiếp xúc, đối thoại) of one unit."""

    Kind = SessionKind
    Format = SessionFormat
    State = SessionState
    Hosts = SessionHosts

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="dialogue_sessions",
    )
    public_id = models.CharField(
        _("public identifier"), max_length=24, unique=True, default=new_public_id, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Required for online and hybrid sessions."),
    )
    topic = models.CharField(_("topic"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Address of the venue. Required unless the session is online only."),
    )
    planned_start = models.DateTimeField(_("start"))
    planned_end = models.DateTimeField(_("end"))
    target_audience = models.TextField(
        _("target audience"),
        blank=True,
        help_text=_("Which neighbourhoods, residential groups or groups of people are invited."),
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    how_to_take_part = models.TextField(
        _("how to take part"),
        blank=True,
        help_text=_(
            "Shown to the public: registration, documents to bring, how to send questions."
        ),
    )

    # Hosts: the heads who preside, or the deputy they delegated to.
    hosts = models.CharField(
        _("hosted by"), max_length=20, choices=SessionHosts.choices, default=SessionHosts.BOTH
    )
    party_secretary_name = models.CharField(_("Party secretary's name"), max_length=120, blank=True)
    chair_name = models.CharField(_("People's Committee chair's name"), max_length=120, blank=True)
    delegate_name = models.CharField(
        _("delegated deputy's name"),
        max_length=120,
        blank=True,
        help_text=_("Only when a head has delegated the session to a deputy."),
    )
    delegate_position = models.CharField(
        _("delegated deputy's position"), max_length=120, blank=True
    )
    co_organisers = models.JSONField(_("co-organisers"), default=list, blank=True)
    other_co_organisers = models.CharField(_("other co-organisers"), max_length=300, blank=True)

    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SessionState.choices,
        default=SessionState.DRAFT,
        db_index=True,
    )
    # Optimistic concurrency: the edit form carries this and a stale form is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    # iCalendar SEQUENCE: rises on every postponement or change of time or place.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)

    submitted_at = models.DateTimeField(_("submitted for approval"), null=True, blank=True)
    approved_at = models.DateTimeField(_("plan approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    notice_working_days = models.IntegerField(
        _("notice (working days)"),
        null=True,
        blank=True,
        help_text=_(
            "Working days between the announcement and the session, counted when announced."
        ),
    )
    is_late_notice = models.BooleanField(_("late notice"), default=False)
    late_notice_reason = models.TextField(_("reason for late notice"), blank=True)
    postponed_reason = models.TextField(_("reason for postponement"), blank=True)
    cancelled_reason = models.TextField(_("reason for cancellation"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    # Facts recorded once the session is held.
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    chaired_by_role = models.CharField(
        _("chaired by"), max_length=20, choices=ChairRole.choices, blank=True
    )
    chaired_by_name = models.CharField(_("chair's name"), max_length=120, blank=True)
    chaired_by_position = models.CharField(
        _("chair's position"),
        max_length=160,
        blank=True,
        help_text=_("As written on documents, e.g. Phó Chủ tịch Ủy ban nhân dân phường."),
    )
    delegated_by = models.CharField(
        _("delegated by"), max_length=20, choices=DelegatingHead.choices, blank=True
    )
    co_chairs = models.TextField(
        _("co-chairs"),
        blank=True,
        help_text=_(
            "A dialogue conference is chaired jointly by the People's Committee, the "
            "Fatherland Front committee and a standing member of the People's Council."
        ),
    )
    attendance_count = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    bodies_present = models.TextField(
        _("bodies present"),
        blank=True,
        help_text=_("Who attended from which bodies (Party committee, UBND, MTTQ, organisations)."),
    )
    minutes_text = models.TextField(_("minutes"), blank=True)
    recording_link = models.URLField(_("audio or video recording link"), max_length=500, blank=True)
    held_recorded_at = models.DateTimeField(_("recorded as held"), null=True, blank=True)
    conclusions_due = models.DateField(
        _("conclusions due"),
        null=True,
        blank=True,
        help_text=_("Computed from the conclusions rule when the session is recorded as held."),
    )

    # The conclusions notice (thông báo kết luận).
    conclusions_number = models.CharField(
        _("number and symbol"), max_length=60, blank=True, help_text=_("For example 12/TB-UBND.")
    )
    conclusions_date = models.DateField(_("date of the notice"), null=True, blank=True)
    conclusions_signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    conclusions_signer_position = models.CharField(
        _("signer's position"), max_length=120, blank=True
    )
    # head / deputy / office_head (units.models.Rank): the authority line the signer uses.
    conclusions_signer_rank = models.CharField(_("signer's rank"), max_length=20, blank=True)
    conclusions_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conclusions_document = models.OneToOneField(
        "documents.OutgoingDocument",
        verbose_name=_("entry in the register of outgoing documents"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conclusions_text = models.TextField(_("conclusions"), blank=True)
    conclusions_issued_at = models.DateTimeField(_("conclusions issued"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # Accent-free lower-case copy of topic and place for the staff search.
    search_text = models.CharField(max_length=700, editable=False, db_index=True, default="")

    created_at = ClockedDateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = ClockedDateTimeField(_("last changed"), auto_now=True)

    objects = DialogueSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["-planned_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=SessionState.values),
                name="dialogue_sessions_dialoguesession_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SessionKind.values),
                name="dialogue_sessions_dialoguesession_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=SessionFormat.values),
                name="dialogue_sessions_dialoguesession_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(hosts__in=SessionHosts.values),
                name="dialogue_sessions_dialoguesession_hosts_valid",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__gt=models.F("planned_start")),
                name="dialogue_sessions_dialoguesession_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_end__gt=models.F("actual_start")),
                name="dialogue_sessions_dialoguesession_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(format=SessionFormat.IN_PERSON) | ~Q(online_link=""),
                name="dialogue_sessions_dialoguesession_online_needs_link",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=HELD_STATES) | Q(actual_start__isnull=False),
                name="dialogue_sessions_dialoguesession_held_has_actual_start",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=ANNOUNCED_STATES) | Q(announced_at__isnull=False),
                name="dialogue_sessions_dialoguesession_announced_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=CONCLUDED_STATES) | Q(conclusions_issued_at__isnull=False),
                name="dialogue_sessions_dialoguesession_concluded_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=SessionState.CANCELLED) | ~Q(cancelled_reason=""),
                name="dialogue_sessions_dialoguesession_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(is_late_notice=True) | ~Q(late_notice_reason=""),
                name="dialogue_sessions_dialoguesession_late_notice_has_reason",
            ),
        ]
        indexes = [
            # Staff list and calendar: a unit's sessions by date.
            models.Index(fields=["unit", "planned_start"], name="dlg_session_unit_start_idx"),
            # Public calendar and feeds: public states by date.
            models.Index(fields=["state", "planned_start"], name="dlg_session_state_start_idx"),
            # Sessions held in a period, per unit (compliance.selectors SessionConditions.held,
            # _session_counts, and the all-history rollup).
            models.Index(fields=["unit", "actual_start"], name="dlg_session_unit_held_idx"),
        ]

    def __str__(self) -> str:
        return self.topic

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.topic} {self.place}")[:700]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and self.announced_at is not None

    @property
    def is_held(self) -> bool:
        return self.state in HELD_STATES

    @property
    def is_plan_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def co_organiser_labels(self) -> list[str]:
        labels = dict(MassOrganisation.choices)
        names = [str(labels.get(code, code)) for code in self.co_organisers or []]
        if self.other_co_organisers:
            names.append(self.other_co_organisers)
        return names

    @property
    def host_names(self) -> list[str]:
        """Who presides, as the public sees it."""
        names = []
        if (
            self.hosts in (SessionHosts.PARTY_SECRETARY, SessionHosts.BOTH)
            and self.party_secretary_name
        ):
            names.append(self.party_secretary_name)
        if (
            self.hosts in (SessionHosts.PEOPLE_COMMITTEE_CHAIR, SessionHosts.BOTH)
            and self.chair_name
        ):
            names.append(self.chair_name)
        return names

    @property
    def conclusions_published(self) -> bool:
        return self.state in CONCLUDED_STATES

    @property
    def institutions(self) -> tuple[str, ...]:
        """Whose session it is: who plans, runs and approves it.

        A dialogue conference belongs to the UBND (Luật Tổ chức chính quyền địa phương
        2025, Điều 43); the Bí thư's sessions to the Party committee, the Chủ tịch's to the
        UBND; a joint session of both heads to both.
        """
        if self.kind == SessionKind.CONFERENCE:
            return (Institution.STATE,)
        if self.hosts == SessionHosts.PARTY_SECRETARY:
            return (Institution.PARTY,)
        if self.hosts == SessionHosts.PEOPLE_COMMITTEE_CHAIR:
            return (Institution.STATE,)
        return (Institution.PARTY, Institution.STATE)

    @property
    def issuer_institution(self) -> str:
        """Who issues the conclusions notice: the institution of whoever actually chaired.

        The Bí thư's conclusions are a Party notice, the Chủ tịch's a state notice; a
        conference's results are published by the UBND. Before the session is recorded as
        held, the planned hosts decide.
        """
        if self.kind == SessionKind.CONFERENCE:
            return Institution.STATE
        if self.chaired_by_role == ChairRole.DELEGATE and self.delegated_by:
            return CHAIR_INSTITUTION[self.delegated_by]
        if self.chaired_by_role in CHAIR_INSTITUTION:
            return CHAIR_INSTITUTION[self.chaired_by_role]
        if self.hosts == SessionHosts.PARTY_SECRETARY:
            return Institution.PARTY
        return Institution.STATE


class SessionAction(models.TextChoices):
    """What a session history row records; the audit code of the same change is
    ``session.<value>`` (``rescheduled`` is audited as ``session.updated``)."""

    CREATED = "created", _("Plan drafted")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Plan approved")
    ANNOUNCED = "announced", _("Announced")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Recorded as held")
    CONCLUSIONS_ISSUED = "conclusions_issued", _("Conclusions issued")
    CLOSED = "closed", _("Closed")

    @classmethod
    def for_change(cls, from_state: str, to_state: str, event: str = "") -> str:
        """The action of a row written without one (older rows, bulk writers): from the
        event its details name, else from the state it reached ("" for an unknown state,
        which the database then refuses)."""
        if event in (cls.SUBMITTED, cls.RESCHEDULED):
            return cls(event)
        if not from_state:
            return cls.CREATED
        return _ACTION_REACHING.get(to_state, "")


_ACTION_REACHING = {
    SessionState.DRAFT: SessionAction.CREATED,
    SessionState.PLANNED: SessionAction.APPROVED,
    SessionState.ANNOUNCED: SessionAction.ANNOUNCED,
    SessionState.POSTPONED: SessionAction.POSTPONED,
    SessionState.CANCELLED: SessionAction.CANCELLED,
    SessionState.HELD: SessionAction.HELD,
    SessionState.CONCLUDED: SessionAction.CONCLUSIONS_ISSUED,
    SessionState.CLOSED: SessionAction.CLOSED,
}


class SessionTransition(HistoryEntry):
    """One change in a session's life: who, when, what, from, to, note. Never changed."""

    actions = SessionAction

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=30, choices=SessionAction.choices)
    from_state = models.CharField(
        _("from"), max_length=20, choices=SessionState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=20, choices=SessionState.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("session history entry")
        verbose_name_plural = _("session history")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=SessionState.values),
                name="dialogue_sessions_sessiontransition_to_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(from_state="") | Q(from_state__in=SessionState.values),
                name="dialogue_sessions_sessiontransition_from_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(action__in=SessionAction.values),
                name="dialogue_sessions_sessiontransition_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.from_state or '—'} → {self.to_state}"

    def derive_action(self) -> str:
        return SessionAction.for_change(
            self.from_state, self.to_state, (self.data or {}).get("event", "")
        )

    @property
    def event_text(self) -> str:
        """The facts of the change worth reading beside its action (dates moved, late notice)."""
        from datetime import datetime

        from django.utils import timezone
        from django.utils.formats import date_format

        data = self.data or {}

        def when(key: str) -> str:
            value = data.get(key)
            if not value:
                return "—"
            return date_format(timezone.localtime(datetime.fromisoformat(value)), "d/m/Y H:i")

        if self.action == SessionAction.POSTPONED:
            text = _("Moved from %(old)s to %(new)s.")
            return str(text) % {"old": when("old_start"), "new": when("new_start")}
        if self.action == SessionAction.RESCHEDULED:
            text = _("Rescheduled from %(old)s to %(new)s.")
            return str(text) % {"old": when("old_start"), "new": when("new_start")}
        if self.action == SessionAction.ANNOUNCED and data.get("late"):
            return str(
                _("Announced with late notice: %(notice)s of %(required)s days required.")
            ) % {"notice": data.get("notice"), "required": data.get("required")}
        return ""


class AttachmentKind(models.TextChoices):
    MINUTES = "minutes", _("Signed minutes (PDF)")
    PHOTO = "photo", _("Photo")
    SIGN_IN_SHEET = "sign_in_sheet", _("Sign-in sheet")


def _attachment_path(instance, filename):
    # The service passes a random name from dialogue_portal.lib.uploads; keep it as is.
    return filename


class SessionAttachment(models.Model):
    """A file recorded with a held session. Stored under a random name, served to staff only."""

    Kind = AttachmentKind

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    # "pdf", "jpeg" or "png", as detected from the content.
    content_kind = models.CharField(_("file type"), max_length=10)
    original_name = models.CharField(_("original file name"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = ClockedDateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("session attachment")
        verbose_name_plural = _("session attachments")
        ordering = ["kind", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AttachmentKind.values),
                name="dialogue_sessions_sessionattachment_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(content_kind__in=["pdf", "jpeg", "png"]),
                name="dialogue_sessions_sessionattachment_content_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AttachmentKind.MINUTES) | Q(content_kind="pdf"),
                name="dialogue_sessions_sessionattachment_minutes_is_pdf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


# ---------------------------------------------------------------------------------------
# Rules (admin-editable, seeded from domain.md §6 by a data migration)
# ---------------------------------------------------------------------------------------


class UnitLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune level (ward, commune, special zone)")
    CITY = "city", _("City level")


class RuleHost(models.TextChoices):
    ANY = "any", _("Any host")
    PARTY_SECRETARY = "party_secretary", _("Party committee secretary")
    PEOPLE_COMMITTEE_CHAIR = "chair", _("People's Committee chair")


class RulePeriod(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class FrequencyRule(models.Model):
    """How many sessions of a kind a unit must hold per period."""

    unit_level = models.CharField(_("unit level"), max_length=20, choices=UnitLevel.choices)
    session_kind = models.CharField(_("session kind"), max_length=20, choices=SessionKind.choices)
    host = models.CharField(
        _("hosted by"),
        max_length=20,
        choices=RuleHost.choices,
        default=RuleHost.ANY,
        help_text=_("Whose sessions count towards this rule."),
    )
    period = models.CharField(_("period"), max_length=10, choices=RulePeriod.choices)
    minimum = models.PositiveIntegerField(_("at least"))
    target = models.PositiveIntegerField(_("target"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("frequency rule")
        verbose_name_plural = _("frequency rules")
        ordering = ["unit_level", "session_kind", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_level", "session_kind", "host"],
                name="dialogue_sessions_frequencyrule_unique",
            ),
            models.CheckConstraint(
                condition=Q(unit_level__in=UnitLevel.values),
                name="dialogue_sessions_frequencyrule_unit_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(session_kind__in=SessionKind.values),
                name="dialogue_sessions_frequencyrule_session_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(host__in=RuleHost.values),
                name="dialogue_sessions_frequencyrule_host_valid",
            ),
            models.CheckConstraint(
                condition=Q(period__in=RulePeriod.values),
                name="dialogue_sessions_frequencyrule_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=models.F("minimum")),
                name="dialogue_sessions_frequencyrule_target_not_below_minimum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_unit_level_display()} · {self.get_session_kind_display()} · ≥{self.minimum} {self.get_period_display()}"


class TimingRuleKind(models.TextChoices):
    NOTICE = "notice", _("Minimum public notice before a session")
    CONCLUSIONS = "conclusions", _("Maximum time to issue the conclusions notice")
    MINUTES = "minutes", _("Reminder when a held session has no minutes after")


class TimingRule(models.Model):
    """A number of (working) days a session must respect, optionally for one kind only."""

    Kind = TimingRuleKind

    kind = models.CharField(_("rule"), max_length=20, choices=TimingRuleKind.choices)
    session_kind = models.CharField(
        _("session kind"),
        max_length=20,
        choices=SessionKind.choices,
        blank=True,
        help_text=_("Leave empty for a rule that applies to every kind."),
    )
    days = models.PositiveIntegerField(_("days"))
    working_days = models.BooleanField(
        _("counted in working days"),
        default=True,
        help_text=_("Working days skip weekends and public holidays; otherwise calendar days."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("timing rule")
        verbose_name_plural = _("timing rules")
        ordering = ["kind", "session_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "session_kind"], name="dialogue_sessions_timingrule_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TimingRuleKind.values),
                name="dialogue_sessions_timingrule_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(session_kind="") | Q(session_kind__in=SessionKind.values),
                name="dialogue_sessions_timingrule_session_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days}"


class ReminderKind(models.TextChoices):
    ANNOUNCE = "announce", _("Planned session near and not announced")
    MINUTES = "minutes", _("Held session without minutes")
    CONCLUSIONS_DUE = "conclusions_due", _("Conclusions due soon")
    CONCLUSIONS_OVERDUE = "conclusions_overdue", _("Conclusions overdue")


class ReminderSent(models.Model):
    """A reminder e-mail already sent, so that ``send_reminders`` never sends it twice.

    Keyed by the session, the kind of reminder and the date it is about (the session's
    start, or the conclusions due date): a postponed session gets a fresh reminder.
    """

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    about_date = models.DateField(_("about the date"))
    sent_at = ClockedDateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind", "about_date"], name="dialogue_sessions_remindersent_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values),
                name="dialogue_sessions_remindersent_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.kind} {self.about_date}"
