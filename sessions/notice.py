"""The conclusions notice of a session as an official document (domain.md §5b).

The issuer follows **who chaired**: the Bí thư's (or a Party deputy's) conclusions are a
Party notice of the Đảng ủy (Hướng dẫn 36-HD/VPTW), the Chủ tịch's (or a Phó Chủ tịch's) a
state notice of the Ủy ban nhân dân (Nghị định 30/2020/NĐ-CP); a dialogue conference's
results are published by the Ủy ban nhân dân (Luật Tổ chức chính quyền địa phương 2025,
Điều 43). The same :class:`documents.layout.OfficialDocument` feeds the page, the print and
the .docx, so they say the same thing in the same places.

The text of an issued document is official Vietnamese whatever language the reader's
screen is in: it is written here, not translated.
"""

from documents.layout import (
    Heading,
    Issuer,
    OfficialDocument,
    Paragraph,
    Table,
    prose_datetime,
    vietnamese_date,
)
from units.models import Institution, Rank

from .models import DialogueSession, SessionKind

SYMBOL = "TB"

# What the session was, as the title and the first paragraph name it.
_OCCASION = {
    SessionKind.CONFERENCE: "Hội nghị đối thoại với Nhân dân",
    SessionKind.RECEPTION: "buổi tiếp công dân định kỳ",
    SessionKind.THEMATIC: "buổi tiếp xúc, đối thoại chuyên đề với Nhân dân",
    SessionKind.AD_HOC: "buổi tiếp xúc, đối thoại đột xuất với Nhân dân",
}
_COMMITMENT_HEADERS = (
    "STT",
    "Cơ quan, đơn vị chủ trì thực hiện",
    "Nội dung ý kiến, kiến nghị cần giải quyết",
    "Thời hạn",
)


def body_name(unit, institution: str) -> str:
    """ "Ủy ban nhân dân phường Bến Thành", "Đảng ủy xã Cần Giờ"; at city level "Ủy ban
    nhân dân Thành phố Hồ Chí Minh", "Thành ủy Thành phố Hồ Chí Minh"."""
    place = unit.name_in_text
    if institution == Institution.PARTY:
        return f"Thành ủy {place}" if unit.kind == "city" else f"Đảng ủy {place}"
    return f"Ủy ban nhân dân {place}"


def front_name(unit) -> str:
    """The Fatherland Front committee of the unit, as official documents write it."""
    return f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit.name_in_text}"


def neighbourhood_heads(unit) -> str:
    """Who posts a conference's results where people live: heads of khu phố (wards), of ấp
    (communes), of both (the special zone)."""
    if unit.kind == "ward":
        return "Trưởng các khu phố"
    if unit.kind == "commune":
        return "Trưởng các ấp"
    return "Trưởng các khu phố, ấp"


def recipients(session: DialogueSession) -> list[str]:
    """ "Nơi nhận" by kind of notice (the archive line is added by the layout)."""
    unit = session.unit
    place = unit.name_in_text
    if session.issuer_institution == Institution.PARTY:
        names = [
            "Thường trực Thành ủy (để báo cáo)",
            "Ban Tuyên giáo và Dân vận Thành ủy",
            f"Các đồng chí Ủy viên Ban Chấp hành Đảng bộ {place}",
            body_name(unit, Institution.STATE),
            front_name(unit),
            "Các chi bộ trực thuộc",
            "Các cơ quan, đơn vị có liên quan",
        ]
    else:
        names = [
            f"Thường trực Đảng ủy {place} (để báo cáo)",
            f"Thường trực Hội đồng nhân dân {place}",
            f"Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân {place}",
            front_name(unit),
            "Các cơ quan, đơn vị có liên quan",
        ]
        if session.kind == SessionKind.CONFERENCE:
            names.append(f"{neighbourhood_heads(unit)} (để niêm yết, thông báo đến Nhân dân)")
    return names


