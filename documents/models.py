"""Outgoing-document registers (sổ văn bản đi) and the numbers taken from them.

Each issuing body keeps one register per year and type of document: the Party committee,
its inspection committee and the People's Committee of a unit never share one ("12-TB/ĐU",
"12-QĐ/UBKT" and "12/TB-UBND" are three different documents). Numbers are taken only
through ``documents.numbering.take_number``, which locks the register row; a taken number
is never deleted or reused.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.fields import ClockedDateTimeField
from units.models import Institution

from .layout import ISSUING_INSTITUTIONS, Issuer, document_label

NEVER_DELETED = "A taken document number is never deleted or reused."
MSG_UNIT_KEEPS_NO_REGISTER = _(
    "Registers are kept by the city and by the wards, communes and the special zone."
)

# The issuing bodies (the Party committee, its inspection committee, the People's Committee):
# the People's Council and the Front issue no documents here.
INSTITUTION_CHOICES = [(i.value, i.label) for i in Institution if i.value in ISSUING_INSTITUTIONS]

symbol_validator = RegexValidator(
    r"^[A-ZĐ][A-Za-zĐđ]{0,9}$",
    _("Use the official abbreviation of the type of document, e.g. TB, BC, KH, QĐ, TTr."),
)


class DocumentRegister(models.Model):
    """The outgoing-document register of one issuing body, for one year and one type."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    institution = models.CharField(_("issuing body"), max_length=10, choices=INSTITUTION_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    symbol = models.CharField(
        _("type of document"),
        max_length=10,
        validators=[symbol_validator],
        help_text=_("Abbreviation in the number: TB (notice), BC (report), KH (plan)."),
    )
    last_number = models.PositiveIntegerField(
        _("last number taken"),
        default=0,
        help_text=_(
            "Numbers already taken this year outside the portal; the next document gets the "
            "following number. It cannot be changed once the register exists."
        ),
    )

    class Meta:
        verbose_name = _("outgoing-document register")
        verbose_name_plural = _("outgoing-document registers")
        ordering = ["unit__path", "-year", "institution", "symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "institution", "year", "symbol"],
                name="documents_documentregister_unique_series",
            ),
            models.CheckConstraint(
                condition=Q(institution__in=ISSUING_INSTITUTIONS),
                name="documents_documentregister_institution_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000), name="documents_documentregister_year_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.series} · {self.year}"

    @property
    def is_city(self) -> bool:
        return self.unit.kind == "city"

    @property
    def issuer(self) -> Issuer:
        return Issuer.for_unit(self.unit, self.institution)

    @property
    def series(self) -> str:
        """The register's series as numbers show it: "…/TB-UBND", "…-TB/ĐU"."""
        return document_label(self.institution, self.symbol, None, is_city=self.is_city)

    def clean(self) -> None:
        if self.unit_id and not (self.is_city or self.unit.is_commune_level):
            raise ValidationError({"unit": MSG_UNIT_KEEPS_NO_REGISTER})

    def delete(self, *args, **kwargs):
        raise PermissionError(NEVER_DELETED)


class OutgoingDocumentQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError(NEVER_DELETED)

    def for_reference(self, reference: str) -> "OutgoingDocumentQuerySet":
        """The documents issued for one object ("session:12"), newest first."""
        return self.filter(reference=reference).order_by("-issued_on", "-id")


class OutgoingDocument(models.Model):
    """One number taken from a register: what was issued, when, by whom, for what."""

    register = models.ForeignKey(
        DocumentRegister,
        verbose_name=_("register"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date of issue"))
    title = models.CharField(_("title"), max_length=500)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_position = models.CharField(_("position of the signer"), max_length=200, blank=True)
    reference = models.CharField(
        _("belongs to"),
        max_length=100,
        blank=True,
        help_text=_("What the document was issued for, e.g. session:12."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("number taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = ClockedDateTimeField(_("number taken at"), auto_now_add=True)

    objects = OutgoingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        ordering = ["register", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="documents_outgoingdocument_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="documents_outgoingdocument_number_positive"
            ),
        ]
        indexes = [
            # OutgoingDocument.objects.for_reference(): the documents of a session or report.
            models.Index(fields=["reference"], name="documents_outgoing_ref_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label} · {self.title}"

    @property
    def label(self) -> str:
        """ "12/TB-UBND" (state), "12-TB/ĐU" (ward Party committee), "12-TB/TU" (Thành ủy)."""
        register = self.register
        return document_label(
            register.institution, register.symbol, self.number, is_city=register.is_city
        )

    def delete(self, *args, **kwargs):
        raise PermissionError(NEVER_DELETED)
