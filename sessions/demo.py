"""Demo sessions for ``manage.py seed_demo``: every state, in the two demo wards.

Everything goes through the services, so each session has its history rows and audit
entries. Sessions in the past are replayed at the time they happened (the clock is set
back while their services run), so announcement dates, notice, "held" times and the
conclusions due dates are all consistent. Idempotent: nothing is added when the demo
wards already have sessions.
"""

import io
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dialogue_portal.lib.text import fold
from units.models import Unit

from . import services
from .models import (
    AttachmentKind,
    ChairRole,
    CoOrganiser,
    DialogueSession,
    SessionFormat,
    SessionHosts,
    SessionKind,
)

WARD_A_CODE = "26743"  # Phường Bến Thành (units/demo.py)
WARD_B_CODE = "27664"  # Xã Cần Giờ


# --- Files ---------------------------------------------------------------------------------


def minimal_pdf(title: str) -> bytes:
    """A tiny valid one-page PDF showing ``title`` (accents dropped: base-14 font)."""
    text = fold(title).encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    content = b"BT /F1 14 Tf 72 770 Td (" + text[:90] + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def small_png(colour: tuple[int, int, int] = (164, 22, 26)) -> bytes:
    """A small valid PNG (a plain coloured rectangle)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def small_jpeg(colour: tuple[int, int, int] = (11, 79, 163)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


# --- Replaying the past ------------------------------------------------------------------


@contextmanager
def _clock(moment: datetime):
    """Run services as if it were ``moment`` (timestamps, guards and due dates follow)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _plan(
    unit: Unit, officer, *, when: datetime, kind: str, topic: str, place: str, **extra
) -> DialogueSession:
    hours = extra.pop("hours", 2)
    fields = {
        "kind": kind,
        "format": extra.pop("format", SessionFormat.IN_PERSON),
        "online_link": extra.pop("online_link", ""),
        "topic": topic,
        "description": extra.pop("description", ""),
        "place": place,
        "planned_start": when,
        "planned_end": when + timedelta(hours=hours),
        "target_audience": extra.pop("target_audience", ""),
        "expected_attendance": extra.pop("expected_attendance", None),
        "how_to_take_part": extra.pop(
            "how_to_take_part",
            "Người dân đến trực tiếp, mang theo giấy tờ tùy thân; có thể gửi ý kiến trước qua Cổng.",
        ),
        "hosts": extra.pop("hosts", SessionHosts.BOTH),
        "party_secretary_name": extra.pop("party_secretary_name", ""),
        "chair_name": extra.pop("chair_name", ""),
        "delegate_name": "",
        "delegate_position": "",
        "co_organisers": extra.pop("co_organisers", [CoOrganiser.FATHERLAND_FRONT]),
        "other_co_organisers": extra.pop("other_co_organisers", ""),
    }
    return services.session_create(actor=officer, unit=unit, fields=fields)


def _announce(session: DialogueSession, *, officer, head, reason: str = "") -> DialogueSession:
    """Announce as the officer; as the head with a reason when the notice turns out short."""
    check = services.notice_check(session)
    if check.is_late:
        return services.session_announce(
            actor=head,
            session_id=session.pk,
            late_reason=reason
            or "Lịch làm việc thay đổi, cần tổ chức sớm để kịp giải quyết kiến nghị.",
        )
    return services.session_announce(actor=officer, session_id=session.pk)


def _walk(
    session: DialogueSession,
    *,
    officer,
    head,
    approve: datetime | None = None,
    announce: datetime | None = None,
) -> DialogueSession:
    if approve:
        with _clock(approve - timedelta(hours=2)):
            services.session_submit(actor=officer, session_id=session.pk)
        with _clock(approve):
            session = services.session_approve(actor=head, session_id=session.pk)
    if announce:
        with _clock(announce):
            session = _announce(session, officer=officer, head=head)
    return session


