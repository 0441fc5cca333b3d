"""The documents the statutory procedures issue for a concern: numbered notices and
decisions (Thông báo, Quyết định) and unnumbered records (Biên bản), in the official
layout of Nghị định 30/2020/NĐ-CP (Hướng dẫn 36-HD/VPTW for the Party).

API::

    issue_document(*, concern, kind, actor, title, body, data=None, recipients=(),
                   signer=None, symbol="QĐ" | "TB" | None, institution=None, unit=None,
                   issued_on=None, public_text="", personal=None) -> ConcernDocument
    official_document(doc: ConcernDocument) -> documents.layout.OfficialDocument
    documents_of(concern) -> list[ConcernDocument]

``issue_document`` takes the next number of the issuing body's register
(``documents.numbering.take_number``, reference ``"concern:<pk>"``) when ``symbol`` is
given, keeps who signed (name, position, rank) as the answer approval does, and stores the
text as issued: a ``ConcernDocument`` never changes. Call it inside the transaction of the
service that issues the document: a rollback gives the number back.

``title`` is the subject ("Về việc thụ lý giải quyết khiếu nại"); the type of document in
capitals ("THÔNG BÁO", "QUYẾT ĐỊNH", "BIÊN BẢN") comes from the symbol. ``personal``: the
document is issued by the head in person (a complaint decision is the Chủ tịch's own
decision: "CHỦ TỊCH", a deputy "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", never "TM. ỦY BAN NHÂN
DÂN"); by default the complaint and denunciation documents are, the others are not.

The text of an issued document is official Vietnamese whatever the reader's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.text import refuse_control_characters
from documents.layout import (
    Issuer,
    OfficialDocument,
    Paragraph,
    Signature,
    signature_for,
)
from documents.numbering import take_number
from units.models import Membership, Rank
from units.permissions import Capability, roles_with

from .models import ConcernDocument, ConcernDocumentKind

K = ConcernDocumentKind

# The type of document as the title names it, by the symbol in its number.
DOCUMENT_TYPES = {
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "BB": "BIÊN BẢN",
    "BC": "BÁO CÁO",
    "CV": "CÔNG VĂN",
    "KL": "KẾT LUẬN",
}

# An unnumbered record still shows the type in the number's place, left blank.
RECORD_SYMBOL = "BB"

# Documents the competent person issues in their own name (Luật Khiếu nại năm 2011,
# Luật Tố cáo năm 2018): the head signs "CHỦ TỊCH", a deputy "KT. CHỦ TỊCH".
PERSONAL_KINDS = frozenset(
    {
        K.COMPLAINT_ACCEPTANCE,
        K.COMPLAINT_REFUSAL,
        K.COMPLAINT_DECISION,
        K.DENUNCIATION_ACCEPTANCE,
        K.DENUNCIATION_REFUSAL,
        K.EXTENSION_DECISION,
        K.SUSPENSION_DECISION,
        K.RESUMPTION_DECISION,
        K.TERMINATION_DECISION,
        K.DENUNCIATION_CONCLUSION,
    }
)
# Records (biên bản): no number, signed by whoever led the meeting.
RECORD_KINDS = frozenset({K.DIALOGUE_RECORD})

_SIGNER_ORDER = (Rank.HEAD, Rank.DEPUTY, Rank.OFFICE_HEAD)


def reference(concern) -> str:
    """What the register records the number as given to: "concern:12"."""
    return f"concern:{concern.pk}"


def _signer_membership(user, unit, institution: str) -> Membership | None:
    """The membership under which ``user`` signs for ``institution`` in ``unit``: head,
    deputy or office head (the highest first)."""
    if not getattr(user, "is_authenticated", False):
        return None
    order = {rank: index for index, rank in enumerate(_SIGNER_ORDER)}
    found = Membership.objects.filter(
        user=user,
        unit=unit,
        role__in=roles_with(Capability.SIGN_OFF, institution),
        is_active=True,
    )
    return min(found, key=lambda m: (order.get(m.rank, 3), m.pk), default=None)


def signer_details(user, unit, institution: str) -> tuple[str, str, str]:
    """(name, position, rank) of ``user`` signing for ``institution`` in ``unit``, as
    ``petitions.services._common._record_signer`` keeps them for an answer."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "", "", ""
    name = person_name(user)[:200]
    membership = _signer_membership(user, unit, institution)
    if membership is None:
        return name, "", ""
    position = membership.position or f"{membership.get_role_display()} {unit.name_in_text}"
    rank = membership.rank if membership.rank in _SIGNER_ORDER else ""
    return name, position[:200], rank


def _clean_lines(recipients) -> str:
    if isinstance(recipients, str):
        recipients = recipients.splitlines()
    lines = [refuse_control_characters(str(r)).strip() for r in recipients or ()]
    return "\n".join(line for line in lines if line)


