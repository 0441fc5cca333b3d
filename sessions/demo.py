"""Demo sessions for ``manage.py seed_demo``: every state, in the two demo wards.

Everything goes through the services, so each session has its history rows and audit
entries. Sessions in the past are replayed at the time they happened (the clock is set
back while their services run), so announcement dates, notice, "held" times and the
conclusions due dates are all consistent. Idempotent: nothing is added when the demo
wards already have sessions.
"""

import io
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue_portal.lib import clock
from dialogue_portal.lib.text import fold
from units.models import Institution, Unit

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

HOW_TO_TAKE_PART = (
    "Người dân đến trực tiếp, mang theo giấy tờ tùy thân; có thể gửi ý kiến trước qua Cổng."
)
LATE_REASON = "Lịch làm việc thay đổi, cần tổ chức sớm để kịp giải quyết kiến nghị."
CONCLUSIONS_TEXT = (
    "1. Ghi nhận và cảm ơn các ý kiến tâm huyết, trách nhiệm của người dân tại hội nghị.\n"
    "2. Giao Phòng Kinh tế - Hạ tầng và Đô thị khảo sát, đề xuất phương án xử lý các điểm ngập "
    "nêu tại hội nghị, báo cáo trước ngày 30 của tháng.\n"
    "3. Giao Công an phường tăng cường tuần tra, xử lý tình trạng lấn chiếm vỉa hè.\n"
    "4. Văn phòng HĐND-UBND theo dõi, đôn đốc và công khai kết quả giải quyết trên Cổng."
)


