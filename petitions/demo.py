"""Demo concerns for ``manage.py seed_demo``: every state, every channel, both demo wards.

Everything goes through the services, so each concern has its history rows, audit
entries and clocks. Past actions are replayed at the time they happened (the clock is
set back while their services run), so due dates, overdue items, extensions, pauses and
disputes are consistent. Idempotent: nothing is added when the demo wards already have
concerns. All names and numbers are invented.

One concern is easy to find for the README: :data:`DEMO_TRACKING_CODE`, looked up with
the last four digits of the phone :data:`DEMO_SECOND_FACTOR`, handled by
:data:`DEMO_HANDLER`. It is answered, so the citizen can accept or dispute it.
"""

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue_portal.lib import clock
from sessions.demo import minimal_pdf, small_jpeg
from sessions.models import DialogueSession, SessionState
from units.models import Unit

from . import notifications, services
from .models import (
    AccusedRole,
    AddressedTo,
    AnswerTemplate,
    AnswerVerdict,
    Category,
    ComplaintFinding,
    Concern,
    ConcernChannel,
    ConcernState,
    ConcernType,
    Organisation,
)
from .services.complaints import ComplaintGround
from .tracking import check_symbol

WARD_A_CODE = "26743"  # Phường Bến Thành (units/demo.py)
WARD_B_CODE = "27664"  # Xã Cần Giờ

# A fixed, valid tracking code for the README's walkthrough.
_DEMO_SYMBOLS = "DEM02026BTH1A"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _demo_code() -> str:
    values = [_ALPHABET.index(ch) for ch in _DEMO_SYMBOLS]
    symbols = _DEMO_SYMBOLS + _ALPHABET[check_symbol(values)]
    return "-".join(symbols[i : i + 4] for i in range(0, len(symbols), 4))


DEMO_TRACKING_CODE = _demo_code()
DEMO_PHONE = "0903 555 3456"
DEMO_SECOND_FACTOR = "3456"
DEMO_HANDLER = "canbo.benthanh"


def demo_hint() -> str:
    """One line for the seed_demo output (no personal data: all of it is invented)."""
    return (
        f"Demo concern: tracking code {DEMO_TRACKING_CODE}, second factor {DEMO_SECOND_FACTOR} "
        f"(last 4 digits of the phone); handled by {DEMO_HANDLER}."
    )


def _fresh(concern: Concern) -> Concern:
    return Concern.objects.get(pk=concern.pk)


