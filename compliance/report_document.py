"""The periodic report as an official Party document (Hướng dẫn 36-HD/VPTW; domain.md §5b, §7).

The report on Quyết định số 935-QĐ/TU and Quyết định số 936-QĐ/TU is the Party committee's:
a ward's, commune's or special zone's is issued by its Đảng ủy ("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ
MINH" / "ĐẢNG ỦY PHƯỜNG BẾN THÀNH" / "*", "Số ……-BC/ĐU"), the city's by the Thành ủy ("THÀNH
ỦY THÀNH PHỐ HỒ CHÍ MINH", "-BC/TU"); a report on a former district (before July 2025) is
the Thành ủy's too, since only the city and the commune-level units keep registers now.

It carries the figures of the report page (every number with its status and formula, the
same texts the dashboards compute) and nothing of the screen (no "computed at" note, no
links). It is a draft ("DỰ THẢO", "Số ……-BC/ĐU") until it is registered: then it shows the
number and date taken from the Party committee's outgoing-document register, and the
signer recorded with that number. Unregistered, the Bí thư's block stands with the name
of the unit's Bí thư (blank when there is none).

API::

    issuing_unit(root) -> Unit                       # the unit whose Party committee issues
    report_reference(root, period) -> "report:26743:2026-09"
    registered_entry(root, period) -> OutgoingDocument | None
    period_words(period) -> "tháng 9 năm 2026", "quý I năm 2026", "6 tháng đầu năm 2026"…
    report_subject(period) -> "Kết quả thực hiện Quyết định số 935-QĐ/TU và … <period>"
    signing_membership(user, unit) -> Membership | None   # the Party role a user signs with
    party_secretary(unit) -> Membership | None
    periodic_report(root=, period=, table=, overdue=, still_due=, units=, today=, entry=)
        -> OfficialDocument

The text of the document is official Vietnamese whatever the reader's language: the
portal's own figure labels, formulas and statuses are read in Vietnamese here.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone, translation

from dialogue_portal.lib.people import person_name
from documents.layout import (
    Heading,
    Issuer,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    vietnamese_date,
)
from documents.models import OutgoingDocument
from sessions.notice import body_name
from units.models import Institution, Membership, Rank, Role, Unit

from .figures import COMMITMENTS, CONCERNS, SESSIONS, STATUS_LABELS, TIMES, Column
from .periods import Period, PeriodKind
from .tables import format_value

SYMBOL = "BC"
INSTITUTION = Institution.PARTY.value
REGULATIONS = (
    "Quyết định số 935-QĐ/TU và Quyết định số 936-QĐ/TU ngày 28/4/2017 "
    "của Thành ủy Thành phố Hồ Chí Minh"
)
# The Party roles that sign a report, best first: the Bí thư, a Phó Bí thư (K/T), the head of
# the office (T/L).
SIGNING_ROLES = (Role.PARTY_SECRETARY, Role.PARTY_DEPUTY, Role.PARTY_OFFICE_HEAD)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_SECTIONS = ("I", "II", "III", "IV", "V", "VI")
_FIGURE_HEADERS = ("Chỉ tiêu", "Kết quả", "Đánh giá", "Cách tính")
_FIGURE_WIDTHS = (22, 16, 15, 47)


# --- Who issues, under which number ----------------------------------------------------------


def issuing_unit(root: Unit) -> Unit:
    """The unit whose Party committee issues the report on ``root``: ``root`` itself for the
    city or a ward, commune or special zone; the city for a former district or town."""
    if root.kind == Unit.Kind.CITY or root.is_commune_level:
        return root
    city_code = root.path.split("/", 1)[0]
    return Unit.objects.filter(code=city_code).first() or root


def report_reference(root: Unit, period: Period) -> str:
    """What the register records the report's number for: one unit, one period."""
    return f"report:{root.code}:{period.slug()}"


def registered_entry(root: Unit, period: Period) -> OutgoingDocument | None:
    """The register entry of the report on ``root`` for ``period``, if it was numbered."""
    return (
        OutgoingDocument.objects.for_reference(report_reference(root, period))
        .select_related("register")
        .first()
    )


# --- Period and subject ----------------------------------------------------------------------


def period_words(period: Period) -> str:
    """The period as a report's title writes it."""
    year = period.year
    if period.kind == PeriodKind.MONTH:
        return f"tháng {period.month} năm {year}"
    if period.kind == PeriodKind.QUARTER:
        return f"quý {_ROMAN[period.quarter]} năm {year}"
    if period.kind == PeriodKind.Q1:
        return f"quý I năm {year}"
    if period.kind == PeriodKind.HALF:
        return f"6 tháng đầu năm {year}"
    if period.kind == PeriodKind.NINE:
        return f"9 tháng năm {year}"
    if period.kind == PeriodKind.YEAR:
        return f"năm {year}"
    return f"từ {vietnamese_date(period.start)} đến {vietnamese_date(period.end)}"