def _hold(
    session: DialogueSession, *, officer, chair: str, attendance: int, minutes: bool = True
) -> DialogueSession:
    start = session.planned_start
    uploads = []
    if minutes:
        uploads = [
            services.Upload(
                AttachmentKind.MINUTES,
                SimpleUploadedFile(
                    "bien-ban.pdf", minimal_pdf(f"Bien ban: {session.topic}"), "application/pdf"
                ),
            ),
            services.Upload(
                AttachmentKind.PHOTO,
                SimpleUploadedFile("anh-hoi-nghi.png", small_png(), "image/png"),
            ),
            services.Upload(
                AttachmentKind.SIGN_IN_SHEET,
                SimpleUploadedFile("danh-sach.jpg", small_jpeg(), "image/jpeg"),
            ),
        ]
    with _clock(start + timedelta(hours=3)):
        return services.session_record_held(
            actor=officer,
            session_id=session.pk,
            actual_start=start + timedelta(minutes=5),
            actual_end=session.planned_end + timedelta(minutes=20),
            chaired_by_role=ChairRole.PARTY_SECRETARY,
            chaired_by_name=chair,
            attendance_count=attendance,
            bodies_present="Đảng ủy, HĐND, UBND, Ủy ban MTTQ, Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh",
            minutes_text=(
                "Hội nghị khai mạc đúng giờ. Lãnh đạo địa phương báo cáo tình hình, người dân phát biểu "
                "ý kiến, đại diện các phòng chuyên môn trả lời trực tiếp tại hội nghị."
                if minutes
                else ""
            ),
            uploads=uploads,
        )


def _conclude(
    session: DialogueSession,
    *,
    officer,
    head,
    day: date,
    number: str,
    signer: str,
    position: str,
    text: str,
):
    with _clock(_at(day, 10)):
        session = services.session_save_conclusions(
            actor=officer,
            session_id=session.pk,
            expected_version=session.version,
            fields={
                "conclusions_number": number,
                "conclusions_date": day,
                "conclusions_signer_name": signer,
                "conclusions_signer_position": position,
                "conclusions_text": text,
            },
        )
    with _clock(_at(day, 15)):
        return services.session_issue_conclusions(actor=head, session_id=session.pk)


CONCLUSIONS_TEXT = (
    "1. Ghi nhận và cảm ơn các ý kiến tâm huyết, trách nhiệm của người dân tại hội nghị.\n"
    "2. Giao Phòng Kinh tế - Hạ tầng và Đô thị khảo sát, đề xuất phương án xử lý các điểm ngập "
    "nêu tại hội nghị, báo cáo trước ngày 30 của tháng.\n"
    "3. Giao Công an phường tăng cường tuần tra, xử lý tình trạng lấn chiếm vỉa hè.\n"
    "4. Văn phòng HĐND-UBND theo dõi, đôn đốc và công khai kết quả giải quyết trên Cổng."
)


def seed_demo(*, today: date) -> None:
    """Add demo sessions in every state to the two demo wards (once)."""
    if DialogueSession.objects.filter(unit__code__in=[WARD_A_CODE, WARD_B_CODE]).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    _seed_ward_a(
        today, Unit.objects.get(code=WARD_A_CODE), users["canbo.benthanh"], users["truong.benthanh"]
    )
    _seed_ward_b(
        today, Unit.objects.get(code=WARD_B_CODE), users["canbo.cangio"], users["truong.cangio"]
    )


