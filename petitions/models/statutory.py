"""What the statutory procedures keep beside a concern: the documents they issue, the
anonymous information kept for inspection, and who saw a submitter's identity."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock

from .choices import SIGNER_RANKS, ConcernDocumentKind
from .concern import Concern

NEVER_DELETED = "An issued document is never deleted."


class ConcernDocumentQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError(NEVER_DELETED)


class ConcernDocument(models.Model):
    """One document a statutory procedure issued for a concern: a notice, a record, a
    decision, a conclusion. Numbered documents point to the number taken from the issuing
    body's register (``documents.OutgoingDocument``); a record (biên bản) has none. What it
    says is kept as issued (``body``: paragraphs separated by blank lines; ``data``: the
    values of its kind, e.g. the finding of a complaint decision) and never changes."""

    Kind = ConcernDocumentKind

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ConcernDocumentKind.choices)
    outgoing = models.OneToOneField(
        "documents.OutgoingDocument",
        verbose_name=_("number"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    institution = models.CharField(_("issuing body"), max_length=20)
    issued_on = models.DateField(_("date of issue"))
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"))
    data = models.JSONField(_("values"), default=dict, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_position = models.CharField(_("position of the signer"), max_length=200, blank=True)
    signer_rank = models.CharField(
        _("rank of the signer"), max_length=20, choices=SIGNER_RANKS, blank=True
    )
    # A conclusion on a denunciation is made public (Luật Tố cáo năm 2018 Điều 40): what the
    # public notice says, without the denunciator's identity.
    public_text = models.TextField(_("public notice"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=clock.now)

    objects = ConcernDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document of a concern")
        verbose_name_plural = _("documents of concerns")
        ordering = ["issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ConcernDocumentKind.values),
                name="petitions_concerndocument_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} · {self.get_kind_display()}"

    def delete(self, *args, **kwargs):
        raise PermissionError(NEVER_DELETED)


class AnonymousInformationStatus(models.TextChoices):
    NEW = "new", _("Not yet reviewed")
    KEPT = "kept", _("Kept as information for inspection")
    USED = "used", _("Used by inspection")


class AnonymousInformation(models.Model):
    """An anonymous or false-name letter: not processed as a denunciation (Luật Tố cáo năm
    2018 Điều 25), but kept as information for inspection when it is specific and
    evidenced. Counted apart from concerns. It holds no one's identity."""

    Status = AnonymousInformationStatus

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit concerned"),
        on_delete=models.PROTECT,
        related_name="anonymous_information",
    )
    content = models.TextField(_("content"))
    subject = models.CharField(_("who or what it is about"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence described"), blank=True)
    address = models.CharField(_("location"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=clock.now)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AnonymousInformationStatus.choices,
        default=AnonymousInformationStatus.NEW,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("note of the review"), blank=True)

    class Meta:
        verbose_name = _("anonymous information")
        verbose_name_plural = _("anonymous information")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AnonymousInformationStatus.values),
                name="petitions_anonymousinformation_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "received_at"], name="petitions_anoninfo_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class IdentityExposure(models.Model):
    """Who has seen a concern's submitter (name or contact details), how often and when:
    when a case becomes a denunciation, the reclassification report lists who saw the
    denunciator before it was protected. One row per concern and person."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="identity_exposures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    first_seen_at = models.DateTimeField(_("first seen"), default=clock.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=clock.now)
    times = models.PositiveIntegerField(_("times"), default=1)
    # Where it was seen: the detail page, an export, a referral.
    where = models.CharField(_("where"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("view of a submitter's identity")
        verbose_name_plural = _("views of submitters' identities")
        ordering = ["first_seen_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "user"], name="petitions_identityexposure_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} · {self.user_id}"