def issue_document(
    *,
    concern,
    kind: str,
    actor,
    title: str,
    body: str,
    data: dict | None = None,
    recipients=(),
    signer=None,
    symbol: str | None = None,
    institution: str | None = None,
    unit=None,
    issued_on: date | None = None,
    public_text: str = "",
    personal: bool | None = None,
) -> ConcernDocument:
    """Issue (and number, when ``symbol`` is given) one document of ``concern``."""
    kind = str(kind)
    if kind not in K.values:
        raise ValueError(f"unknown document kind {kind!r}")
    institution = str(institution or concern.addressed_to)
    unit = unit or concern.unit
    issued_on = issued_on or clock.today()
    signer = signer if signer is not None else actor
    name, position, rank = signer_details(signer, unit, institution)
    values = dict(data or {})
    values["personal"] = bool(kind in PERSONAL_KINDS if personal is None else personal)
    title = " ".join(refuse_control_characters(title).split())
    with transaction.atomic():
        outgoing = None
        if symbol:
            outgoing = take_number(
                unit=unit,
                institution=institution,
                symbol=symbol,
                issued_on=issued_on,
                title=title,
                actor=actor,
                reference=reference(concern),
                signer_name=name,
                signer_position=position,
            )
        values["symbol"] = symbol or RECORD_SYMBOL
        return ConcernDocument.objects.create(
            concern=concern,
            kind=kind,
            outgoing=outgoing,
            unit=unit,
            institution=institution,
            issued_on=issued_on,
            title=title[:500],
            body=refuse_control_characters(body or "").strip(),
            data=values,
            recipients=_clean_lines(recipients),
            signer_name=name,
            signer_position=position,
            signer_rank=rank,
            public_text=refuse_control_characters(public_text or "").strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=clock.now(),
        )


def documents_of(concern) -> list[ConcernDocument]:
    """The documents issued for ``concern``, oldest first, with their numbers."""
    return list(
        ConcernDocument.objects.filter(concern=concern)
        .select_related("outgoing__register", "unit")
        .order_by("issued_on", "id")
    )


def _paragraphs(body: str) -> tuple[Paragraph, ...]:
    """Paragraphs separated by blank lines; a line inside one stays a line break."""
    chunks = [c.strip() for c in body.replace("\r\n", "\n").split("\n\n")]
    return tuple(Paragraph(c) for c in chunks if c)


def _signature(doc: ConcernDocument, issuer: Issuer) -> Signature | None:
    """The signature block as the signer's rank and the document's kind give it."""
    if doc.kind in RECORD_KINDS:
        position = (doc.data or {}).get("signature_position") or "NGƯỜI CHỦ TRÌ ĐỐI THOẠI"
        return Signature(authority_lines=(), position=position, name=doc.signer_name)
    rank = doc.signer_rank or Rank.HEAD.value
    try:
        signature = issuer.signature(rank, name=doc.signer_name, signed=True)
    except ValueError:
        return None
    if (doc.data or {}).get("personal"):
        # Issued in the head's own name: no "TM." line (Nghị định 30/2020/NĐ-CP).
        lines = tuple(line for line in signature.authority_lines if not _on_behalf(line))
        signature = Signature(
            authority_lines=lines,
            position=signature.position,
            name=signature.name,
            signed=signature.signed,
        )
    return signature


def _on_behalf(line: str) -> bool:
    return line.startswith("TM.") or line.startswith("T/M")


def personal_signature(institution: str, rank: str, *, name: str = "") -> Signature:
    """The head's own signature: "CHỦ TỊCH"; a deputy's "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"."""
    full = signature_for(institution, rank, collective_name="", name=name, signed=True)
    lines = tuple(line for line in full.authority_lines if not _on_behalf(line))
    return Signature(authority_lines=lines, position=full.position, name=name, signed=True)


def issuer_of(doc: ConcernDocument) -> Issuer:
    return Issuer.for_unit(doc.unit, doc.institution)


def official_document(doc: ConcernDocument) -> OfficialDocument:
    """The document in its official layout (the page, the print and the .docx)."""
    issuer = issuer_of(doc)
    data = doc.data or {}
    symbol = data.get("symbol") or (doc.outgoing.register.symbol if doc.outgoing else "")
    symbol = symbol or RECORD_SYMBOL
    number = doc.outgoing.number if doc.outgoing_id else None
    doc_type = data.get("document_type") or DOCUMENT_TYPES.get(symbol, "VĂN BẢN")
    return OfficialDocument(
        issuer=issuer,
        symbol=symbol,
        title=doc_type,
        number=number,
        date=doc.issued_on,
        subtitle_lines=tuple(line for line in doc.title.split("\n") if line.strip()),
        body=_paragraphs(doc.body),
        recipients=tuple(doc.recipients.splitlines()),
        signature=_signature(doc, issuer),
    )


def label_of(doc: ConcernDocument) -> str:
    """ "12/QĐ-UBND", or "" for an unnumbered record."""
    if not doc.outgoing_id:
        return ""
    return official_document(doc).label


def filename_of(doc: ConcernDocument, extension: str) -> str:
    label = label_of(doc).replace("/", "-") or f"bien-ban-{doc.pk}"
    return f"{doc.kind.replace('_', '-')}-{label}.{extension}"


def as_context(doc: ConcernDocument) -> dict[str, Any]:
    return {"doc": doc, "document": official_document(doc), "label": label_of(doc)}