class _Ward:
    """Replays the sessions of one ward, each step at the time it happened.

    Days are offsets from ``today`` (``-5``: five days ago); every service runs inside
    ``clock.travel`` at its moment, so its timestamps, guards and due dates follow.
    """

    def __init__(self, today: date, unit: Unit, staff: dict, *, place: str, **common):
        self.today = today
        self.unit = unit
        # institution -> (officer of its office, its head): each body plans and approves
        # its own sessions, and the head of the body that issues a notice signs it.
        self.staff = staff
        self.officer, self.head = staff[Institution.STATE]
        self.place = place
        self.common = common  # the fields every plan of the ward shares

    def officer_for(self, session: DialogueSession):
        institution = (
            Institution.STATE if Institution.STATE in session.institutions else (Institution.PARTY)
        )
        return self.staff[institution][0]

    def head_for(self, session: DialogueSession):
        institution = (
            Institution.STATE if Institution.STATE in session.institutions else (Institution.PARTY)
        )
        return self.staff[institution][1]

    def at(self, offset: int, hour: int = 9) -> datetime:
        return clock.at(self.today + timedelta(days=offset), hour)

    def act(self, when: datetime, service, session: DialogueSession, *, actor=None, **kwargs):
        """``service`` on ``session`` at ``when``, by the officer unless ``actor`` is given."""
        with clock.travel(when):
            actor = actor or self.officer_for(session)
            return service(actor=actor, session_id=session.pk, **kwargs)

    def plan(
        self,
        offset: int,
        *,
        start: int,
        hour: int = 8,
        approve: datetime | None = None,
        announce: datetime | None = None,
        **fields,
    ) -> DialogueSession:
        """Plan on day ``offset`` a session ``start`` days from today; approve, announce."""
        when = self.at(start, hour)
        fields = {
            "format": SessionFormat.IN_PERSON,
            "online_link": "",
            "description": "",
            "place": self.place,
            "planned_start": when,
            "planned_end": when + timedelta(hours=2),
            "how_to_take_part": HOW_TO_TAKE_PART,
            "hosts": SessionHosts.BOTH,
            "delegate_name": "",
            "delegate_position": "",
            "co_organisers": [CoOrganiser.FATHERLAND_FRONT],
            "other_co_organisers": "",
            **self.common,
            **fields,
        }
        probe = DialogueSession(unit=self.unit, kind=fields["kind"], hosts=fields["hosts"])
        with clock.travel(self.at(offset)):
            session = services.session_create(
                actor=self.officer_for(probe), unit=self.unit, fields=fields
            )
        if approve:
            self.act(approve - timedelta(hours=2), services.session_submit, session)
            session = self.act(
                approve, services.session_approve, session, actor=self.head_for(session)
            )
        if announce:
            session = self.announce(announce, session)
        return session

    def announce(self, when: datetime, session: DialogueSession) -> DialogueSession:
        """Announce as the officer; as the head with a reason when the notice turns out short."""
        session = DialogueSession.objects.get(pk=session.pk)
        with clock.travel(when):
            if services.notice_check(session).is_late:
                return services.session_announce(
                    actor=self.head_for(session), session_id=session.pk, late_reason=LATE_REASON
                )
            return services.session_announce(actor=self.officer_for(session), session_id=session.pk)

    def hold(
        self, session: DialogueSession, *, chair: str, attendance: int, minutes: bool = True
    ) -> DialogueSession:
        """Recorded as held three hours after its planned start, with files unless not. A
        dialogue conference is chaired by the Chủ tịch UBND (Luật Tổ chức chính quyền địa
        phương 2025, Điều 43), whoever was named."""
        if session.kind == SessionKind.CONFERENCE:
            chair = session.chair_name
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
        return self.act(
            start + timedelta(hours=3),
            services.session_record_held,
            session,
            actual_start=start + timedelta(minutes=5),
            actual_end=session.planned_end + timedelta(minutes=20),
            chaired_by_role=ChairRole.PARTY_SECRETARY
            if chair == session.party_secretary_name
            else ChairRole.PEOPLE_COMMITTEE_CHAIR,
            chaired_by_name=chair,
            co_chairs=(
                "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam và Phó Chủ tịch Hội đồng nhân dân"
                if session.kind == SessionKind.CONFERENCE
                else ""
            ),
            attendance_count=attendance,
            bodies_present="Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam phường, Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh",
            minutes_text=(
                "Hội nghị khai mạc đúng giờ. Lãnh đạo địa phương báo cáo tình hình, người dân phát biểu "
                "ý kiến, đại diện các phòng chuyên môn trả lời trực tiếp tại hội nghị."
                if minutes
                else ""
            ),
            uploads=uploads,
        )

    def conclude(self, session: DialogueSession, offset: int) -> DialogueSession:
        """Conclusions written in the morning of day ``offset`` by the office of the body
        that issues them (who chaired decides), signed and issued by its head at 15:00; the
        number comes from that body's register."""
        officer, head = self.staff[session.issuer_institution]
        session = self.act(
            self.at(offset, 10),
            services.session_save_conclusions,
            session,
            actor=officer,
            expected_version=session.version,
            fields={
                "conclusions_date": self.today + timedelta(days=offset),
                "conclusions_text": CONCLUSIONS_TEXT,
            },
            signer_id=head.pk,
        )
        return self.act(
            self.at(offset, 15), services.session_issue_conclusions, session, actor=head
        )


def seed_demo(*, today: date) -> None:
    """Add demo sessions in every state to the two demo wards (once)."""
    if DialogueSession.objects.filter(unit__code__in=[WARD_A_CODE, WARD_B_CODE]).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    ward_a = _Ward(
        today,
        Unit.objects.get(code=WARD_A_CODE),
        {
            Institution.STATE: (users["canbo.benthanh"], users["truong.benthanh"]),
            Institution.PARTY: (users["vpdu.benthanh"], users["bithu.benthanh"]),
        },
        place="Hội trường UBND phường Bến Thành, 92 Nguyễn Trãi",
        party_secretary_name="Nguyễn Văn Hải",
        chair_name="Trần Minh Tuấn",
        target_audience="Người dân các khu phố 1–6, hộ kinh doanh trên địa bàn phường",
        expected_attendance=150,
    )
    ward_b = _Ward(
        today,
        Unit.objects.get(code=WARD_B_CODE),
        {
            Institution.STATE: (users["canbo.cangio"], users["truong.cangio"]),
            Institution.PARTY: (users["vpdu.cangio"], users["bithu.cangio"]),
        },
        place="Hội trường UBND xã Cần Giờ, đường Lương Văn Nho",
        party_secretary_name="Lê Văn Phước",
        chair_name="Võ Minh Dũng",
        target_audience="Người dân các ấp Đồng Hòa, Cần Thạnh, Hòa Hiệp; ngư dân và hộ nuôi trồng thủy sản",
        expected_attendance=200,
    )
    _seed_ward_a(ward_a)
    _seed_ward_b(ward_b)