def _seed_ward_a(today: date, unit: Unit, officer, head) -> None:
    common = {
        "party_secretary_name": "Nguyễn Văn Hải",
        "chair_name": "Trần Minh Tuấn",
        "target_audience": "Người dân các khu phố 1–6, hộ kinh doanh trên địa bàn phường",
        "expected_attendance": 150,
    }
    place = "Hội trường UBND phường Bến Thành, 92 Nguyễn Trãi"
    day = lambda offset: today + timedelta(days=offset)  # noqa: E731

    # Draft, not submitted yet.
    with _clock(_at(day(-1))):
        _plan(
            unit,
            officer,
            when=_at(day(45), 8),
            kind=SessionKind.THEMATIC,
            topic="Đối thoại chuyên đề về chỉnh trang vỉa hè đường Lê Lợi",
            place=place,
            **common,
        )
    # Draft submitted, waiting for the head.
    with _clock(_at(day(-2))):
        s = _plan(
            unit,
            officer,
            when=_at(day(30), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ của Bí thư Đảng ủy phường",
            place=place,
            hosts=SessionHosts.PARTY_SECRETARY,
            **common,
        )
    with _clock(_at(day(-1))):
        services.session_submit(actor=officer, session_id=s.pk)
    # Plan approved, not announced.
    with _clock(_at(day(-5))):
        s = _plan(
            unit,
            officer,
            when=_at(day(21), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại về an ninh trật tự và phòng cháy chữa cháy",
            place=place,
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-3)))
    # Announced with full notice.
    with _clock(_at(day(-6))):
        s = _plan(
            unit,
            officer,
            when=_at(day(14), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2026",
            place=place,
            description="Lắng nghe ý kiến về chống ngập, vệ sinh môi trường, thủ tục hành chính.",
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-5)), announce=_at(day(-4), 14))
    # Announced with late notice, by the head, with a reason.
    with _clock(_at(day(-1))):
        s = _plan(
            unit,
            officer,
            when=_at(day(2), 14),
            kind=SessionKind.AD_HOC,
            topic="Đối thoại đột xuất về sự cố sụt lún tại hẻm 45 Lê Thánh Tôn",
            place="Nhà văn hóa khu phố 3, 45 Lê Thánh Tôn",
            format=SessionFormat.HYBRID,
            online_link="https://hop.benthanh.example.vn/sut-lun",
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-1), 11))
    with _clock(_at(day(-1), 15)):
        services.session_announce(
            actor=head,
            session_id=s.pk,
            late_reason="Sự cố sụt lún ảnh hưởng an toàn của 40 hộ dân, cần đối thoại ngay.",
        )
    # Announced, then postponed to a new date (old date stays in the history).
    with _clock(_at(day(-15))):
        s = _plan(
            unit,
            officer,
            when=_at(day(3), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ của Chủ tịch UBND phường",
            place=place,
            hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-14)), announce=_at(day(-12)))
    with _clock(_at(day(-1), 16)):
        services.session_postpone(
            actor=officer,
            session_id=s.pk,
            reason="Trùng lịch họp của Ủy ban nhân dân Thành phố.",
            new_start=_at(day(17), 8),
            new_end=_at(day(17), 11),
        )
    # Announced, then cancelled.
    with _clock(_at(day(-10))):
        s = _plan(
            unit,
            officer,
            when=_at(day(6), 19),
            kind=SessionKind.THEMATIC,
            topic="Đối thoại về quản lý chợ Bến Thành ban đêm",
            place="Cổng Nam chợ Bến Thành",
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-9)), announce=_at(day(-8)))
    with _clock(_at(day(-2), 10)):
        services.session_cancel(
            actor=officer,
            session_id=s.pk,
            reason="Nội dung đã được giải quyết tại hội nghị chuyên đề của Thành phố.",
        )
    # Held, conclusions still to write (due soon).
    with _clock(_at(day(-25))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-6), 8),
            kind=SessionKind.CONFERENCE,
            topic="Đối thoại về chống ngập và vệ sinh môi trường khu phố 5",
            place=place,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-24)), announce=_at(day(-20)))
    _hold(s, officer=officer, chair="Nguyễn Văn Hải", attendance=132)
    # Conclusions issued.
    with _clock(_at(day(-50))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-30), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại về thủ tục hành chính và chuyển đổi số",
            place=place,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-48)), announce=_at(day(-45)))
    s = _hold(s, officer=officer, chair="Nguyễn Văn Hải", attendance=118)
    _conclude(
        s,
        officer=officer,
        head=head,
        day=day(-25),
        number="15/TB-UBND",
        signer="Trần Minh Tuấn",
        position="Chủ tịch",
        text=CONCLUSIONS_TEXT,
    )
    # Closed.
    with _clock(_at(day(-90))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-70), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ về trật tự đô thị",
            place=place,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-88)), announce=_at(day(-85)))
    s = _hold(s, officer=officer, chair="Nguyễn Văn Hải", attendance=64)
    s = _conclude(
        s,
        officer=officer,
        head=head,
        day=day(-64),
        number="09/TB-UBND",
        signer="Nguyễn Văn Hải",
        position="Bí thư Đảng ủy",
        text=CONCLUSIONS_TEXT,
    )
    with _clock(_at(day(-20))):
        services.session_close(
            actor=officer, session_id=s.pk, note="Các kiến nghị đã được trả lời đầy đủ."
        )


