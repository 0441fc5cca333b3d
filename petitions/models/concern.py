"""The concern itself, its category and the admin-editable rule of its type."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.fields import ClockedDateTimeField
from dialogue_portal.lib.text import fold

from .choices import (
    FINAL_STATES,
    IDENTITY_TYPES,
    OPEN_STATES,
    SIGNER_RANKS,
    AccusedRole,
    AddressedTo,
    AnswerStatus,
    AnswerVerdict,
    CitizenVerdict,
    ComplaintFinding,
    ConcernChannel,
    ConcernState,
    ConcernType,
    DeclineReason,
    Organisation,
)


class Category(models.Model):
    """Subject area of a concern. Administrators edit the list in the admin."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        # The administrators' positions, then Vietnamese alphabetical order.
        ordering = ["ordering", vietnamese_order("name")]

    def __str__(self) -> str:
        return self.name


class ConcernRule(models.Model):
    """The clocks of one concern type (domain.md §6). Never hard-coded: seeded, then edited."""

    type = models.CharField(
        _("concern type"), max_length=20, choices=ConcernType.choices, unique=True
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        _("days to acknowledge (working days)"),
        help_text=_("Working days from receipt to acceptance or routing."),
    )
    answer_days = models.PositiveSmallIntegerField(_("days to answer"))
    answer_in_working_days = models.BooleanField(
        _("answer days are working days"),
        default=False,
        help_text=_("Off: calendar days."),
    )
    complex_days = models.PositiveSmallIntegerField(
        _("days to answer a complex case"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the law gives complex cases no longer time."),
    )
    citizen_window_days = models.PositiveSmallIntegerField(
        _("citizen's window to accept or dispute (working days)"), default=10
    )
    needs_head_approval = models.BooleanField(
        _("answer needs the unit head's approval"), default=False
    )
    max_extensions = models.PositiveSmallIntegerField(
        _("extensions allowed"),
        default=1,
        help_text=_("How many times the deadline may be extended."),
    )
    max_extension_days = models.PositiveSmallIntegerField(
        _("longest extension (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit on the length of one extension."),
    )
    allows_pause = models.BooleanField(
        _("the clock may be paused while waiting for the citizen"),
        default=True,
        help_text=_(
            "Off for complaints and denunciations: only a formal suspension stops a statutory "
            "clock."
        ),
    )
    citizen_may_dispute = models.BooleanField(
        _("the citizen may accept or dispute the answer"),
        default=True,
        help_text=_(
            "Off for complaints (the remedy is a second complaint or a lawsuit) and denunciations."
        ),
    )
    acknowledge_in_working_days = models.BooleanField(
        _("acknowledgement days are working days"), default=True
    )
    remote_answer_days = models.PositiveSmallIntegerField(
        _("days to answer in a remote area"), null=True, blank=True
    )
    remote_complex_days = models.PositiveSmallIntegerField(
        _("days to answer a complex case in a remote area"), null=True, blank=True
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("days to file a second complaint"),
        null=True,
        blank=True,
        help_text=_("From the first decision; empty when the type has no second instance."),
    )
    remote_appeal_days = models.PositiveSmallIntegerField(
        _("days to file a second complaint in a remote area"), null=True, blank=True
    )
    second_answer_days = models.PositiveSmallIntegerField(
        _("days to resolve a second complaint"), null=True, blank=True
    )
    second_complex_days = models.PositiveSmallIntegerField(
        _("days to resolve a complex second complaint"), null=True, blank=True
    )
    second_remote_answer_days = models.PositiveSmallIntegerField(
        _("days to resolve a second complaint in a remote area"), null=True, blank=True
    )
    second_remote_complex_days = models.PositiveSmallIntegerField(
        _("days to resolve a complex second complaint in a remote area"), null=True, blank=True
    )
    transfer_days = models.PositiveSmallIntegerField(
        _("working days to transfer a case outside competence"), null=True, blank=True
    )
    legal_basis = models.TextField(_("legal basis"))

    class Meta:
        verbose_name = _("concern rule")
        verbose_name_plural = _("concern rules")
        ordering = ["type"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=ConcernType.values), name="petitions_concernrule_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(answer_days__gte=1), name="petitions_concernrule_answer_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(complex_days__isnull=True) | Q(complex_days__gte=F("answer_days")),
                name="petitions_concernrule_complex_not_shorter",
            ),
        ]

    def __str__(self) -> str:
        return str(ConcernType(self.type).label)