class _Ward:
    """Replays the life of concerns addressed to one body of one ward: its officer handles
    them, its head assigns and approves (the UBND's people, or the Party committee's)."""

    def __init__(
        self,
        today: date,
        unit: Unit,
        officer,
        head,
        liaison,
        *,
        addressed_to: str = AddressedTo.STATE,
        other_side: "_Ward | None" = None,
    ):
        self.today = today
        self.unit = unit
        self.officer = officer
        self.head = head
        self.liaison = liaison
        self.addressed_to = addressed_to
        # The ward's other body, whose sessions' opinions its own office records.
        self.other_side = other_side
        self.categories = {c.name: c for c in Category.objects.all()}
        self.counter = 0

    def day(self, offset: int, hour: int = 9) -> datetime:
        return clock.at(
            self.today + timedelta(days=offset), hour + (self.counter % 7) // 3, self.counter % 60
        )

    def category(self, name: str):
        return self.categories.get(name)

    def act(self, offset: int, service, concern: Concern, *, hour: int = 9, actor=None, **kwargs):
        """A staff action on ``concern`` on day ``offset``, on the version it has then."""
        with clock.travel(self.day(offset, hour)):
            return service(
                actor=actor or self.officer,
                concern=concern,
                version=_fresh(concern).version,
                **kwargs,
            )

    def citizen(self, offset: int, service, concern: Concern, **kwargs):
        """The citizen's own action (accept or dispute the answer) on day ``offset``."""
        with clock.travel(self.day(offset)):
            return service(concern=_fresh(concern), **kwargs)

    def submit(
        self,
        offset: int,
        *,
        content: str,
        channel=ConcernChannel.WEB,
        type=ConcernType.REPORT,
        category="Trật tự đô thị",
        name="",
        phone="",
        email="",
        address="",
        files=(),
        **extra,
    ) -> Concern:
        self.counter += 1
        with clock.travel(self.day(offset)):
            return services.concern_submit(
                unit=self.unit,
                channel=channel,
                type=type,
                category=self.category(category),
                content=content,
                address=extra.pop("location", ""),
                submitter_name=name,
                submitter_phone=phone,
                submitter_email=email,
                submitter_address=address,
                consent=bool(name or phone or email or address or channel == ConcernChannel.WEB),
                attachments=list(files),
                actor=extra.pop("actor", None if channel == ConcernChannel.WEB else self.officer),
                addressed_to=extra.pop("addressed_to", self.addressed_to),
                **extra,
            )

    def accept(self, concern: Concern, offset: int, *, complex_case: bool = False) -> Concern:
        """Accepted the way its type is: a complaint by the head's notice of acceptance, a
        denunciation by the head's decision, anything else by the officer classifying it."""
        if concern.type == ConcernType.COMPLAINT:
            return self.act(
                offset,
                services.complaint_accept,
                concern,
                hour=10,
                actor=self.head,
                is_complex=complex_case,
            )
        if concern.type == ConcernType.DENUNCIATION:
            return self.act(offset, services.denunciation_accept, concern, hour=10, actor=self.head)
        return self.act(
            offset,
            services.concern_accept,
            concern,
            hour=10,
            type=concern.type,
            category=concern.category,
            is_complex=complex_case,
        )

    def assign(self, concern: Concern, offset: int, *, to=None) -> Concern:
        return self.act(
            offset,
            services.concern_assign,
            concern,
            hour=11,
            actor=self.head,
            assignee=to or self.officer,
        )

    def draft(
        self,
        concern: Concern,
        offset: int,
        *,
        letter: str,
        public: str,
        verdict: str = "",
        explanation: str = "",
    ) -> Concern:
        return self.act(
            offset,
            services.concern_answer_save,
            concern,
            hour=14,
            answer_text=letter,
            answer_public_text=public,
            verdict=verdict,
            verdict_explanation=explanation,
        )

    def send(self, concern: Concern, offset: int) -> Concern:
        concern = self.act(offset, services.concern_answer_submit, concern, hour=15)
        if concern.state != ConcernState.ANSWERED:
            with clock.travel(self.day(offset, 16)):
                concern = services.concern_answer_approve(
                    actor=self.head,
                    concern=concern,
                    version=concern.version,
                    note="Đồng ý ban hành.",
                )
        return concern

    def answer(self, concern: Concern, offset: int, **kwargs) -> Concern:
        self.draft(concern, offset, **kwargs)
        return self.send(concern, offset)

    def handled(self, offset_received: int, **kwargs) -> Concern:
        """Received, accepted the next day, assigned the day after."""
        concern = self.submit(offset_received, **kwargs)
        self.accept(concern, offset_received + 1)
        return self.assign(concern, offset_received + 2)

    def feedback(
        self, offset_received: int, organisation: str, content: str, *, category: str
    ) -> Concern:
        """A mass organisation's feedback (Decision 936) sent by the liaison, then handled."""
        return self.handled(
            offset_received,
            channel=ConcernChannel.ORGANISATION,
            type=ConcernType.FEEDBACK,
            organisation=organisation,
            actor=self.liaison,
            content=content,
            category=category,
        )

    def commitment(self, concern: Concern, offset: int, *, what: str, who: str, due_in: int):
        return self.act(
            offset,
            services.commitment_add,
            concern,
            hour=13,
            what=what,
            who=who,
            due=self.today + timedelta(days=offset + due_in),
        )

    def session_opinions(self, session: DialogueSession, rows: list[dict]) -> None:
        """Recorded by the office of the body whose session it was (who chaired); an
        opinion assigned for a written answer goes to that office's officer."""
        side = self
        if session.issuer_institution != self.addressed_to and self.other_side is not None:
            side = self.other_side
        moment = session.actual_end or session.planned_end
        for row in rows:
            if row.get("outcome") == "assigned":
                row["assignee"] = side.officer
            with clock.travel(moment):
                services.concern_record_opinion(
                    session=session,
                    actor=side.officer,
                    category=self.category(row.pop("category", "Khác")),
                    **row,
                )


def _held_sessions(unit: Unit) -> list[DialogueSession]:
    return list(
        DialogueSession.objects.filter(
            unit=unit, state__in=(SessionState.HELD, SessionState.CONCLUDED)
        ).order_by("actual_start")
    )


