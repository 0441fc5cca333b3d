"""An official document as data, independent of its output (HTML page, print, .docx).

State documents follow Nghị định 30/2020/NĐ-CP (Phụ lục I); Party documents follow
Hướng dẫn 36-HD/VPTW (2018). Both renderers (``documents/official_document.html`` and
``documents.docx.render_docx``) only walk the lines built here, so the page, the print and
the Word file say the same thing in the same places.

API::

    Issuer(institution, unit_name, is_city=False)      # or Issuer.for_unit(unit, institution)
        .heading_lines   issuer block, top left (with the rule or the "*")
        .title_lines     "CỘNG HÒA ..." / "Độc lập - Tự do - Hạnh phúc", or "ĐẢNG CỘNG SẢN VIỆT NAM"
        .place           "Bến Thành" (city: "Thành phố Hồ Chí Minh")
        .collective_name "ỦY BAN NHÂN DÂN" / "ĐẢNG ỦY" / "THÀNH ỦY"
        .archive_line    "- Lưu: VT." / "- Lưu Văn phòng Đảng ủy." / "- Lưu Văn phòng Thành ủy."
        .number_label(symbol, number)   "Số: 12/TB-UBND" / "Số 12-TB/ĐU" (None: "Số: ……/TB-UBND")
        .signature(rank, name="", signed=False) -> Signature
    signature_for(institution, rank, *, collective_name, name="", signed=False) -> Signature
    document_label(institution, symbol, number, *, is_city) -> "12/TB-UBND", "12-TB/ĐU", "12-TB/TU"
    Paragraph(text), Heading(text), Table(headers, rows, widths=None)    body blocks
    OfficialDocument(issuer=, symbol=, title=, number=None, date=None, subtitle_lines=(),
                     body=(), recipients=(), signature=None, draft=False, archive_initials="")
    place_date_line(issuer, date)   "Bến Thành, ngày 28 tháng 9 năm 2026"
    prose_datetime(moment)          "08 giờ 05 phút, ngày 22/9/2026" (portal's time zone)
    vietnamese_date(day)            "ngày 22/9/2026"

Institutions and ranks are the values of ``units.models.Institution`` ("party", "state",
and "inspection": the Party committee's inspection committee, Ủy ban Kiểm tra, which issues
Party documents of its own: "Số 12-QĐ/UBKT", signed "T/M ỦY BAN KIỂM TRA" / "CHỦ NHIỆM")
and ``units.models.Rank`` ("head", "deputy", "office_head"). The heading and signature
texts are fixed official Vietnamese, not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any, ClassVar

from django.utils import timezone

from units.models import Institution, Rank

PARTY = Institution.PARTY.value
STATE = Institution.STATE.value
# The inspection committee of a Party committee (Ủy ban Kiểm tra): a Party body with its own
# register and signature ("12-QĐ/UBKT"; "T/M ỦY BAN KIỂM TRA" / "CHỦ NHIỆM").
INSPECTION = Institution.INSPECTION.value
ISSUING_INSTITUTIONS = (PARTY, STATE, INSPECTION)
# The institutions whose documents follow Hướng dẫn 36-HD/VPTW (the Party's layout).
PARTY_INSTITUTIONS = (PARTY, INSPECTION)
INSPECTION_COMMITTEE = "ỦY BAN KIỂM TRA"
CITY_NAME = "Thành phố Hồ Chí Minh"

# Nghị định 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 take a leading zero in the
# place-and-date line ("ngày 05 tháng 01 năm 2026"), so the date cannot be altered by hand.
_UNIT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ")
_BLANK_NUMBER = "……"


@dataclass(frozen=True)
class Line:
    """One line of text in the heading, the title or the signature block.

    ``size`` is in points on paper (the page scales it); ``rule`` draws a horizontal rule
    under the line: ``"text"`` as long as the line's text, ``"short"`` a short centred one.
    """

    text: str
    size: int = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    rule: str = ""


@dataclass(frozen=True)
class Signature:
    """The signature block: authority line(s), the signer's position, name; "(Đã ký)"."""

    authority_lines: tuple[str, ...]
    position: str
    name: str = ""
    signed: bool = False

    @property
    def lines(self) -> tuple[Line, ...]:
        """Authority lines and position, bold capitals, above the space for the signature."""
        return tuple(Line(text, bold=True) for text in (*self.authority_lines, self.position))