class ConcernQuerySet(models.QuerySet):
    def open(self) -> "ConcernQuerySet":
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today) -> "ConcernQuerySet":
        """Open concerns past their deadline (acknowledgement while received), not paused."""
        return self.filter(
            Q(state=ConcernState.RECEIVED, ack_due_at__lt=today)
            | Q(state__in=(ConcernState.ACCEPTED, ConcernState.ASSIGNED), due_at__lt=today),
            paused_since__isnull=True,
        )

    def due_between(self, start, end) -> "ConcernQuerySet":
        return self.filter(
            Q(state=ConcernState.RECEIVED, ack_due_at__range=(start, end))
            | Q(
                state__in=(ConcernState.ACCEPTED, ConcernState.ASSIGNED), due_at__range=(start, end)
            )
        )

    def retention_expired(self, cutoff) -> "ConcernQuerySet":
        """Ended before ``cutoff`` and still holding the submitter's personal data.

        "Ended" is the final transition (closed, referred, declined, merged, withdrawn):
        every one of them sets ``closed_at``.
        """
        return self.filter(state__in=FINAL_STATES, closed_at__lt=cutoff, anonymised_at__isnull=True)

    def search(self, query: str) -> "ConcernQuerySet":
        key = fold(query)
        if not key:
            return self
        compact = key.replace(" ", "").replace("-", "").upper()
        return self.filter(
            Q(search_text__contains=key) | Q(tracking_code_compact__contains=compact)
        )