def _seed_ward_a(w: _Ward) -> None:
    # Draft, not submitted yet.
    w.plan(
        -1,
        start=45,
        kind=SessionKind.THEMATIC,
        topic="Đối thoại chuyên đề về chỉnh trang vỉa hè đường Lê Lợi",
    )
    # Draft submitted, waiting for the head.
    s = w.plan(
        -2,
        start=30,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ của Bí thư Đảng ủy phường",
        hosts=SessionHosts.PARTY_SECRETARY,
    )
    w.act(w.at(-1), services.session_submit, s)
    # Plan approved, not announced.
    w.plan(
        -5,
        start=21,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại về an ninh trật tự và phòng cháy chữa cháy",
        approve=w.at(-3),
    )
    # Announced with full notice.
    w.plan(
        -6,
        start=14,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2026",
        description="Lắng nghe ý kiến về chống ngập, vệ sinh môi trường, thủ tục hành chính.",
        approve=w.at(-5),
        announce=w.at(-4, 14),
    )
    # Announced with late notice, by the head, with a reason.
    s = w.plan(
        -1,
        start=2,
        hour=14,
        kind=SessionKind.AD_HOC,
        topic="Đối thoại đột xuất về sự cố sụt lún tại hẻm 45 Lê Thánh Tôn",
        place="Nhà văn hóa khu phố 3, 45 Lê Thánh Tôn",
        format=SessionFormat.HYBRID,
        online_link="https://hop.benthanh.example.vn/sut-lun",
        approve=w.at(-1, 11),
    )
    w.act(
        w.at(-1, 15),
        services.session_announce,
        s,
        actor=w.head,
        late_reason="Sự cố sụt lún ảnh hưởng an toàn của 40 hộ dân, cần đối thoại ngay.",
    )
    # Announced, then postponed to a new date (old date stays in the history).
    s = w.plan(
        -15,
        start=3,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ của Chủ tịch UBND phường",
        hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
        approve=w.at(-14),
        announce=w.at(-12),
    )
    w.act(
        w.at(-1, 16),
        services.session_postpone,
        s,
        reason="Trùng lịch họp của Ủy ban nhân dân Thành phố.",
        new_start=w.at(17, 8),
        new_end=w.at(17, 11),
    )
    # Announced, then cancelled.
    s = w.plan(
        -10,
        start=6,
        hour=19,
        kind=SessionKind.THEMATIC,
        topic="Đối thoại về quản lý chợ Bến Thành ban đêm",
        place="Cổng Nam chợ Bến Thành",
        approve=w.at(-9),
        announce=w.at(-8),
    )
    w.act(
        w.at(-2, 10),
        services.session_cancel,
        s,
        reason="Nội dung đã được giải quyết tại hội nghị chuyên đề của Thành phố.",
    )
    # Held, conclusions still to write (due soon).
    s = w.plan(
        -25,
        start=-6,
        kind=SessionKind.CONFERENCE,
        topic="Đối thoại về chống ngập và vệ sinh môi trường khu phố 5",
        approve=w.at(-24),
        announce=w.at(-20),
    )
    w.hold(s, chair="Nguyễn Văn Hải", attendance=132)
    # Conclusions issued.
    s = w.plan(
        -50,
        start=-30,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại về thủ tục hành chính và chuyển đổi số",
        approve=w.at(-48),
        announce=w.at(-45),
    )
    s = w.hold(s, chair="Nguyễn Văn Hải", attendance=118)
    w.conclude(s, -25)
    # Closed.
    s = w.plan(
        -90,
        start=-70,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ về trật tự đô thị",
        approve=w.at(-88),
        announce=w.at(-85),
    )
    s = w.hold(s, chair="Nguyễn Văn Hải", attendance=64)
    s = w.conclude(s, -64)
    w.act(w.at(-20), services.session_close, s, note="Các kiến nghị đã được trả lời đầy đủ.")