def seed_demo(*, today: date) -> None:
    """Add demo concerns to the two demo wards (once)."""
    if Concern.objects.filter(unit__code__in=[WARD_A_CODE, WARD_B_CODE]).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    ward_a = Unit.objects.get(code=WARD_A_CODE)
    ward_b = Unit.objects.get(code=WARD_B_CODE)
    # Each ward's two bodies: the UBND (its office's officer, the Chủ tịch) and the Party
    # committee (the officer of the Văn phòng Đảng ủy, the Bí thư).
    party_a = _Ward(
        today,
        ward_a,
        users["vpdu.benthanh"],
        users["bithu.benthanh"],
        users["mttq.benthanh"],
        addressed_to=AddressedTo.PARTY,
    )
    a = _Ward(
        today,
        ward_a,
        users["canbo.benthanh"],
        users["truong.benthanh"],
        users["mttq.benthanh"],
        other_side=party_a,
    )
    party_b = _Ward(
        today,
        ward_b,
        users["vpdu.cangio"],
        users["bithu.cangio"],
        users["mttq.cangio"],
        addressed_to=AddressedTo.PARTY,
    )
    b = _Ward(
        today,
        ward_b,
        users["canbo.cangio"],
        users["truong.cangio"],
        users["mttq.cangio"],
        other_side=party_b,
    )
    _seed_answer_templates()
    # The demo people are invented: no receipt or answer mail goes out (nor to the console).
    with notifications.muted():
        _seed_ward_a(a, ward_b)
        _seed_party_committee_a(party_a)
        _seed_ward_b(b)
        city = _Ward(
            today,
            ward_a.parent,
            users["ubndtp.tiepcongdan"],
            users["ubndtp.chutich"],
            None,
        )
        _seed_statutory(a, city)


ANSWER_TEMPLATES = [
    (
        "Đã khắc phục",
        "",
        "Kính gửi Ông/Bà ...,\n\nỦy ban nhân dân phường/xã đã nhận phản ánh của Ông/Bà ngày ... về việc .... "
        "Sau khi kiểm tra, đơn vị đã phối hợp ... khắc phục xong ngày ....\n\nTrân trọng cảm ơn Ông/Bà.",
    ),
    (
        "Trả lời góp ý của Ủy ban Mặt trận Tổ quốc Việt Nam (Quyết định số 936-QĐ/TU)",
        ConcernType.FEEDBACK,
        "Kính gửi Ủy ban Mặt trận Tổ quốc Việt Nam ...,\n\nỦy ban nhân dân trân trọng tiếp thu góp ý ngày ... về ....\n"
        "1. Nội dung tiếp thu: ...\n2. Nội dung chưa tiếp thu và lý do: ...\n3. Kế hoạch thực hiện: ...",
    ),
]


def _seed_answer_templates() -> None:
    for title, type_, body in ANSWER_TEMPLATES:
        AnswerTemplate.objects.get_or_create(title=title, defaults={"type": type_, "body": body})