def report_subject(period: Period) -> str:
    """The subject line under "BÁO CÁO" (also the title in the register)."""
    return f"Kết quả thực hiện {REGULATIONS} {period_words(period)}"


# --- Signers ---------------------------------------------------------------------------------


def party_secretary(unit: Unit) -> Membership | None:
    """The active Bí thư of ``unit``'s Party committee (None when the post is vacant)."""
    return (
        Membership.objects.filter(unit=unit, role=Role.PARTY_SECRETARY, is_active=True)
        .select_related("user__person")
        .order_by("-created_at", "-pk")
        .first()
    )


def signing_membership(user, unit: Unit) -> Membership | None:
    """The Party role with which ``user`` signs in ``unit``: Bí thư, Phó Bí thư or head of the
    Party committee office, the highest they hold (None: they hold none, e.g. a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return None
    held = {
        m.role: m
        for m in Membership.objects.filter(
            user=user, unit=unit, role__in=SIGNING_ROLES, is_active=True
        ).select_related("user__person")
    }
    return next((held[role] for role in SIGNING_ROLES if role in held), None)


def _registered_rank(entry: OutgoingDocument, unit: Unit) -> str:
    """The rank the registered signer signed with: that of the Party role of the person who
    took the number (the one whose title was recorded, if they hold several). Someone with
    no such role (a superuser) recorded the Bí thư, who signs T/M."""
    if entry.created_by_id is None or not entry.signer_name:
        return Rank.HEAD
    roles = Membership.objects.filter(
        user_id=entry.created_by_id, unit=unit, role__in=SIGNING_ROLES
    )
    memberships = sorted(roles, key=lambda m: SIGNING_ROLES.index(m.role))
    if not memberships:
        return Rank.HEAD
    with translation.override("vi"):
        matching = [m for m in memberships if m.title == entry.signer_position]
    return (matching or memberships)[0].rank


def _signature(issuer: Issuer, unit: Unit, entry: OutgoingDocument | None) -> Signature:
    if entry is not None:
        return issuer.signature(_registered_rank(entry, unit), name=entry.signer_name)
    secretary = party_secretary(unit)
    name = ""
    if secretary is not None:
        name = person_name(secretary.user)
    return issuer.signature(Rank.HEAD, name=name)


# --- Nơi nhận --------------------------------------------------------------------------------


def recipients(unit: Unit) -> list[str]:
    """ "Nơi nhận" of the report (the layout adds the archive line)."""
    if unit.kind == Unit.Kind.CITY:
        return [
            "Ban Thường vụ Thành ủy",
            "Các ban, đơn vị của Thành ủy",
            "Các đảng ủy trực thuộc Thành ủy",
        ]
    return [
        "Thường trực Thành ủy (để báo cáo)",
        "Ban Tuyên giáo và Dân vận Thành ủy",
        "Ban Nội chính Thành ủy",
        "Văn phòng Thành ủy",
        f"Thường trực Đảng ủy {unit.name_in_text}",
    ]


# --- Body ------------------------------------------------------------------------------------


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _value(col: Column, figures, *, with_note: bool = False) -> str:
    text = format_value(col, col.value(figures), ",")
    if with_note and col.note:
        note = col.note(figures)
        if note:
            text = f"{text} ({note})"
    return text


def _figure_table(columns: list[Column], figures) -> Table:
    """Each figure of a group: its value (with its note), status against the rule, formula."""
    rows = [
        (
            str(col.label),
            _value(col, figures, with_note=True),
            _capitalised(str(STATUS_LABELS[col.status(figures)])),
            str(col.formula),
        )
        for col in columns
    ]
    return Table(headers=_FIGURE_HEADERS, rows=rows, widths=_FIGURE_WIDTHS)


def _summary(total, by_key: dict[str, Column]) -> tuple[list, list]:
    """The summary lines of the page, one paragraph each (sessions, then concerns)."""
    f = total
    rate = _value(by_key["on_time_rate"], f)
    sessions = [
        Paragraph(
            f"- Số buổi tiếp xúc, đối thoại đã tổ chức: {f.sessions_held}; số buổi phải tổ "
            "chức theo các quy định về tần suất trong những khoảng thời gian đã kết thúc: "
            f"{f.sessions_required}; còn thiếu: {f.sessions_shortfall}."
        ),
        Paragraph(
            f"- Số buổi được thông báo trước đủ thời gian: {f.sessions_with_notice}/"
            f"{f.sessions_held}; số buổi ban hành thông báo kết luận đúng hạn: "
            f"{f.conclusions_on_time}/{f.sessions_held}."
        ),
    ]
    concerns = [
        Paragraph(
            f"- Số ý kiến, phản ánh, kiến nghị, góp ý tiếp nhận: {f.received}; đã trả lời: "
            f"{f.answered}, trong đó đúng hạn: {f.answered_on_time}."
        ),
        Paragraph(
            f"- Số ý kiến đang quá hạn: {f.overdue}; số ý kiến người dân không đồng ý với "
            f"câu trả lời: {f.disputed}; tỷ lệ trả lời đúng hạn: {rate}."
        ),
    ]
    return sessions, concerns


def _results(number: str, total, columns: list[Column]) -> list:
    groups = {g: [c for c in columns if c.group == g] for g in (SESSIONS, CONCERNS, TIMES)}
    groups[COMMITMENTS] = [c for c in columns if c.group == COMMITMENTS]
    by_key = {c.key: c for c in columns}
    sessions_text, concerns_text = _summary(total, by_key)
    return [
        Heading(f"{number}. KẾT QUẢ THỰC HIỆN"),
        Heading(
            "1. Tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền với "
            "Nhân dân (Quyết định số 935-QĐ/TU)"
        ),
        *sessions_text,
        _figure_table(groups[SESSIONS], total),
        Heading(
            "2. Tiếp nhận, giải quyết, trả lời ý kiến, phản ánh, kiến nghị, góp ý "
            "(Quyết định số 936-QĐ/TU)"
        ),
        *concerns_text,
        _figure_table(groups[CONCERNS], total),
        Heading(
            "3. Thời gian tiếp nhận và trả lời (số ngày làm việc, không tính thời gian tạm dừng)"
        ),
        _figure_table(groups[TIMES], total),
        Heading("4. Theo dõi thực hiện các nội dung đã cam kết"),
        _figure_table(groups[COMMITMENTS], total),
    ]


def _by_unit(number: str, rows, by_key: dict[str, Column]) -> list:
    """The main figures of every unit, most rules missed first (as the page lists them)."""
    v = _value
    sessions = [
        (
            f.unit.name,
            f"{f.sessions_held} / {f.sessions_required}",
            str(f.sessions_with_notice),
            str(f.conclusions_on_time),
        )
        for f in rows
    ]
    concerns = [
        (
            f.unit.name,
            str(f.received),
            str(f.answered),
            str(f.answered_on_time),
            str(f.overdue),
            str(f.disputed),
            v(by_key["on_time_rate"], f),
        )
        for f in rows
    ]
    times = [
        (
            f.unit.name,
            v(by_key["answer_median"], f),
            v(by_key["answer_p90"], f),
            str(f.commitments_overdue),
        )
        for f in rows
    ]
    return [
        Heading(f"{number}. SỐ LIỆU CỦA TỪNG ĐƠN VỊ"),
        Paragraph("Các đơn vị được xếp theo số yêu cầu không đạt, nhiều nhất trước."),
        Heading("1. Tiếp xúc, đối thoại"),
        Table(
            headers=(
                "Đơn vị",
                "Số buổi đã tổ chức / phải tổ chức",
                "Thông báo đủ thời gian",
                "Kết luận đúng hạn",
            ),
            rows=sessions,
            widths=(40, 22, 19, 19),
        ),
        Heading("2. Ý kiến, phản ánh, kiến nghị, góp ý"),
        Table(
            headers=(
                "Đơn vị",
                "Tiếp nhận",
                "Đã trả lời",
                "Trả lời đúng hạn",
                "Đang quá hạn",
                "Không đồng ý",
                "Tỷ lệ đúng hạn",
            ),
            rows=concerns,
            widths=(22, 13, 13, 13, 13, 13, 13),
        ),
        Heading("3. Thời gian trả lời và cam kết quá hạn"),
        Table(
            headers=(
                "Đơn vị",
                "Số ngày làm việc để trả lời: trung vị",
                "Số ngày làm việc để trả lời: phân vị 90",
                "Cam kết quá hạn",
            ),
            rows=times,
            widths=(40, 22, 22, 16),
        ),
    ]


def _overdue(number: str, overdue) -> list:
    blocks: list = [Heading(f"{number}. CÁC Ý KIẾN QUÁ HẠN CẦN LƯU Ý")]
    if not overdue:
        blocks.append(Paragraph("Không có ý kiến nào có thời hạn trong kỳ đang quá hạn."))
        return blocks
    blocks.append(
        Paragraph(
            "Các ý kiến đến nay chưa giải quyết xong, có thời hạn rơi vào kỳ báo cáo và đã quá "
            f"hạn, thời hạn sớm nhất trước (tối đa 20 ý kiến): {len(overdue)} ý kiến."
        )
    )
    rows = [
        (
            str(n),
            c.tracking_code,
            c.unit.name,
            str(c.get_type_display()),
            str(c.get_state_display()),
            _short_date(c.deadline),
            _short_date(c.received_at),
        )
        for n, c in enumerate(overdue, start=1)
    ]
    headers = ("STT", "Mã tra cứu", "Đơn vị", "Loại", "Trạng thái", "Thời hạn", "Ngày tiếp nhận")
    blocks.append(Table(headers=headers, rows=rows, widths=(9, 17, 16, 12, 14, 16, 16)))
    return blocks


def _short_date(moment) -> str:
    """ "22/9/2026" (a moment on the portal's clock)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return vietnamese_date(moment).removeprefix("ngày ")


def _still_due(number: str, still_due, *, show_units: bool) -> list:
    blocks: list = [Heading(f"{number}. NHỮNG VIỆC CÒN PHẢI THỰC HIỆN THEO QUY ĐỊNH")]
    if not still_due:
        blocks.append(
            Paragraph("Không có: các yêu cầu của những khoảng thời gian chưa kết thúc đều đã đạt.")
        )
        return blocks
    for group in still_due:
        rule = group["rule"]
        text = (
            f"- Còn phải tổ chức {group['missing']} buổi “{rule.get_session_kind_display()}” "
            f"({rule.get_host_display()}) trước {vietnamese_date(group['by'])} "
            f"({rule.legal_basis})"
        )
        units = group["units"]
        if show_units and units:
            text += ": " + ", ".join(u.name for u in units)
        blocks.append(Paragraph(text + "."))
    return blocks


def _opening(unit: Unit, body_of: str, when: str) -> str:
    if unit.kind == Unit.Kind.CITY:  # the Thành ủy reports on its own decisions
        return (
            f"{body_of} báo cáo kết quả thực hiện Quyết định số 935-QĐ/TU và Quyết định số "
            f"936-QĐ/TU ngày 28/4/2017 của Thành ủy {when} như sau:"
        )
    return f"Thực hiện {REGULATIONS}, {body_of} báo cáo kết quả thực hiện {when} như sau:"


# --- The document ----------------------------------------------------------------------------


def periodic_report(
    *,
    root: Unit,
    period: Period,
    table,
    overdue,
    still_due,
    units: list[Unit],
    today: date,
    entry: OutgoingDocument | None = None,
) -> OfficialDocument:
    """The report on ``root`` (and the ``units`` below it) for ``period``: a draft, or the
    registered report when ``entry`` (see :func:`registered_entry`) is given.

    ``table`` is the page's :class:`compliance.tables.Table`; ``overdue`` the notable overdue
    concerns; ``still_due`` the still-due groups the page lists.
    """
    with translation.override("vi"):
        return _build(root, period, table, overdue, still_due, units, today, entry)


def _build(root, period, table, overdue, still_due, units, today, entry) -> OfficialDocument:
    unit = issuing_unit(root)
    issuer = Issuer.for_unit(unit, INSTITUTION)
    body_of = body_name(unit, INSTITUTION)
    words = period_words(period)
    span = ""
    if period.kind != PeriodKind.CUSTOM:
        span = f" (từ {vietnamese_date(period.start)} đến {vietnamese_date(period.end)})"
    scope = root.name_in_text
    if len(units) > 1:
        scope = f"{scope} và {len(units) - 1} đơn vị trực thuộc"
    columns = table.columns
    by_key = {c.key: c for c in columns}
    sections = iter(_SECTIONS)
    body: list = [
        Paragraph(_opening(unit, body_of, f"{words}{span}")),
        Paragraph(
            f"Phạm vi số liệu: {scope}. Số liệu được tổng hợp từ dữ liệu của hệ thống đến "
            f"{vietnamese_date(today)}; số ý kiến “đang quá hạn” được tính đến ngày này."
        ),
        *_results(next(sections), table.total.figures, columns),
    ]
    if len(units) > 1:
        body += _by_unit(next(sections), [row.figures for row in table.rows], by_key)
    body += _overdue(next(sections), overdue)
    body += _still_due(next(sections), still_due, show_units=len(units) > 1)
    body.append(Paragraph(f"Trên đây là báo cáo kết quả thực hiện {words} của {body_of}./."))
    return OfficialDocument(
        issuer=issuer,
        symbol=SYMBOL,
        title="Báo cáo",
        number=entry.number if entry is not None else None,
        date=entry.issued_on if entry is not None else today,
        subtitle_lines=(report_subject(period),),
        body=tuple(body),
        recipients=tuple(recipients(unit)),
        signature=_signature(issuer, unit, entry),
        draft=entry is None,
    )