def _seed_ward_b(today: date, unit: Unit, officer, head) -> None:
    common = {
        "party_secretary_name": "Lê Văn Phước",
        "chair_name": "Võ Minh Dũng",
        "target_audience": "Người dân các ấp Đồng Hòa, Cần Thạnh, Hòa Hiệp; ngư dân và hộ nuôi trồng thủy sản",
        "expected_attendance": 200,
    }
    place = "Hội trường UBND xã Cần Giờ, đường Lương Văn Nho"
    day = lambda offset: today + timedelta(days=offset)  # noqa: E731

    with _clock(_at(day(-3))):
        _plan(
            unit,
            officer,
            when=_at(day(40), 8),
            kind=SessionKind.THEMATIC,
            topic="Đối thoại về quy hoạch khu du lịch lấn biển",
            place=place,
            **common,
        )
    with _clock(_at(day(-4))):
        s = _plan(
            unit,
            officer,
            when=_at(day(25), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ của Chủ tịch UBND xã",
            place=place,
            hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-2)))
    with _clock(_at(day(-7))):
        s = _plan(
            unit,
            officer,
            when=_at(day(10), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại với ngư dân về bảo vệ nguồn lợi thủy sản",
            place=place,
            format=SessionFormat.HYBRID,
            online_link="https://hop.cangio.example.vn/ngu-dan",
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-6)), announce=_at(day(-5)))
    # Postponed, then announced again at its new date.
    with _clock(_at(day(-20))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-2), 8),
            kind=SessionKind.THEMATIC,
            topic="Đối thoại về sạt lở bờ biển ấp Hòa Hiệp",
            place="Nhà văn hóa ấp Hòa Hiệp",
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-19)), announce=_at(day(-18)))
    with _clock(_at(day(-4))):
        services.session_postpone(
            actor=officer,
            session_id=s.pk,
            reason="Triều cường, đường vào ấp bị ngập.",
            new_start=_at(day(12), 8),
            new_end=_at(day(12), 11),
        )
    with _clock(_at(day(-3))):
        _announce(DialogueSession.objects.get(pk=s.pk), officer=officer, head=head)
    # Postponed, waiting to be announced at its new date.
    with _clock(_at(day(-14))):
        s = _plan(
            unit,
            officer,
            when=_at(day(4), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ về cấp giấy chứng nhận quyền sử dụng đất",
            place=place,
            **common,
        )
    _walk(s, officer=officer, head=head, approve=_at(day(-13)), announce=_at(day(-11)))
    with _clock(_at(day(-1), 9)):
        services.session_postpone(
            actor=officer,
            session_id=s.pk,
            reason="Chủ tịch UBND xã đi công tác đột xuất theo triệu tập của Thành phố.",
            new_start=_at(day(18), 8),
            new_end=_at(day(18), 11),
        )
    # A draft that was cancelled before it was announced (never public).
    with _clock(_at(day(-9))):
        s = _plan(
            unit,
            officer,
            when=_at(day(8), 8),
            kind=SessionKind.AD_HOC,
            topic="Đối thoại về giá vé phà Bình Khánh",
            place=place,
            **common,
        )
    with _clock(_at(day(-8))):
        services.session_cancel(
            actor=officer,
            session_id=s.pk,
            reason="Thành phố đã điều chỉnh giá vé, không còn cần thiết.",
        )
    # Held without minutes, conclusions overdue.
    with _clock(_at(day(-45))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-25), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại về bồi thường, hỗ trợ tái định cư dự án đê biển",
            place=place,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-44)), announce=_at(day(-40)))
    _hold(s, officer=officer, chair="Võ Minh Dũng", attendance=210, minutes=False)
    # Concluded.
    with _clock(_at(day(-60))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-35), 8),
            kind=SessionKind.RECEPTION,
            topic="Tiếp dân định kỳ của Bí thư Đảng ủy xã",
            place=place,
            hosts=SessionHosts.PARTY_SECRETARY,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-58)), announce=_at(day(-55)))
    s = _hold(s, officer=officer, chair="Lê Văn Phước", attendance=45)
    _conclude(
        s,
        officer=officer,
        head=head,
        day=day(-30),
        number="21/TB-ĐU",
        signer="Lê Văn Phước",
        position="Bí thư Đảng ủy",
        text=CONCLUSIONS_TEXT,
    )
    # Closed.
    with _clock(_at(day(-120))):
        s = _plan(
            unit,
            officer,
            when=_at(day(-100), 8),
            kind=SessionKind.CONFERENCE,
            topic="Hội nghị đối thoại về nước sạch sinh hoạt",
            place=place,
            **common,
        )
    s = _walk(s, officer=officer, head=head, approve=_at(day(-118)), announce=_at(day(-115)))
    s = _hold(s, officer=officer, chair="Võ Minh Dũng", attendance=180)
    s = _conclude(
        s,
        officer=officer,
        head=head,
        day=day(-92),
        number="30/TB-UBND",
        signer="Võ Minh Dũng",
        position="Chủ tịch",
        text=CONCLUSIONS_TEXT,
    )
    with _clock(_at(day(-40))):
        services.session_close(actor=officer, session_id=s.pk)