def _seed_ward_a(w: _Ward, ward_b: Unit) -> None:
    # The README's concern: answered three days ago, the citizen may accept or dispute.
    demo = w.handled(
        -20,
        content="Đèn chiếu sáng trong hẻm 12 đường Lê Thánh Tôn tắt suốt hai tuần, buổi tối rất tối và mất an toàn.",
        category="Hạ tầng, giao thông",
        location="Hẻm 12 Lê Thánh Tôn",
        name="Trần Văn Bình",
        phone=DEMO_PHONE,
        files=[SimpleUploadedFile("hem-12.jpg", small_jpeg(), "image/jpeg")],
    )
    if not Concern.objects.filter(tracking_code=DEMO_TRACKING_CODE).exists():
        demo = _fresh(demo)
        demo.tracking_code = DEMO_TRACKING_CODE
        demo.save(update_fields=["tracking_code"])
    w.answer(
        demo,
        -3,
        letter="Kính gửi ông Trần Văn Bình,\nUBND phường đã phối hợp Công ty Chiếu sáng công cộng thay bộ đèn hẻm 12 ngày 14 tháng này. Cảm ơn ông đã phản ánh.",
        public="UBND phường đã phối hợp Công ty Chiếu sáng công cộng thay bộ đèn trong hẻm 12 Lê Thánh Tôn.",
    )

    # received: fresh, and one overdue (not acknowledged within 10 working days).
    w.submit(
        -1,
        content="Quán ăn lấn chiếm vỉa hè trước số 40 Lý Tự Trọng, người đi bộ phải đi xuống lòng đường.",
        name="Lê Thị Cúc",
        email="le.cuc@example.invalid",
    )
    w.submit(
        -25,
        channel=ConcernChannel.PHONE,
        content="Người dân gọi điện báo tiếng ồn karaoke sau 22 giờ tại khu phố 3.",
        category="Môi trường",
        phone="0908 111 222",
        name="Phạm Văn Dũng",
    )

    # accepted, waiting for assignment.
    accepted = w.submit(
        -4,
        channel=ConcernChannel.WALK_IN,
        type=ConcernType.RECOMMENDATION,
        content="Đề nghị bố trí thêm thùng rác công cộng quanh chợ Bến Thành.",
        category="Môi trường",
        name="Võ Thị Em",
        phone="0912 333 444",
    )
    w.accept(accepted, -3)

    # assigned and overdue: a complaint received by letter seven weeks ago.
    overdue = w.handled(
        -50,
        channel=ConcernChannel.LETTER,
        type=ConcernType.COMPLAINT,
        content="Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng tại số 7 Tôn Thất Đạm.",
        category="Đất đai",
        name="Nguyễn Văn Giang",
        address="7 Tôn Thất Đạm, phường Bến Thành",
        files=[
            SimpleUploadedFile("don-khieu-nai.pdf", minimal_pdf("Don khieu nai"), "application/pdf")
        ],
    )

    # merged: the same complaint sent again by phone.
    duplicate = w.submit(
        -45,
        channel=ConcernChannel.PHONE,
        type=ConcernType.COMPLAINT,
        content="Gọi lại về khiếu nại quyết định xử phạt tại số 7 Tôn Thất Đạm.",
        category="Đất đai",
        name="Nguyễn Văn Giang",
        phone="0903 777 888",
    )
    w.act(
        -44,
        services.concern_merge,
        duplicate,
        into=_fresh(overdue),
        note="Cùng nội dung đơn gửi qua bưu điện.",
    )

    # assigned with an approved extension.
    extended = w.handled(
        -35,
        type=ConcernType.RECOMMENDATION,
        content="Kiến nghị lắp đặt camera an ninh tại ngã tư Lê Lợi – Pasteur.",
        name="Đặng Thị Hồng",
        email="dang.hong@example.invalid",
    )
    extension = w.act(
        -6,
        services.concern_extension_request,
        extended,
        new_due=_fresh(extended).due_at + timedelta(days=20),
        reason="Chờ Công an phường khảo sát vị trí lắp camera.",
    )
    with clock.travel(w.day(-5)):
        services.concern_extension_decide(
            actor=w.head,
            extension=extension,
            version=_fresh(extended).version,
            approve=True,
            note="Đồng ý gia hạn.",
        )

    # assigned, paused while waiting for the citizen's documents.
    paused = w.handled(
        -12,
        channel=ConcernChannel.PHONE,
        content="Phản ánh nhà bên cạnh xây dựng gây nứt tường.",
        category="Trật tự đô thị",
        name="Huỳnh Văn Khoa",
        phone="0935 246 810",
    )
    w.act(
        -3,
        services.concern_pause_start,
        paused,
        reason="Chờ ông Khoa gửi ảnh chụp vết nứt và giấy tờ nhà.",
    )

    # a paused and resumed concern, answered (response time excludes the pause).
    resumed = w.handled(
        -30,
        content="Cây xanh trên đường Nguyễn Trãi có nguy cơ gãy đổ.",
        category="Hạ tầng, giao thông",
        name="Mai Thị Lan",
        phone="0977 135 790",
    )
    w.act(-25, services.concern_pause_start, resumed, reason="Chờ bà Lan chỉ rõ vị trí cây.")
    w.act(-20, services.concern_pause_end, resumed, note="Bà Lan đã gửi vị trí.")
    w.answer(
        resumed,
        -16,
        letter="Kính gửi bà Mai Thị Lan, Công ty Cây xanh đã cắt tỉa cây ngày 20.",
        public="Cây xanh đã được cắt tỉa, hết nguy cơ gãy đổ.",
    )
    w.citizen(-14, services.concern_citizen_accept, resumed)

    # answer waiting for the head's approval (936 feedback needs it).
    pending = w.feedback(
        -15,
        Organisation.WOMEN_UNION,
        "Hội Liên hiệp Phụ nữ phường góp ý: việc cấp giấy chứng nhận đăng ký hộ kinh doanh "
        "còn chậm so với thời hạn niêm yết.",
        category="Thủ tục hành chính",
    )
    w.draft(
        pending,
        -1,
        letter="Kính gửi Hội Liên hiệp Phụ nữ phường, Ủy ban nhân dân phường tiếp thu góp ý…",
        public="Ủy ban nhân dân phường tiếp thu; hồ sơ đăng ký hộ kinh doanh được giải quyết "
        "trong thời hạn niêm yết.",
        verdict=AnswerVerdict.ACCEPTED,
    )
    w.act(-1, services.concern_answer_submit, pending, hour=15)

    # following up: the citizen accepted an answer with commitments, one of them overdue.
    follow = w.handled(
        -40,
        type=ConcernType.RECOMMENDATION,
        content="Kiến nghị sửa chữa mặt đường hẻm 45 bị lún, đọng nước khi mưa.",
        category="Hạ tầng, giao thông",
        name="Bùi Văn Nam",
        phone="0909 864 202",
    )
    w.commitment(
        follow,
        -20,
        what="Khảo sát, lập dự toán sửa hẻm 45",
        who="Tổ quản lý đô thị phường",
        due_in=7,
    )
    w.commitment(
        follow, -20, what="Thi công nâng mặt hẻm 45", who="Ban Quản lý dự án khu vực", due_in=40
    )
    w.answer(
        follow,
        -19,
        letter="Kính gửi ông Bùi Văn Nam, phường sẽ sửa hẻm 45 theo kế hoạch sau.",
        public="Phường sẽ khảo sát và thi công nâng mặt hẻm 45 theo kế hoạch.",
    )
    w.citizen(-17, services.concern_citizen_accept, follow)

    # disputed: answered, then disputed; reopened with its own deadline.
    disputed = w.handled(
        -28,
        content="Nước thải từ nhà hàng số 18 Thủ Khoa Huân chảy ra đường.",
        category="Môi trường",
        name="Tô Thị Oanh",
        phone="0918 202 303",
        email="to.oanh@example.invalid",
    )
    w.answer(
        disputed,
        -10,
        letter="Kính gửi bà Tô Thị Oanh, đoàn kiểm tra đã nhắc nhở nhà hàng.",
        public="Đoàn kiểm tra liên ngành đã nhắc nhở nhà hàng khắc phục.",
    )
    w.citizen(
        -8,
        services.concern_citizen_dispute,
        disputed,
        reason="Nhà hàng vẫn xả nước thải ra đường mỗi tối.",
    )

    # referred to another ward in the portal (enters their queue) and to an outside body.
    to_b = w.submit(
        -6,
        type=ConcernType.RECOMMENDATION,
        content="Đề nghị sửa bến phà tạm ở xã Cần Giờ (gửi nhầm phường).",
        category="Hạ tầng, giao thông",
        name="Lý Văn Phúc",
        email="ly.phuc@example.invalid",
    )
    w.act(-5, services.concern_refer, to_b, to_unit=ward_b, note="Thuộc địa bàn xã Cần Giờ.")
    outside = w.submit(
        -9,
        type=ConcernType.RECOMMENDATION,
        content="Đề nghị điều chỉnh giá điện bậc thang cho hộ kinh doanh nhỏ.",
        category="Khác",
        name="Quách Thị Quế",
        phone="0987 654 321",
    )
    w.act(
        -8,
        services.concern_refer,
        outside,
        outside_body="Tổng công ty Điện lực TP.HCM",
        note_to_citizen="Giá điện do ngành điện quyết định; đơn của bà đã được chuyển để trả lời trực tiếp.",
    )

    # declined, withdrawn.
    declined = w.submit(
        -11,
        channel=ConcernChannel.LETTER,
        type=ConcernType.COMPLAINT,
        content="Khiếu nại lại quyết định giải quyết tranh chấp ranh đất đã có hiệu lực từ năm 2022.",
        category="Đất đai",
        name="Hà Văn Sơn",
        address="12 Calmette",
    )
    w.act(
        -9,
        services.complaint_refuse,
        declined,
        actor=w.head,
        ground=ComplaintGround.ALREADY_DECIDED,
        note_to_citizen="Vụ việc đã được giải quyết bằng quyết định giải quyết khiếu nại lần hai "
        "có hiệu lực năm 2022; đơn không có tình tiết mới.",
    )
    withdrawn = w.submit(
        -7,
        channel=ConcernChannel.WALK_IN,
        content="Phản ánh mất trật tự tại bãi giữ xe chợ đêm.",
        name="Kiều Văn Tài",
        phone="0966 112 233",
    )
    w.accept(withdrawn, -6)
    w.act(
        -2,
        services.concern_withdraw,
        withdrawn,
        note="Ông Tài gọi điện ngày hôm nay xin rút vì bãi xe đã được chấn chỉnh.",
    )

    # a denunciation of an official, accepted by the Chủ tịch's decision and assigned (its
    # submitter is visible only to those resolving it).
    denunciation = w.submit(
        -8,
        channel=ConcernChannel.WALK_IN,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.OFFICIAL,
        accused_name="Cán bộ địa chính phường",
        content="Tố cáo cán bộ địa chính nhận tiền để hướng dẫn hồ sơ nhanh.",
        category="Thái độ, tác phong cán bộ",
        name="Phan Văn Lợi",
        phone="0900 000 111",
    )
    w.act(-7, services.denunciation_accept, denunciation, hour=10, actor=w.head)
    w.assign(denunciation, -6)

    # 936 feedback from organisations, sent by the Fatherland Front liaison.
    feedback = w.feedback(
        -30,
        Organisation.FATHERLAND_FRONT,
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường góp ý: niêm yết công khai thủ tục hành chính còn chậm cập nhật, đề nghị cập nhật hàng tuần.",
        category="Thủ tục hành chính",
    )
    w.answer(
        feedback,
        -12,
        letter="UBND phường tiếp thu một phần góp ý của Ủy ban Mặt trận Tổ quốc Việt Nam phường.",
        public="UBND phường tiếp thu cập nhật niêm yết thủ tục mỗi tháng.",
        verdict="partly",
        explanation="Chưa tiếp thu cập nhật hàng tuần vì bộ phận một cửa thiếu nhân lực; sẽ cập nhật mỗi tháng và ngay khi có thủ tục mới.",
    )
    w.feedback(
        -5,
        Organisation.YOUTH_UNION,
        "Đoàn Thanh niên phường góp ý về việc tổ chức điểm sinh hoạt hè cho thiếu nhi.",
        category="An sinh xã hội",
    )

    # Opinions raised at the ward's held sessions.
    sessions = _held_sessions(w.unit)
    for index, session in enumerate(sessions[:2]):
        w.session_opinions(
            session,
            [
                {
                    "raised_by": "Ông Sáu, khu phố 2",
                    "content": "Xin bố trí thêm giờ tiếp dân buổi tối.",
                    "outcome": "answered",
                    "answer": "Phường sẽ tiếp dân tối thứ Năm hằng tuần từ tháng sau.",
                },
                {
                    "raised_by": "Bà Bảy, khu phố 5",
                    "content": f"Hẻm khu phố {5 + index} ngập sau mưa, đề nghị nạo vét cống.",
                    "category": "Hạ tầng, giao thông",
                    "outcome": "assigned",
                    "due_at": w.today + timedelta(days=20 + 10 * index),
                },
                {
                    "raised_by": "",
                    "content": "Đề nghị thành phố điều chỉnh tuyến xe buýt số 3.",
                    "outcome": "referred",
                    "referred_to": "Sở Xây dựng TP.HCM",
                },
            ],
        )


