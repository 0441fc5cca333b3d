"""Taking a number from an outgoing-document register: atomic, never reused.

API::

    take_number(*, unit, institution, symbol, issued_on, title, actor, reference,
                signer_name="", signer_position="") -> OutgoingDocument

The register of (unit, institution, issued_on.year, symbol) is created on first use and
its row locked (``select_for_update``) while the next number is taken, so two people
issuing at the same moment get two numbers, one after the other. If both create the
year's register at once, the second meets the unique constraint inside a savepoint and
then waits on the first one's row. Call it inside the transaction that issues the
document: if that transaction rolls back, the number goes back with it (nothing was
issued); once committed, the number stays taken for good.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.text import normalize_spaces, refuse_control_characters

from .layout import ISSUING_INSTITUTIONS
from .models import MSG_UNIT_KEEPS_NO_REGISTER, DocumentRegister, OutgoingDocument, symbol_validator

MSG_NOT_AN_ISSUER = _(
    "Only the Party committee and the People's Committee issue numbered documents."
)
MSG_TITLE_REQUIRED = _("A document needs a title.")


def take_number(
    *,
    unit: Any,
    institution: str,
    symbol: str,
    issued_on: date,
    title: str,
    actor: Any,
    reference: str,
    signer_name: str = "",
    signer_position: str = "",
) -> OutgoingDocument:
    """Give the next number of the body's register for ``issued_on``'s year and record what
    it was given to. Raises ``ValidationError`` (messages above) for a body, unit, symbol or
    title that cannot take one."""
    institution = str(institution)
    if institution not in ISSUING_INSTITUTIONS:
        raise ValidationError(MSG_NOT_AN_ISSUER, code="not_an_issuer")
    if not (unit.kind == "city" or unit.is_commune_level):
        raise ValidationError(MSG_UNIT_KEEPS_NO_REGISTER, code="unit_keeps_no_register")
    symbol_validator(symbol)
    title = normalize_spaces(refuse_control_characters(title))
    if not title:
        raise ValidationError(MSG_TITLE_REQUIRED, code="title_required")
    series = {"unit": unit, "institution": institution, "year": issued_on.year, "symbol": symbol}
    with transaction.atomic():
        register = _locked_register(series)
        register.last_number += 1
        register.save(update_fields=["last_number"])
        return OutgoingDocument.objects.create(
            register=register,
            number=register.last_number,
            issued_on=issued_on,
            title=title,
            signer_name=normalize_spaces(refuse_control_characters(signer_name)),
            signer_position=normalize_spaces(refuse_control_characters(signer_position)),
            reference=reference,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


def _locked_register(series: dict[str, Any]) -> DocumentRegister:
    """The register row of ``series``, locked until the transaction ends; created if new."""
    locked = DocumentRegister.objects.select_for_update()
    register = locked.filter(**series).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():  # a savepoint: a concurrent creation only undoes this
            DocumentRegister.objects.create(**series)
    except IntegrityError:
        pass  # someone created it first; their row is committed by the time this fails
    return locked.get(**series)