class Concern(models.Model):
    State = ConcernState
    Channel = ConcernChannel
    Type = ConcernType

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    # The code without hyphens, for searching by a fragment however it was typed.
    tracking_code_compact = models.CharField(max_length=20, editable=False)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit concerned"),
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    addressed_to = models.CharField(
        _("addressed to"),
        max_length=20,
        choices=AddressedTo.choices,
        default=AddressedTo.STATE,
        help_text=_(
            "The institution that handles, answers and signs: the People's Committee or the "
            "Party committee of the unit."
        ),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ConcernChannel.choices)
    type = models.CharField(_("type"), max_length=20, choices=ConcernType.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    content = models.TextField(_("content"))
    address = models.CharField(_("location"), max_length=300, blank=True)

    submitter_name = models.CharField(_("submitter's name"), max_length=200, blank=True)
    submitter_phone = models.CharField(_("submitter's phone"), max_length=30, blank=True)
    submitter_email = models.EmailField(_("submitter's e-mail"), blank=True)
    submitter_address = models.CharField(_("submitter's address"), max_length=300, blank=True)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    session = models.ForeignKey(
        "dialogue_sessions.DialogueSession",
        verbose_name=_("raised at session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    organisation = models.CharField(
        _("organisation"), max_length=30, choices=Organisation.choices, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    state = models.CharField(
        _("state"), max_length=20, choices=ConcernState.choices, default=ConcernState.RECEIVED
    )
    received_at = models.DateTimeField(_("received"), default=clock.now)
    ack_due_at = models.DateField(_("acknowledge by"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    is_complex = models.BooleanField(_("complex case"), default=False)
    due_at = models.DateField(_("answer due"), null=True, blank=True)
    due_explanation = models.TextField(_("how the due date was counted"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_concerns",
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)

    answer_status = models.CharField(
        _("answer status"), max_length=20, choices=AnswerStatus.choices, blank=True, default=""
    )
    answer_text = models.TextField(_("answer (letter)"), blank=True)
    answer_public_text = models.TextField(
        _("answer as published"),
        blank=True,
        help_text=_("What the citizen's status page shows: remove personal data."),
    )
    verdict = models.CharField(
        _("verdict on the feedback"), max_length=20, choices=AnswerVerdict.choices, blank=True
    )
    verdict_explanation = models.TextField(_("what is not accepted, and why"), blank=True)
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answer approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who approved the answer, as they were at that moment: their name, their position as
    # documents write it ("Chủ tịch Ủy ban nhân dân phường Bến Thành") and their rank in the
    # institution (head, deputy, office head: units.models.Rank), which decides the authority
    # line they sign with. Empty when the answer went out without approval.
    answer_signer_name = models.CharField(_("approved by (name)"), max_length=150, blank=True)
    answer_signer_position = models.CharField(
        _("position of the approver"), max_length=200, blank=True
    )
    answer_signer_rank = models.CharField(
        _("rank of the approver"), max_length=20, choices=SIGNER_RANKS, blank=True
    )
    answer_published_at = models.DateTimeField(_("answer published"), null=True, blank=True)
    answered_at_session = models.BooleanField(
        _("answered on the spot at the session"), default=False
    )
    return_count = models.PositiveSmallIntegerField(_("times returned for rework"), default=0)

    citizen_verdict = models.CharField(
        _("citizen's verdict"), max_length=20, choices=CitizenVerdict.choices, blank=True
    )
    citizen_verdict_at = models.DateTimeField(_("citizen's verdict given"), null=True, blank=True)
    dispute_count = models.PositiveSmallIntegerField(_("disputes"), default=0)

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_concerns",
    )
    referred_from = models.ForeignKey(
        "self",
        verbose_name=_("referred from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    # Statutory procedures (domain.md §5a). A second complaint (khiếu nại lần hai) is its own
    # case at the level above, linked to the first; ``instance`` is 2 there.
    instance = models.PositiveSmallIntegerField(_("instance"), default=1)
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("second complaint against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    # The unit a case is about when it is resolved elsewhere: a denunciation of a ward's
    # Bí thư or Chủ tịch is resolved at the level above (``unit``) and never shown to the
    # ward (``origin_unit``).
    origin_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit the case is about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accused_role = models.CharField(
        _("person denounced"), max_length=20, choices=AccusedRole.choices, blank=True
    )
    accused_name = models.CharField(
        _("name and position of the person denounced"), max_length=300, blank=True
    )
    finding = models.CharField(
        _("finding of the complaint decision"),
        max_length=20,
        choices=ComplaintFinding.choices,
        blank=True,
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # Set when the submitter's personal data was removed: after the retention period
    # (``anonymise_personal_data``) or at the person's request. Counts stay as they were.
    anonymised_at = models.DateTimeField(_("personal data anonymised"), null=True, blank=True)

    # Folded (accent-free, lower case) code, content and submitter name for the queue's
    # search. Searched with LIKE '%…%', which no B-tree index serves (and a long text
    # would overflow one); the queue narrows by the unit/state index first.
    search_text = models.TextField(editable=False, blank=True)
    # Optimistic locking: every change increments it; a form carries the value it saw.
    version = models.PositiveIntegerField(default=1)
    updated_at = ClockedDateTimeField(auto_now=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ConcernState.values), name="petitions_concern_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=ConcernChannel.values),
                name="petitions_concern_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(type__in=ConcernType.values), name="petitions_concern_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(addressed_to__in=AddressedTo.values),
                name="petitions_concern_addressed_to_valid",
            ),
            models.CheckConstraint(
                condition=Q(answer_signer_rank="")
                | Q(answer_signer_rank__in=[value for value, _label in SIGNER_RANKS]),
                name="petitions_concern_answer_signer_rank_valid",
            ),
            models.CheckConstraint(
                condition=Q(organisation="") | Q(organisation__in=Organisation.values),
                name="petitions_concern_organisation_valid",
            ),
            models.CheckConstraint(
                condition=~Q(channel=ConcernChannel.ORGANISATION) | ~Q(organisation=""),
                name="petitions_concern_organisation_feedback_names_organisation",
            ),
            models.CheckConstraint(
                condition=Q(answer_status__in=AnswerStatus.values),
                name="petitions_concern_answer_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=AnswerVerdict.values),
                name="petitions_concern_verdict_valid",
            ),
            models.CheckConstraint(
                condition=Q(citizen_verdict="") | Q(citizen_verdict__in=CitizenVerdict.values),
                name="petitions_concern_citizen_verdict_valid",
            ),
            models.CheckConstraint(
                condition=Q(decline_reason="") | Q(decline_reason__in=DeclineReason.values),
                name="petitions_concern_decline_reason_valid",
            ),
            # Complaints and denunciations carry a name and a way to reach the person,
            # until their personal data is anonymised (retention period, erasure request).
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False)
                | ~Q(type__in=IDENTITY_TYPES)
                | (
                    ~Q(submitter_name="")
                    & (~Q(submitter_phone="") | ~Q(submitter_email="") | ~Q(submitter_address=""))
                ),
                name="petitions_concern_identity_for_complaint_and_denunciation",
            ),
            # Only a concern that has ended is anonymised, and then nothing of the person stays.
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(state__in=FINAL_STATES),
                name="petitions_concern_anonymised_only_when_ended",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True)
                | Q(
                    submitter_name="", submitter_phone="", submitter_email="", submitter_address=""
                ),
                name="petitions_concern_anonymised_has_no_personal_data",
            ),
            models.CheckConstraint(
                condition=(Q(state=ConcernState.MERGED) & Q(merged_into__isnull=False))
                | (~Q(state=ConcernState.MERGED) & Q(merged_into__isnull=True)),
                name="petitions_concern_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="petitions_concern_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=~Q(state=ConcernState.DECLINED) | ~Q(decline_reason=""),
                name="petitions_concern_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ConcernState.ASSIGNED) | Q(due_at__isnull=False),
                name="petitions_concern_assigned_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="petitions_concern_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(instance__in=(1, 2)), name="petitions_concern_instance_valid"
            ),
            models.CheckConstraint(
                condition=Q(instance=1, appeal_of__isnull=True)
                | Q(instance=2, appeal_of__isnull=False),
                name="petitions_concern_second_instance_has_first",
            ),
            models.CheckConstraint(
                condition=Q(accused_role__in=AccusedRole.values),
                name="petitions_concern_accused_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(finding="") | Q(finding__in=ComplaintFinding.values),
                name="petitions_concern_finding_valid",
            ),
        ]
        indexes = [
            # The staff queue: a unit's concerns in a state, sorted by due date.
            models.Index(fields=["unit", "state", "due_at"], name="petitions_queue_idx"),
            # Overdue and due-soon lookups across units (digest, compliance figures).
            models.Index(fields=["state", "due_at"], name="petitions_state_due_idx"),
            # Overdue acknowledgements of concerns still waiting in "received".
            models.Index(fields=["state", "ack_due_at"], name="petitions_state_ack_due_idx"),
            # "My queue" on the staff home: an officer's concerns by state.
            models.Index(fields=["assignee", "state"], name="petitions_assignee_state_idx"),
            # Compliance figures per period: concerns received in a date range, per unit.
            models.Index(fields=["unit", "received_at"], name="petitions_unit_received_idx"),
            # The compliance figures' "touched in the period" condition (compliance.selectors
            # ConcernConditions.touched, _concern_counts) ORs one date range per event; with
            # one (unit, date) index per branch PostgreSQL answers it as a BitmapOr of index
            # scans: answers published, concerns accepted, concerns ended, answers due and
            # acknowledgements due in the period.
            models.Index(
                fields=["unit", "answer_published_at"], name="petitions_unit_answered_idx"
            ),
            models.Index(fields=["unit", "accepted_at"], name="petitions_unit_accepted_idx"),
            models.Index(fields=["unit", "closed_at"], name="petitions_unit_closed_idx"),
            models.Index(fields=["unit", "due_at"], name="petitions_unit_due_idx"),
            models.Index(fields=["unit", "ack_due_at"], name="petitions_unit_ack_due_idx"),
            # A unit's open concerns by deadline: "overdue now" and "due this week" on the
            # unit dashboard (compliance.selectors.concerns_overdue_now,
            # concerns_due_this_week). Partial: years of ended concerns are never read.
            models.Index(
                fields=["unit", "due_at", "ack_due_at"],
                condition=Q(state__in=OPEN_STATES),
                name="petitions_unit_open_due_idx",
            ),
            # Searching by a fragment of the tracking code typed without hyphens.
            models.Index(fields=["tracking_code_compact"], name="petitions_code_compact_idx"),
            # The retention command: ended concerns not yet anonymised, by end date.
            models.Index(
                fields=["closed_at"],
                condition=Q(anonymised_at__isnull=True),
                name="petitions_retention_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "tracking_code_compact"}
        super().save(*args, **kwargs)

    def clean(self):
        """The rules the database also enforces, as form-friendly messages (admin, forms)."""
        from django.core.exceptions import ValidationError

        errors = {}
        if (
            ConcernType.requires_identity(self.type)
            and self.anonymised_at is None
            and not (self.submitter_name and self.has_contact)
        ):
            errors["submitter_name"] = _(
                "A complaint or a denunciation needs the submitter's name and a way to reach "
                "them (phone, e-mail or address)."
            )
        if self.channel == ConcernChannel.ORGANISATION and not self.organisation:
            errors["organisation"] = _("Name the organisation that sent the feedback.")
        if self.state == ConcernState.MERGED and self.merged_into_id is None:
            errors["merged_into"] = _("A merged concern points to the concern that stays.")
        if errors:
            raise ValidationError(errors)

    def refresh_search_text(self) -> None:
        self.tracking_code_compact = self.tracking_code.replace("-", "")
        # A denunciation's submitter is secret: searching by their name must not find it.
        name = "" if self.type == ConcernType.DENUNCIATION else self.submitter_name
        self.search_text = fold(" ".join((self.tracking_code, name, self.address, self.content)))

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def current_due(self):
        """The deadline that applies now: acknowledgement while received, answer after."""
        if self.state == ConcernState.RECEIVED:
            return self.ack_due_at
        if self.state in (ConcernState.ACCEPTED, ConcernState.ASSIGNED):
            return self.due_at
        return None

    def is_overdue(self, today) -> bool:
        due = self.current_due
        return due is not None and due < today and not self.is_paused

    @property
    def is_disputed(self) -> bool:
        return self.dispute_count > 0

    @property
    def identity_required(self) -> bool:
        return ConcernType.requires_identity(self.type)

    @property
    def has_contact(self) -> bool:
        return bool(self.submitter_phone or self.submitter_email or self.submitter_address)