def _seed_ward_b(w: _Ward) -> None:
    w.plan(
        -3,
        start=40,
        kind=SessionKind.THEMATIC,
        topic="Đối thoại về quy hoạch khu du lịch lấn biển",
    )
    w.plan(
        -4,
        start=25,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ của Chủ tịch UBND xã",
        hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
        approve=w.at(-2),
    )
    w.plan(
        -7,
        start=10,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại với ngư dân về bảo vệ nguồn lợi thủy sản",
        format=SessionFormat.HYBRID,
        online_link="https://hop.cangio.example.vn/ngu-dan",
        approve=w.at(-6),
        announce=w.at(-5),
    )
    # Postponed, then announced again at its new date.
    s = w.plan(
        -20,
        start=-2,
        kind=SessionKind.THEMATIC,
        topic="Đối thoại về sạt lở bờ biển ấp Hòa Hiệp",
        place="Nhà văn hóa ấp Hòa Hiệp",
        approve=w.at(-19),
        announce=w.at(-18),
    )
    w.act(
        w.at(-4),
        services.session_postpone,
        s,
        reason="Triều cường, đường vào ấp bị ngập.",
        new_start=w.at(12, 8),
        new_end=w.at(12, 11),
    )
    w.announce(w.at(-3), s)
    # Postponed, waiting to be announced at its new date.
    s = w.plan(
        -14,
        start=4,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ về cấp giấy chứng nhận quyền sử dụng đất",
        approve=w.at(-13),
        announce=w.at(-11),
    )
    w.act(
        w.at(-1, 9),
        services.session_postpone,
        s,
        reason="Chủ tịch UBND xã đi công tác đột xuất theo triệu tập của Thành phố.",
        new_start=w.at(18, 8),
        new_end=w.at(18, 11),
    )
    # A draft that was cancelled before it was announced (never public).
    s = w.plan(
        -9,
        start=8,
        kind=SessionKind.AD_HOC,
        topic="Đối thoại về giá vé phà Bình Khánh",
    )
    w.act(
        w.at(-8),
        services.session_cancel,
        s,
        reason="Thành phố đã điều chỉnh giá vé, không còn cần thiết.",
    )
    # Held without minutes, conclusions overdue.
    s = w.plan(
        -45,
        start=-25,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại về bồi thường, hỗ trợ tái định cư dự án đê biển",
        approve=w.at(-44),
        announce=w.at(-40),
    )
    w.hold(s, chair="Võ Minh Dũng", attendance=210, minutes=False)
    # Concluded.
    s = w.plan(
        -60,
        start=-35,
        kind=SessionKind.RECEPTION,
        topic="Tiếp dân định kỳ của Bí thư Đảng ủy xã",
        hosts=SessionHosts.PARTY_SECRETARY,
        approve=w.at(-58),
        announce=w.at(-55),
    )
    s = w.hold(s, chair="Lê Văn Phước", attendance=45)
    w.conclude(s, -30)
    # Closed.
    s = w.plan(
        -120,
        start=-100,
        kind=SessionKind.CONFERENCE,
        topic="Hội nghị đối thoại về nước sạch sinh hoạt",
        approve=w.at(-118),
        announce=w.at(-115),
    )
    s = w.hold(s, chair="Võ Minh Dũng", attendance=180)
    s = w.conclude(s, -92)
    w.act(w.at(-40), services.session_close, s)
