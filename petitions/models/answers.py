"""Every answer a unit gave to a concern, and the requests to reconsider one.

The concern's own answer fields are the working copy (the draft being written) and, once
published, a denormalised copy of the answer in force that the compliance figures and the
documents read. :class:`AnswerVersion` keeps each answer as it was submitted, approved or
returned, so a later answer (after a return, a citizen's dispute or a reconsideration)
never erases the one the citizen saw. Its text never changes and its rows are never
deleted: only the status moves on (pending → published | returned, published → superseded).

:class:`Reconsideration` (kiến nghị xem xét lại) is a reviewer's request that the unit look
again at a published answer; the unit upholds it or announces a new answer, which replaces
the one in force only when it is published.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock

from .choices import SIGNER_RANKS, AnswerVerdict
from .concern import Concern

ANSWER_VERSION_FROZEN = "An answer version's text never changes and the row is never deleted."


class AnswerVersionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the head's approval")
    RETURNED = "returned", _("Returned for rework")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# The moves a version's status may make; every other change is refused.
ANSWER_VERSION_MOVES = {
    AnswerVersionStatus.PENDING: {AnswerVersionStatus.PUBLISHED, AnswerVersionStatus.RETURNED},
    AnswerVersionStatus.PUBLISHED: {AnswerVersionStatus.SUPERSEDED},
    AnswerVersionStatus.RETURNED: set(),
    AnswerVersionStatus.SUPERSEDED: set(),
}

# Fields written when the version is created and never again.
FROZEN_FIELDS = (
    "concern_id",
    "number",
    "text",
    "public_text",
    "verdict",
    "verdict_explanation",
    "drafted_by_id",
    "submitted_at",
)


class AnswerVersionQuerySet(models.QuerySet):
    """No bulk change or removal: a version moves on one at a time through its ``save``."""

    def update(self, **kwargs):
        raise PermissionError(ANSWER_VERSION_FROZEN)

    def delete(self):
        raise PermissionError(ANSWER_VERSION_FROZEN)

    def published(self) -> "AnswerVersionQuerySet":
        """What the public may see: the answer in force and the ones it replaced."""
        return self.filter(
            status__in=[AnswerVersionStatus.PUBLISHED, AnswerVersionStatus.SUPERSEDED]
        )


class AnswerVersion(models.Model):
    """One answer of a unit to a concern, numbered 1, 2, … per concern."""

    Status = AnswerVersionStatus

    concern = models.ForeignKey(
        Concern,
        verbose_name=_("concern"),
        on_delete=models.PROTECT,
        related_name="answer_versions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("answer (letter)"))
    public_text = models.TextField(_("answer as published"), blank=True)
    verdict = models.CharField(
        _("verdict on the feedback"), max_length=20, choices=AnswerVerdict.choices, blank=True
    )
    verdict_explanation = models.TextField(_("what is not accepted, and why"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AnswerVersionStatus.choices)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=clock.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or returned"), null=True, blank=True)
    return_note = models.TextField(_("reason for returning"), blank=True)
    signer_name = models.CharField(_("approved by (name)"), max_length=150, blank=True)
    signer_position = models.CharField(_("position of the approver"), max_length=200, blank=True)
    signer_rank = models.CharField(
        _("rank of the approver"), max_length=20, choices=SIGNER_RANKS, blank=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AnswerVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")
        ordering = ["concern", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "number"], name="petitions_answerversion_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AnswerVersionStatus.values),
                name="petitions_answerversion_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="petitions_answerversion_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(signer_rank="")
                | Q(signer_rank__in=[value for value, _label in SIGNER_RANKS]),
                name="petitions_answerversion_signer_rank_valid",
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=AnswerVerdict.values),
                name="petitions_answerversion_verdict_valid",
            ),
            # A published or superseded version has a publication date; a superseded one
            # says when and by which version.
            models.CheckConstraint(
                condition=~Q(status__in=["published", "superseded"])
                | Q(published_at__isnull=False),
                name="petitions_answerversion_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="superseded")
                | Q(superseded_at__isnull=False, superseded_by__isnull=False),
                name="petitions_answerversion_superseded_has_successor",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | Q(decided_at__isnull=False),
                name="petitions_answerversion_returned_has_date",
            ),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True) | ~Q(superseded_by=F("id")),
                name="petitions_answerversion_not_superseded_by_itself",
            ),
        ]
        indexes = [
            models.Index(fields=["concern", "status"], name="petitions_answerver_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} #{self.number} ({self.status})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*FROZEN_FIELDS, "status").get()
            for field in FROZEN_FIELDS:
                if getattr(self, field) != stored[field]:
                    raise PermissionError(ANSWER_VERSION_FROZEN)
            if self.status != stored["status"] and self.status not in ANSWER_VERSION_MOVES.get(
                stored["status"], set()
            ):
                raise PermissionError(
                    f"An answer version cannot move from {stored['status']} to {self.status}."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(ANSWER_VERSION_FROZEN)

    @property
    def is_public(self) -> bool:
        return self.status in (AnswerVersionStatus.PUBLISHED, AnswerVersionStatus.SUPERSEDED)


class ReconsiderationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the unit's response")
    UPHELD = "upheld", _("The unit keeps its answer")
    REVISING = "revising", _("The unit will issue a new answer")


class Reconsideration(models.Model):
    """A request that the unit reconsider a published answer (kiến nghị xem xét lại)."""

    Status = ReconsiderationStatus

    concern = models.ForeignKey(
        Concern,
        verbose_name=_("concern"),
        on_delete=models.PROTECT,
        related_name="reconsiderations",
    )
    answer_version = models.ForeignKey(
        AnswerVersion,
        verbose_name=_("answer concerned"),
        on_delete=models.PROTECT,
        related_name="reconsiderations",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by_name = models.CharField(_("requested by (name)"), max_length=150, blank=True)
    reasons = models.TextField(_("reasons"))
    requested_at = models.DateTimeField(_("requested"), default=clock.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReconsiderationStatus.choices,
        default=ReconsiderationStatus.OPEN,
    )
    response = models.TextField(_("response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for reconsideration")
        verbose_name_plural = _("requests for reconsideration")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReconsiderationStatus.values),
                name="petitions_reconsideration_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reasons=""), name="petitions_reconsideration_has_reasons"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(response="") & Q(responded_at__isnull=False)),
                name="petitions_reconsideration_answered_has_response",
            ),
            # At most one open request per concern.
            models.UniqueConstraint(
                fields=["concern"],
                condition=Q(status="open"),
                name="petitions_reconsideration_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} · {self.requested_at:%Y-%m-%d} ({self.status})"