def _seed_party_committee_a(w: _Ward) -> None:
    """Concerns addressed to the Đảng ủy phường Bến Thành: handled by the officer of its
    office (vpdu.benthanh), assigned and approved by the Bí thư (bithu.benthanh)."""
    # Received from the web form, waiting for the Party office to accept it.
    w.submit(
        -2,
        content=(
            "Phản ánh một đảng viên ở khu phố 4 nhiều lần sử dụng vỉa hè trước nhà để kinh "
            "doanh, không gương mẫu chấp hành quy định về trật tự đô thị."
        ),
        category="Thái độ, tác phong cán bộ",
        location="Khu phố 4, phường Bến Thành",
        name="Đoàn Văn Thắng",
        email="doan.thang@example.invalid",
    )
    # 936 feedback of the Fatherland Front on building the Party: answered point by point
    # by the Party office, approved by the Bí thư, accepted in full.
    feedback = w.feedback(
        -24,
        Organisation.FATHERLAND_FRONT,
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường góp ý xây dựng Đảng: đề nghị Đảng ủy chỉ đạo "
        "các chi bộ khu phố tổ chức đối thoại với Nhân dân ít nhất mỗi quý, công khai kết quả "
        "tại nhà văn hóa khu phố.",
        category="Khác",
    )
    w.answer(
        feedback,
        -9,
        letter=(
            "Kính gửi Ủy ban Mặt trận Tổ quốc Việt Nam phường Bến Thành,\nĐảng ủy phường tiếp "
            "thu toàn bộ góp ý: từ quý này, các chi bộ khu phố tổ chức đối thoại với Nhân dân "
            "mỗi quý một lần và niêm yết kết quả tại nhà văn hóa khu phố."
        ),
        public=(
            "Đảng ủy phường tiếp thu toàn bộ góp ý: các chi bộ khu phố đối thoại với Nhân dân "
            "mỗi quý và niêm yết kết quả tại nhà văn hóa khu phố."
        ),
        verdict="accepted",
    )
    # A citizen's feedback on building the Party, assigned to the Party office.
    w.handled(
        -6,
        type=ConcernType.FEEDBACK,
        content=(
            "Góp ý: đề nghị Đảng ủy phường công khai lịch tiếp dân của Bí thư trên bảng tin "
            "các khu phố để người dân biết và đăng ký."
        ),
        category="Khác",
        name="Hồ Thị Liên",
        phone="0934 567 890",
    )


