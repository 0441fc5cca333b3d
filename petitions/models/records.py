"""What happens to a concern: history rows, notes, commitments, files, extensions, pauses."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.history import HistoryEntry
from dialogue_portal.lib import clock

from .choices import (
    ConcernState,
    ConcernType,
)
from .concern import Concern


class TransitionAction(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("concern history", "Received")
    ACCEPTED = "accepted", _("Accepted and classified")
    ASSIGNED = "assigned", _("Assigned")
    REFERRED = "referred", _("Referred")
    BODY_TRANSFERRED = "body_transferred", _("Passed to the other body of the unit")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ANSWER_SUBMITTED = "answer_submitted", _("Answer submitted for approval")
    ANSWER_RETURNED = "answer_returned", _("Answer returned for rework")
    ANSWER_APPROVED = "answer_approved", _("Answer approved")
    ANSWERED = "answered", _("Answer published")
    CITIZEN_ACCEPTED = "citizen_accepted", _("The citizen accepted the answer")
    DISPUTED = "disputed", _("The citizen disputed the answer")
    FOLLOW_UP = "follow_up", _("Follow-up started")
    COMMITMENT_DONE = "commitment_done", _("Commitment done")
    CLOSED = "closed", _("Closed")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    EXTENSION_APPROVED = "extension_approved", _("Extension approved")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused")
    PAUSED = "paused", _("Paused, waiting for the citizen")
    RESUMED = "resumed", _("Resumed")
    ANONYMISED = "anonymised", _("Personal data removed")
    RECONSIDERATION_REQUESTED = "reconsideration_requested", _("Reconsideration requested")
    RECONSIDERATION_UPHELD = "reconsideration_upheld", _("Reconsidered: the answer is kept")
    RECONSIDERATION_REVISING = (
        "reconsideration_revising",
        _("Reconsidered: a new answer will be issued"),
    )
    # The type of the case changed (identity protection and competence, issue #13).
    RECLASSIFIED = "reclassified", _("Type of the case changed")
    # The complaint procedure (Luật Khiếu nại năm 2011; issue #13, "complaints").
    COMPLAINT_DIALOGUE = "complaint_dialogue", _("Dialogue with the complainant held")
    COMPLAINT_DECIDED = "complaint_decided", _("Decision on the complaint issued")
    SECOND_COMPLAINT = "second_complaint", _("Second complaint filed")


class ConcernTransition(HistoryEntry):
    """One history row of a concern: who, when, what, from, to, note; and what the citizen sees."""

    actions = TransitionAction

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=30, choices=TransitionAction.choices)
    from_state = models.CharField(
        _("from"), max_length=20, choices=ConcernState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=20, choices=ConcernState.choices)
    note = models.TextField(_("internal note"), blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=False)
    public_note = models.TextField(_("note to the citizen"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=ConcernState.values),
                name="petitions_concerntransition_to_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(from_state="") | Q(from_state__in=ConcernState.values),
                name="petitions_concerntransition_from_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(action__in=TransitionAction.values),
                name="petitions_concerntransition_action_valid",
            ),
        ]
        indexes = [
            # Disputes in a period (compliance.selectors._dispute_counts and disputed_in):
            # one action over a time range, across every concern.
            models.Index(fields=["action", "created_at"], name="petitions_trans_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} {self.from_state}→{self.to_state}"


class ConcernNote(models.Model):
    """An internal note of the handling staff. Never shown to the public."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), default=clock.now)
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.concern_id} · {self.created_at:%Y-%m-%d}"


class FollowUpCommitment(models.Model):
    """What the answer promised: what will be done, by whom, by when."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="commitments")
    what = models.TextField(_("what will be done"))
    who = models.CharField(_("who does it"), max_length=200)
    due = models.DateField(_("by when"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("follow-up commitment")
        verbose_name_plural = _("follow-up commitments")
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | ~Q(done_note=""),
                name="petitions_followupcommitment_done_has_note",
            ),
        ]
        indexes = [
            # Overdue commitments: not done and due before today (digest, compliance).
            models.Index(fields=["done_at", "due"], name="petitions_commitment_due_idx"),
            # Commitments falling due in a period, done or not (compliance.selectors
            # CommitmentConditions.due, _commitment_counts).
            models.Index(fields=["due"], name="petitions_commit_due_only_idx"),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today) -> bool:
        return self.done_at is None and self.due < today


class ConcernAttachment(models.Model):
    """A file sent with a concern, or evidence that a commitment was done. Staff only."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="attachments")
    commitment = models.ForeignKey(
        FollowUpCommitment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to="concerns/", max_length=200)
    kind = models.CharField(_("kind"), max_length=10)
    original_name = models.CharField(_("original name"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["pdf", "jpeg", "png"]),
                name="petitions_concernattachment_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Extension(models.Model):
    """A request to move the due date; the unit head decides."""

    Status = ExtensionStatus

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="extensions")
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=clock.now)
    old_due = models.DateField(_("due date before"))
    new_due = models.DateField(_("new due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExtensionStatus.values),
                name="petitions_extension_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(new_due__gt=F("old_due")), name="petitions_extension_moves_later"
            ),
            models.UniqueConstraint(
                fields=["concern"],
                condition=Q(status=ExtensionStatus.PENDING),
                name="petitions_extension_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.old_due} → {self.new_due}"


class Pause(models.Model):
    """Time spent waiting for the citizen; excluded from response-time figures."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField(_("started"), default=clock.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern"],
                condition=Q(ended_at__isnull=True),
                name="petitions_pause_one_open",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="petitions_pause_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.started_at:%Y-%m-%d}"


class AnswerTemplate(models.Model):
    """Reusable answer text. Empty type and unit: offered for every concern."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    type = models.CharField(
        _("concern type"), max_length=20, choices=ConcernType.choices, blank=True
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type="") | Q(type__in=ConcernType.values),
                name="petitions_answertemplate_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DigestSent(models.Model):
    """One daily digest sent to one unit, so ``send_concern_digest`` never sends it twice."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    digest_date = models.DateField()
    sent_at = models.DateTimeField(default=clock.now)
    recipients = models.PositiveSmallIntegerField(default=0)
    due_soon = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "digest_date"], name="petitions_digestsent_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.digest_date}"