def _chair(session: DialogueSession) -> tuple[str, str]:
    name = session.chaired_by_name or "……"
    position = session.chaired_by_position or "……"
    return name, position


def _opening(session: DialogueSession) -> list[Paragraph]:
    name, position = _chair(session)
    unit = session.unit
    when = prose_datetime(session.actual_start) if session.actual_start else "……"
    where = session.place or "hình thức trực tuyến"
    occasion = _OCCASION[session.kind]
    if session.kind == SessionKind.CONFERENCE:
        text = (
            f"Vào hồi {when}, tại {where}, {body_name(unit, Institution.STATE)} phối hợp với "
            f"{front_name(unit)} tổ chức {occasion} với chủ đề “{session.topic}”. "
            f"Đồng chí {name}, {position} chủ trì"
            + (f", cùng {session.co_chairs} đồng chủ trì" if session.co_chairs else "")
            + "."
        )
    else:
        text = (
            f"Vào hồi {when}, tại {where}, đồng chí {name}, {position} chủ trì {occasion} "
            f"với chủ đề “{session.topic}”."
        )
    paragraphs = [Paragraph(text)]
    present = []
    if session.bodies_present:
        present.append(session.bodies_present.strip().rstrip("."))
    if session.attendance_count:
        present.append(f"{session.attendance_count} người dân")
    if present:
        paragraphs.append(Paragraph("Tham dự có: " + "; ".join(present) + "."))
    paragraphs.append(
        Paragraph(
            "Sau khi nghe ý kiến, kiến nghị của Nhân dân và ý kiến của các cơ quan, đơn vị có "
            f"liên quan, đồng chí {name} kết luận như sau:"
        )
    )
    return paragraphs


def _conclusions(session: DialogueSession) -> list[Paragraph]:
    text = session.conclusions_text.strip()
    if not text:
        return [Paragraph("……")]
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _commitments(commitments) -> list:
    if not commitments:
        return []
    rows = [
        (
            str(number),
            c.who,
            c.what,
            vietnamese_date(c.due).removeprefix("ngày ") if c.due else "",
        )
        for number, c in enumerate(commitments, start=1)
    ]
    return [
        Heading("Các nội dung giao thực hiện"),
        Table(headers=_COMMITMENT_HEADERS, rows=rows, widths=(8, 30, 46, 16)),
    ]


def _closing(session: DialogueSession) -> Paragraph:
    issuer = body_name(session.unit, session.issuer_institution)
    return Paragraph(
        f"{issuer} thông báo để các cơ quan, đơn vị, cá nhân có liên quan biết, thực hiện./."
    )


def subtitle(session: DialogueSession) -> str:
    name, position = _chair(session)
    day = session.actual_start.date() if session.actual_start else None
    on = f" {vietnamese_date(day)}" if day else ""
    return f"Kết luận của đồng chí {name}, {position} tại {_OCCASION[session.kind]}{on}"


def signature(session: DialogueSession, issuer: Issuer):
    """The signer chosen for the notice, or (a draft without one) the head's block blank."""
    rank = session.conclusions_signer_rank or Rank.HEAD
    return issuer.signature(
        rank,
        name=session.conclusions_signer_name,
        signed=session.conclusions_published,
    )


def conclusions_notice(session: DialogueSession, commitments=()) -> OfficialDocument:
    """The notice as an official document: a draft until it is issued with its number."""
    issuer = Issuer.for_unit(session.unit, session.issuer_institution)
    register_entry = session.conclusions_document
    return OfficialDocument(
        issuer=issuer,
        symbol=SYMBOL,
        title="Thông báo",
        number=register_entry.number if register_entry is not None else None,
        date=session.conclusions_date,
        subtitle_lines=(subtitle(session),),
        body=(
            *_opening(session),
            *_conclusions(session),
            *_commitments(commitments),
            _closing(session),
        ),
        recipients=tuple(recipients(session)),
        signature=signature(session, issuer),
        draft=not session.conclusions_published,
    )