def _seed_ward_b(w: _Ward) -> None:
    w.submit(
        -2,
        content="Đường vào ấp An Nghĩa có ổ gà lớn, xe máy dễ té ngã.",
        category="Hạ tầng, giao thông",
        name="Châu Văn Út",
        phone="0913 579 135",
    )
    accepted = w.submit(
        -3,
        channel=ConcernChannel.PHONE,
        type=ConcernType.RECOMMENDATION,
        content="Đề nghị tăng chuyến phà Bình Khánh giờ cao điểm sáng.",
        category="Hạ tầng, giao thông",
        name="Lâm Thị Vân",
        phone="0938 222 111",
    )
    w.accept(accepted, -2)
    w.handled(
        -45,
        channel=ConcernChannel.LETTER,
        content="Phản ánh tình trạng khai thác cát trái phép ở sông Lòng Tàu.",
        category="Môi trường",
        name="Đinh Văn Xuân",
        address="Ấp Bình Thạnh, xã Cần Giờ",
    )
    answered = w.handled(
        -18,
        content="Trạm y tế xã thiếu thuốc điều trị tăng huyết áp.",
        category="An sinh xã hội",
        name="Tạ Thị Yến",
        email="ta.yen@example.invalid",
    )
    w.answer(
        answered,
        -2,
        letter="Kính gửi bà Tạ Thị Yến, Trạm y tế đã được bổ sung thuốc.",
        public="Trạm y tế xã đã được bổ sung thuốc điều trị tăng huyết áp.",
    )
    closed = w.handled(
        -40,
        channel=ConcernChannel.WALK_IN,
        content="Đèn đường ấp Hòa Hiệp hư hỏng.",
        category="Hạ tầng, giao thông",
        name="Lưu Văn An",
        phone="0919 111 000",
    )
    w.answer(
        closed,
        -30,
        letter="Đã sửa đèn đường ấp Hòa Hiệp.",
        public="Đèn đường ấp Hòa Hiệp đã được sửa.",
    )
    w.citizen(-28, services.concern_citizen_accept, closed)
    disputed = w.handled(
        -26,
        type=ConcernType.RECOMMENDATION,
        content="Đề nghị hỗ trợ ngư dân sửa tàu sau bão.",
        category="An sinh xã hội",
        name="Mạc Văn Bảo",
        phone="0945 678 123",
    )
    w.answer(
        disputed,
        -9,
        letter="Xã đã lập danh sách hỗ trợ theo quy định.",
        public="Xã đã lập danh sách hộ được hỗ trợ theo quy định.",
    )
    w.citizen(
        -7,
        services.concern_citizen_dispute,
        disputed,
        reason="Gia đình tôi bị bỏ sót trong danh sách hỗ trợ.",
    )
    # (A kiến nghị: a complaint's clock is never paused under Luật Khiếu nại năm 2011.)
    paused = w.handled(
        -10,
        type=ConcernType.RECOMMENDATION,
        content="Kiến nghị xem xét lại mức bồi thường khi thu hồi đất làm đê biển.",
        category="Đất đai",
        name="Kha Văn Cường",
        phone="0922 333 444",
        address="Ấp Long Thạnh",
    )
    w.act(
        -4,
        services.concern_pause_start,
        paused,
        reason="Chờ ông Cường bổ sung bản sao quyết định thu hồi đất.",
    )
    feedback = w.feedback(
        -35,
        Organisation.FARMERS_UNION,
        "Hội Nông dân xã góp ý: cần hướng dẫn nông dân chuyển đổi cây trồng vùng nhiễm mặn.",
        category="An sinh xã hội",
    )
    w.answer(
        feedback,
        -15,
        letter="UBND xã tiếp thu toàn bộ góp ý của Hội Nông dân.",
        public="UBND xã tiếp thu, sẽ mở lớp tập huấn chuyển đổi cây trồng.",
        verdict="accepted",
    )
    w.feedback(
        -3,
        Organisation.WOMEN_UNION,
        "Hội Liên hiệp Phụ nữ xã góp ý về điểm giữ trẻ mùa vụ.",
        category="An sinh xã hội",
    )
    sessions = _held_sessions(w.unit)
    for session in sessions[:2]:
        w.session_opinions(
            session,
            [
                {
                    "raised_by": "Ông Tư, ấp Thạnh Bình",
                    "content": "Đề nghị sớm có nước máy cho ấp Thạnh Bình.",
                    "category": "Hạ tầng, giao thông",
                    "outcome": "assigned",
                    "due_at": w.today + timedelta(days=30),
                },
                {
                    "raised_by": "Bà Năm",
                    "content": "Hỏi về thủ tục đăng ký tàu cá.",
                    "outcome": "answered",
                    "answer": "Bà liên hệ bộ phận một cửa xã, hồ sơ gồm tờ khai và giấy tờ tàu.",
                },
            ],
        )