# (authority lines, position) per institution and rank; "{body}" is the collective name.
_SIGNATURES: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    (STATE, Rank.HEAD.value): (("TM. {body}",), "CHỦ TỊCH"),
    (STATE, Rank.DEPUTY.value): (("TM. {body}", "KT. CHỦ TỊCH"), "PHÓ CHỦ TỊCH"),
    (STATE, Rank.OFFICE_HEAD.value): (("TL. CHỦ TỊCH",), "CHÁNH VĂN PHÒNG"),
    (PARTY, Rank.HEAD.value): (("T/M {body}",), "BÍ THƯ"),
    (PARTY, Rank.DEPUTY.value): (("T/M {body}", "K/T BÍ THƯ"), "PHÓ BÍ THƯ"),
    (PARTY, Rank.OFFICE_HEAD.value): (("T/L BAN THƯỜNG VỤ",), "CHÁNH VĂN PHÒNG"),
    (INSPECTION, Rank.HEAD.value): (("T/M {body}",), "CHỦ NHIỆM"),
    (INSPECTION, Rank.DEPUTY.value): (("T/M {body}",), "PHÓ CHỦ NHIỆM"),
}


def signature_for(
    institution: str, rank: str, *, collective_name: str, name: str = "", signed: bool = False
) -> Signature:
    """The signature block of the head, a deputy or the office head of ``institution``.

    ``signature_for("state", "deputy", collective_name="ỦY BAN NHÂN DÂN")`` gives
    "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH". An officer signs nothing:
    any other rank is a ``ValueError``.
    """
    try:
        authority, position = _SIGNATURES[(str(institution), str(rank))]
    except KeyError:
        raise ValueError(f"no signature for institution {institution!r}, rank {rank!r}")
    lines = tuple(line.format(body=collective_name) for line in authority)
    return Signature(authority_lines=lines, position=position, name=name, signed=signed)


def document_label(institution: str, symbol: str, number: int | None, *, is_city: bool) -> str:
    """The number and symbol as written after "Số": "12/TB-UBND", "12-TB/ĐU", "12-TB/TU",
    "12-QĐ/UBKT" (an inspection committee, of a ward or of the city)."""
    shown = _BLANK_NUMBER if number is None else str(number)
    if institution == STATE:
        return f"{shown}/{symbol}-UBND"
    if institution == PARTY:
        return f"{shown}-{symbol}/{'TU' if is_city else 'ĐU'}"
    if institution == INSPECTION:
        return f"{shown}-{symbol}/UBKT"
    raise ValueError(f"{institution!r} issues no numbered documents")