def _seed_statutory(w: _Ward, city: _Ward) -> None:
    """Issue #13 in Phường Bến Thành: a complaint decided "đúng một phần", a denunciation of
    the ward's Chủ tịch resolved at the city (the ward never sees it), two anonymous letters
    kept as information for inspection."""
    complaint = w.submit(
        -40,
        channel=ConcernChannel.WALK_IN,
        type=ConcernType.COMPLAINT,
        content=(
            "Khiếu nại Quyết định xử phạt vi phạm hành chính về trật tự xây dựng: mức phạt áp "
            "dụng cao hơn quy định."
        ),
        name="Mai Văn Khải",
        phone="0938 221 445",
        address="18 Nguyễn An Ninh, phường Bến Thành",
    )
    w.act(-38, services.complaint_accept, complaint, hour=10, actor=w.head)
    w.assign(complaint, -37)
    with clock.travel(w.day(-30, 14)):
        services.complaint_dialogue(
            actor=w.officer,
            concern=complaint,
            version=_fresh(complaint).version,
            held_at=w.day(-30, 9),
            place="Trụ sở Ủy ban nhân dân phường Bến Thành",
            participants="Ông Mai Văn Khải; bà Trần Thị Minh, chuyên viên Văn phòng",
            content="Ông Khải trình bày mức phạt áp dụng theo khung cao nhất là chưa đúng.",
            results="Hai bên thống nhất xác minh lại mức phạt theo Nghị định hiện hành.",
        )
    w.act(
        -22,
        services.complaint_decide,
        complaint,
        hour=15,
        actor=w.head,
        finding=ComplaintFinding.PARTLY_RIGHT,
        verification="Ủy ban nhân dân phường đã xác minh hồ sơ xử phạt và hiện trạng công trình.",
        conclusion=(
            "Việc xử phạt là đúng quy định; mức phạt áp dụng theo khung cao nhất là chưa đúng."
        ),
        remedies="Sửa đổi Quyết định xử phạt, áp dụng mức phạt trung bình của khung.",
        public_summary="Khiếu nại về mức phạt trật tự xây dựng: đúng một phần.",
    )

    # Denounced: the ward's own Chủ tịch. Routed to the city at once (concern_submit); the
    # Chủ tịch UBND Thành phố accepts it by decision and the city's officer handles it.
    denunciation = w.submit(
        -6,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.STATE_HEAD,
        accused_name="Chủ tịch Ủy ban nhân dân phường Bến Thành",
        content=(
            "Tố cáo Chủ tịch Ủy ban nhân dân phường chỉ đạo bỏ qua vi phạm xây dựng tại "
            "công trình số 40 đường Lê Thánh Tôn."
        ),
        category="Thái độ, tác phong cán bộ",
        name="Võ Thị Ngọc Hân",
        phone="0900 000 222",
        address="25 Lê Thánh Tôn, phường Bến Thành",
    )
    city.act(-4, services.denunciation_accept, denunciation, hour=10, actor=city.head)
    city.assign(denunciation, -3)

    # Anonymous letters: kept as information for inspection, nothing about the sender.
    for offset, subject, content in (
        (
            -12,
            "Tổ trưởng tổ dân phố 4",
            "Thư không ký tên: tổ trưởng tổ dân phố 4 thu tiền vệ sinh không có biên lai.",
        ),
        (
            -2,
            "Quán ăn số 9 Lê Lai",
            "Thư không ký tên: quán ăn lấn chiếm toàn bộ vỉa hè từ 17 giờ hằng ngày.",
        ),
    ):
        with clock.travel(w.day(offset)):
            services.anonymous_information_receive(unit=w.unit, content=content, subject=subject)