@dataclass(frozen=True)
class Issuer:
    """The body that issues the document: the Party committee, its inspection committee or
    the People's Committee of a ward, commune or special zone (``unit_name`` "Phường Bến
    Thành"), or of the city."""

    institution: str
    unit_name: str
    is_city: bool = False

    def __post_init__(self) -> None:
        if self.institution not in ISSUING_INSTITUTIONS:
            raise ValueError(f"{self.institution!r} issues no documents here")

    @classmethod
    def for_unit(cls, unit: Any, institution: str) -> Issuer:
        """The issuer of ``institution`` in ``unit`` (a ``units.models.Unit``)."""
        return cls(institution=str(institution), unit_name=unit.name, is_city=unit.kind == "city")

    @property
    def is_party(self) -> bool:
        """Party layout (Hướng dẫn 36-HD/VPTW): the Party committee and its inspection
        committee."""
        return self.institution in PARTY_INSTITUTIONS

    @property
    def is_inspection(self) -> bool:
        return self.institution == INSPECTION

    @property
    def heading_lines(self) -> tuple[Line, ...]:
        """Top left: the issuing body (state: short rule below; Party: "*" below)."""
        unit = self.unit_name.upper()
        if not self.is_party:
            return (
                Line("ỦY BAN NHÂN DÂN", size=13, bold=True),
                Line(unit, size=13, bold=True, rule="short"),
            )
        if self.is_inspection:
            # "ĐẢNG ỦY PHƯỜNG BẾN THÀNH" (city: "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH") above
            # "ỦY BAN KIỂM TRA", then the "*".
            parent = f"THÀNH ỦY {unit}" if self.is_city else f"ĐẢNG ỦY {unit}"
            return (Line(parent, size=13), Line(INSPECTION_COMMITTEE, bold=True), Line("*"))
        if self.is_city:
            return (Line(f"THÀNH ỦY {unit}", bold=True), Line("*"))
        return (
            Line(f"ĐẢNG BỘ {CITY_NAME.upper()}", size=13),
            Line(f"ĐẢNG ỦY {unit}", bold=True),
            Line("*"),
        )

    @property
    def title_lines(self) -> tuple[Line, ...]:
        """Top right, above the place and date: the national motto or the Party's name."""
        if self.is_party:
            return (Line("ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True),)
        return (
            Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True),
            Line("Độc lập - Tự do - Hạnh phúc", size=13, bold=True, rule="text"),
        )

    @property
    def place(self) -> str:
        """The place name of the date line: "Bến Thành"; a unit named by a number keeps its
        full name ("Phường 1"), as Nghị định 30/2020/NĐ-CP asks; the city in full."""
        if self.is_city:
            return self.unit_name
        for prefix in _UNIT_PREFIXES:
            if self.unit_name.startswith(prefix):
                rest = self.unit_name[len(prefix) :].strip()
                return self.unit_name if rest.isdigit() else rest
        return self.unit_name

    @property
    def collective_name(self) -> str:
        """Who signs "on behalf of": "ỦY BAN NHÂN DÂN", "ĐẢNG ỦY", "THÀNH ỦY" or
        "ỦY BAN KIỂM TRA"."""
        if self.is_inspection:
            return INSPECTION_COMMITTEE
        if not self.is_party:
            return "ỦY BAN NHÂN DÂN"
        return "THÀNH ỦY" if self.is_city else "ĐẢNG ỦY"

    @property
    def archive_line(self) -> str:
        """The last line of "Nơi nhận": where the original is filed."""
        if not self.is_party:
            return "- Lưu: VT."
        if self.is_inspection:
            return "- Lưu Ủy ban Kiểm tra."
        return f"- Lưu Văn phòng {'Thành ủy' if self.is_city else 'Đảng ủy'}."

    def label(self, symbol: str, number: int | None) -> str:
        return document_label(self.institution, symbol, number, is_city=self.is_city)

    def number_label(self, symbol: str, number: int | None) -> str:
        """ "Số: 12/TB-UBND" (state) or "Số 12-TB/ĐU" (Party); no number yet: "……"."""
        separator = " " if self.is_party else ": "
        return f"Số{separator}{self.label(symbol, number)}"

    def signature(self, rank: str, *, name: str = "", signed: bool = False) -> Signature:
        return signature_for(
            self.institution, rank, collective_name=self.collective_name, name=name, signed=signed
        )

    @property
    def document_title_size(self) -> int:
        """The type of document ("THÔNG BÁO"): 14 pt (state), 15 pt (Party)."""
        return 15 if self.is_party else 14


# --- Body blocks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text (justified, first line indented)."""

    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Heading:
    """A section heading inside the body ("I. KẾT QUẢ", "1. Về ...")."""

    text: str
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths (e.g. ``(1, 5, 2)``)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    kind: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", tuple(self.headers))
        object.__setattr__(self, "rows", tuple(tuple(str(c) for c in row) for row in self.rows))
        if self.widths is not None and len(self.widths) != len(self.headers):
            raise ValueError("a table needs one width per column")

    @property
    def percentages(self) -> tuple[float, ...]:
        """Column widths as percentages of the table's width."""
        widths = self.widths or (1,) * len(self.headers)
        total = sum(widths)
        return tuple(round(100 * w / total, 2) for w in widths)


Block = Paragraph | Heading | Table


# --- The document --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OfficialDocument:
    """Everything a notice or a report shows, in its official places.

    ``symbol`` is the type of document in the number ("TB" thông báo, "BC" báo cáo);
    ``number`` ``None`` and ``date`` ``None`` leave the blanks an office fills in by hand;
    ``draft`` adds the "DỰ THẢO" mark. ``recipients`` are names ("Thường trực Đảng ủy
    phường"): the list punctuation and the archive line are added here.
    """

    issuer: Issuer
    symbol: str
    title: str
    number: int | None = None
    date: Date | None = None
    subtitle_lines: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    signature: Signature | None = None
    draft: bool = False
    archive_initials: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "subtitle_lines", tuple(self.subtitle_lines))
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "recipients", tuple(self.recipients))

    @property
    def label(self) -> str:
        return self.issuer.label(self.symbol, self.number)

    @property
    def number_line(self) -> Line:
        size = 14 if self.issuer.is_party else 13
        return Line(self.issuer.number_label(self.symbol, self.number), size=size)

    @property
    def place_date(self) -> Line:
        return Line(place_date_line(self.issuer, self.date), italic=True)

    @property
    def heading_left(self) -> tuple[Line, ...]:
        """Top left column: issuing body, then the number."""
        return (*self.issuer.heading_lines, self.number_line)

    @property
    def heading_right(self) -> tuple[Line, ...]:
        """Top right column: motto or Party name, then place and date."""
        return (*self.issuer.title_lines, self.place_date)

    @property
    def title_block(self) -> tuple[Line, ...]:
        """The type of document in capitals, then the subject lines; a short rule below."""
        size = self.issuer.document_title_size
        lines = [Line(self.title.upper(), size=size, bold=True)]
        lines += [Line(text, bold=True) for text in self.subtitle_lines]
        last = lines[-1]
        lines[-1] = Line(last.text, size=last.size, bold=True, rule="short")
        return tuple(lines)

    @property
    def recipients_heading(self) -> Line:
        """ "Nơi nhận:": bold italic 12 pt (state), underlined 14 pt (Party)."""
        if self.issuer.is_party:
            return Line("Nơi nhận:", underline=True)
        return Line("Nơi nhận:", size=12, bold=True, italic=True)

    @property
    def recipient_lines(self) -> tuple[Line, ...]:
        """Each recipient on a "- " line (";" after each for the state, "," for the Party),
        then the archive line."""
        size = 12 if self.issuer.is_party else 11
        mark = "," if self.issuer.is_party else ";"
        lines = []
        for name in self.recipients:
            text = name.strip().removeprefix("-").strip().rstrip(";,.").strip()
            if text:
                lines.append(Line(f"- {text}{mark}", size=size))
        archive = self.issuer.archive_line
        if self.archive_initials and not self.issuer.is_party:
            archive = f"- Lưu: VT, {self.archive_initials.strip()}."
        lines.append(Line(archive, size=size))
        return tuple(lines)

    @property
    def signed_mark(self) -> str:
        """What stands in the signature space: "(Đã ký)" once the original is signed."""
        return "(Đã ký)" if self.signature is not None and self.signature.signed else ""


# --- Dates ---------------------------------------------------------------------------------


def place_date_line(issuer: Issuer, day: Date | None) -> str:
    """ "Bến Thành, ngày 28 tháng 9 năm 2026" (a day below 10 and January/February take a
    leading zero: "ngày 05 tháng 01 năm 2026"); no date yet: "ngày … tháng … năm ……"."""
    if day is None:
        return f"{issuer.place}, ngày … tháng … năm ……"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{issuer.place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def vietnamese_date(day: Date) -> str:
    """ "ngày 22/9/2026": day and month without leading zeros, as documents write them."""
    return f"ngày {day.day}/{day.month}/{day.year}"


def prose_datetime(moment: datetime) -> str:
    """ "08 giờ 05 phút, ngày 22/9/2026", on the portal's clock (Asia/Ho_Chi_Minh)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {vietnamese_date(moment.date())}"
