"""The complaint procedure (khiếu nại): Luật Khiếu nại năm 2011 and Nghị định 124/2020/NĐ-CP.

::

    received ──complaint_accept (Thông báo thụ lý)──▶ accepted ──assign──▶ assigned
        │                                                  │ complaint_dialogue (Biên bản)
        └──complaint_refuse (Thông báo không thụ lý)──▶ declined
    assigned ──complaint_decide (Quyết định giải quyết khiếu nại)──▶ closed
    closed (or the first deadline passed) ──complaint_file_second──▶ a new case at the city

Every step issues its document through ``petitions.documents.issue_document`` in the same
transaction (a rollback gives the number back), and follows the pattern of the other
services: ``_begin`` → guard → change → ``_save`` → ``_history`` → ``_audit``.

The decision is the answer: it publishes (``answer_published_at``) and the compliance
figures count the complaint answered; the citizen's remedy is a second complaint or a
lawsuit, never the portal's accept / dispute.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock
from documents.layout import prose_datetime, vietnamese_date
from sessions.notice import body_name

from .. import clocks
from ..documents import issue_document
from ..models import (
    AddressedTo,
    AnswerStatus,
    ComplaintFinding,
    Concern,
    ConcernChannel,
    ConcernDocumentKind,
    ConcernState,
    ConcernType,
    DeclineReason,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _clean_text,
    _create_concern,
    _end,
    _fmt,
    _history,
    _leave,
    _portal_language,
    _require_identity,
    _save,
)

K = ConcernDocumentKind

MSG_NOT_A_COMPLAINT = _("This procedure is for complaints (Luật Khiếu nại năm 2011) only.")
MSG_GROUND_REQUIRED = _(
    "Choose the ground of Luật Khiếu nại năm 2011, Điều 11 on which the complaint is not accepted."
)
MSG_FINDING_REQUIRED = _("Say whether the complaint is right, partly right or wrong.")
MSG_DECISION_CONTENT_REQUIRED = _(
    "Write what the verification found and what the decision settles."
)
MSG_DIALOGUE_CONTENT_REQUIRED = _("Write what was said at the dialogue and its results.")
MSG_APPEAL_REASONS_REQUIRED = _("Say why you do not agree with the first decision.")
MSG_APPEAL_NOT_YET = _(
    "A second complaint can be filed once the first decision is issued, or once its time "
    "limit has passed without one."
)
MSG_APPEAL_LATE = _(
    "The time to file a second complaint ended on %(date)s (Luật Khiếu nại năm 2011, Điều 33). "
    "You may still bring a lawsuit before the People's Court under the Law on Administrative "
    "Procedure."
)
MSG_APPEAL_FILED = _("A second complaint against this decision is already filed: %(code)s.")
MSG_APPEAL_SECOND = _(
    "This is already a second complaint: against its decision you may bring a lawsuit before "
    "the People's Court."
)
MSG_APPEAL_NO_CITY = _("The unit has no level above it to receive a second complaint.")


class ComplaintGround(models.TextChoices):
    """Why a complaint is not accepted: the nine clauses of Luật Khiếu nại năm 2011, Điều 11,
    and the decline reason each ground is counted under."""

    NOT_ADMINISTRATIVE = (
        "not_administrative",
        _(
            "An internal, directing or normative decision or act, or one covered by state "
            "secrecy (Điều 11.1)"
        ),
    )
    NO_INTEREST = (
        "no_interest",
        _("It does not affect the complainant's own rights and interests (Điều 11.2)"),
    )
    NO_CAPACITY = (
        "no_capacity",
        _("The complainant lacks legal capacity and has no lawful representative (Điều 11.3)"),
    )
    NO_AUTHORITY = (
        "no_authority",
        _("The representative has no lawful authority (Điều 11.4)"),
    )
    NO_SIGNATURE = (
        "no_signature",
        _("The complaint bears no signature or fingerprint of the complainant (Điều 11.5)"),
    )
    OUT_OF_TIME = "out_of_time", _("Filed after the time limit for complaints (Điều 11.6)")
    ALREADY_DECIDED = (
        "already_decided",
        _("A second decision has already settled it (Điều 11.7)"),
    )
    NOT_CONTINUED = (
        "not_continued",
        _(
            "The resolution was ended by notice and the complainant did not continue within "
            "30 days (Điều 11.8)"
        ),
    )
    BEFORE_COURT = (
        "before_court",
        _("A court has accepted the case or given a judgement (Điều 11.9)"),
    )


GROUND_DECLINE_REASON = {
    ComplaintGround.NOT_ADMINISTRATIVE: DeclineReason.NO_REQUEST,
    ComplaintGround.NO_INTEREST: DeclineReason.NO_REQUEST,
    ComplaintGround.NO_CAPACITY: DeclineReason.NO_IDENTITY,
    ComplaintGround.NO_AUTHORITY: DeclineReason.NO_IDENTITY,
    ComplaintGround.NO_SIGNATURE: DeclineReason.NO_IDENTITY,
    ComplaintGround.OUT_OF_TIME: DeclineReason.OUT_OF_TIME,
    ComplaintGround.ALREADY_DECIDED: DeclineReason.ALREADY_RESOLVED,
    ComplaintGround.NOT_CONTINUED: DeclineReason.ALREADY_RESOLVED,
    ComplaintGround.BEFORE_COURT: DeclineReason.BEFORE_COURT,
}

# The grounds as the notice writes them (official Vietnamese).
_LAW = "Điều 11 Luật Khiếu nại năm 2011"
GROUND_TEXT = {
    ComplaintGround.NOT_ADMINISTRATIVE: "quyết định hành chính, hành vi hành chính bị khiếu nại "
    "là quyết định, hành vi trong nội bộ cơ quan nhà nước để chỉ đạo, tổ chức thực hiện nhiệm "
    "vụ, công vụ, trong chỉ đạo điều hành của cơ quan hành chính cấp trên với cấp dưới, có chứa "
    "đựng quy phạm pháp luật hoặc thuộc phạm vi bí mật nhà nước "
    f"(khoản 1 {_LAW})",
    ComplaintGround.NO_INTEREST: "quyết định hành chính, hành vi hành chính bị khiếu nại không "
    f"liên quan trực tiếp đến quyền, lợi ích hợp pháp của người khiếu nại (khoản 2 {_LAW})",
    ComplaintGround.NO_CAPACITY: "người khiếu nại không có năng lực hành vi dân sự đầy đủ mà "
    f"không có người đại diện hợp pháp (khoản 3 {_LAW})",
    ComplaintGround.NO_AUTHORITY: f"người đại diện không hợp pháp thực hiện khiếu nại (khoản 4 "
    f"{_LAW})",
    ComplaintGround.NO_SIGNATURE: "đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu "
    f"nại (khoản 5 {_LAW})",
    ComplaintGround.OUT_OF_TIME: "thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính "
    f"đáng (khoản 6 {_LAW})",
    ComplaintGround.ALREADY_DECIDED: "khiếu nại đã có quyết định giải quyết khiếu nại lần hai "
    f"(khoản 7 {_LAW})",
    ComplaintGround.NOT_CONTINUED: "đã có văn bản thông báo đình chỉ việc giải quyết khiếu nại "
    f"mà sau 30 ngày người khiếu nại không tiếp tục khiếu nại (khoản 8 {_LAW})",
    ComplaintGround.BEFORE_COURT: "việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết "
    f"bằng bản án, quyết định của Tòa án (khoản 9 {_LAW})",
}

FINDING_TEXT = {
    ComplaintFinding.RIGHT: "đúng",
    ComplaintFinding.PARTLY_RIGHT: "đúng một phần",
    ComplaintFinding.WRONG: "sai",
}

CITY_CHAIR = "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"


def _instance_words(concern: Concern) -> str:
    return "lần hai" if (concern.instance or 1) >= 2 else "lần đầu"


def _honorific_name(concern: Concern) -> str:
    return concern.submitter_name or "người khiếu nại"


def _authority(concern: Concern) -> str:
    """ "Chủ tịch Ủy ban nhân dân phường Bến Thành"."""
    return f"Chủ tịch {body_name(concern.unit, AddressedTo.STATE)}"


def _recipients(concern: Concern, *extra: str) -> list[str]:
    return [f"Ông (Bà) {_honorific_name(concern)}", *extra]


def _require_complaint(concern: Concern) -> None:
    if concern.type != ConcernType.COMPLAINT:
        raise ValidationError(MSG_NOT_A_COMPLAINT, code="not_a_complaint")


# --- Acceptance (Điều 27; Nghị định 124/2020/NĐ-CP, mẫu 01) ------------------------------------


@_portal_language
@transaction.atomic
def complaint_accept(
    *, actor, concern: Concern, version: int | None, is_complex: bool = False, note: str = ""
) -> Concern:
    """Accept the complaint (thụ lý): the notice of acceptance, and the clock of the law."""
    concern = _begin(concern, "complaint_accept", actor=actor, version=version)
    _require_complaint(concern)
    _require_identity(
        concern.type,
        name=concern.submitter_name,
        phone=concern.submitter_phone,
        email=concern.submitter_email,
        address=concern.submitter_address,
    )
    now = clock.now()
    concern.is_complex = bool(is_complex)
    due = clocks.complaint_due(concern, clocks.local_date(now))
    concern.accepted_at = now
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    concern.state = ConcernState.ACCEPTED
    received = clocks.local_date(concern.received_at)
    body = "\n\n".join(
        [
            f"Ngày {received.day}/{received.month}/{received.year}, {_authority(concern)} đã "
            f"nhận được đơn khiếu nại của ông (bà) {_honorific_name(concern)}"
            + (f", địa chỉ: {concern.submitter_address}" if concern.submitter_address else "")
            + f" (mã hồ sơ {concern.tracking_code}).",
            f"Nội dung khiếu nại: {concern.content.strip()}",
            "Sau khi xem xét nội dung đơn khiếu nại, căn cứ Điều 27 Luật Khiếu nại năm 2011 và "
            "Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ, đơn khiếu nại "
            "đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết "
            f"{_instance_words(concern)} của {_authority(concern)}.",
            f"Vậy thông báo để ông (bà) {_honorific_name(concern)} biết. Thời hạn giải quyết "
            f"khiếu nại là {due.days} ngày kể từ ngày thụ lý, đến hết "
            f"{vietnamese_date(due.due)}.",
        ]
    )
    doc = issue_document(
        concern=concern,
        kind=K.COMPLAINT_ACCEPTANCE,
        actor=actor,
        title="Về việc thụ lý giải quyết khiếu nại",
        body=body,
        data={"due": str(due.due), "days": due.days, "instance": concern.instance},
        recipients=_recipients(concern, "Thanh tra Thành phố (để báo cáo)"),
        symbol="TB",
        institution=AddressedTo.STATE,
    )
    _save(concern, ["is_complex", "accepted_at", "due_at", "due_explanation", "state"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ACCEPTED,
        from_state=ConcernState.RECEIVED,
        note=_clean_text(note),
        is_public=True,
        public_note=gettext(
            "Complaint accepted (notice No. %(number)s); the decision is due by %(due)s (%(how)s)."
        )
        % {"number": doc.outgoing.label, "due": _fmt(due.due), "how": due.explanation()},
    )
    _audit(actor, "complaint_accepted", concern, {"due": str(due.due), "document": doc.pk})
    return concern


# --- Refusal (Điều 11, 27) ---------------------------------------------------------------------


@_portal_language
@transaction.atomic
def complaint_refuse(
    *,
    actor,
    concern: Concern,
    version: int | None,
    ground: str,
    note_to_citizen: str = "",
    note: str = "",
) -> Concern:
    """Do not accept the complaint, on a ground of Điều 11: the notice says which."""
    concern = _begin(concern, "complaint_refuse", actor=actor, version=version)
    _require_complaint(concern)
    if ground not in ComplaintGround.values:
        raise ValidationError(MSG_GROUND_REQUIRED, code="ground_required")
    ground = ComplaintGround(ground)
    explanation = _clean_text(note_to_citizen)
    body = "\n\n".join(
        p
        for p in [
            f"{_authority(concern)} đã nhận được đơn khiếu nại của ông (bà) "
            f"{_honorific_name(concern)} (mã hồ sơ {concern.tracking_code}).",
            f"Nội dung khiếu nại: {concern.content.strip()}",
            "Căn cứ Điều 11 và Điều 27 Luật Khiếu nại năm 2011, đơn khiếu nại không đủ điều "
            f"kiện thụ lý giải quyết vì lý do: {GROUND_TEXT[ground]}.",
            explanation,
            f"Vậy thông báo để ông (bà) {_honorific_name(concern)} biết.",
        ]
        if p
    )
    doc = issue_document(
        concern=concern,
        kind=K.COMPLAINT_REFUSAL,
        actor=actor,
        title="Về việc không thụ lý giải quyết khiếu nại",
        body=body,
        data={"ground": ground.value},
        recipients=_recipients(concern),
        symbol="TB",
        institution=AddressedTo.STATE,
    )
    concern.decline_reason = GROUND_DECLINE_REASON[ground]
    _leave(
        concern,
        ConcernState.DECLINED,
        actor=actor,
        action=TransitionAction.DECLINED,
        extra_fields=("decline_reason",),
        note=_clean_text(note),
        public_note=gettext("Complaint not accepted (notice No. %(number)s): %(ground)s.")
        % {"number": doc.outgoing.label, "ground": ground.label}
        + (f" {explanation}" if explanation else ""),
    )
    _audit(actor, "complaint_refused", concern, {"ground": ground.value, "document": doc.pk})
    return concern


# --- Dialogue (Điều 30) ------------------------------------------------------------------------


@_portal_language
@transaction.atomic
def complaint_dialogue(
    *,
    actor,
    concern: Concern,
    version: int | None,
    held_at: datetime,
    place: str,
    participants: str,
    content: str,
    results: str,
) -> Concern:
    """Record the dialogue with the complainant (biên bản đối thoại, unnumbered)."""
    concern = _begin(concern, "complaint_dialogue", actor=actor, version=version)
    _require_complaint(concern)
    content = _clean_text(content, required_message=MSG_DIALOGUE_CONTENT_REQUIRED)
    results = _clean_text(results, required_message=MSG_DIALOGUE_CONTENT_REQUIRED)
    place = _clean_text(place, limit=300)
    participants = _clean_text(participants, limit=3000)
    body = "\n\n".join(
        p
        for p in [
            f"Vào hồi {prose_datetime(held_at)}, tại {place or '……'}, "
            f"{_authority(concern)} tổ chức đối thoại với người khiếu nại về việc giải quyết "
            f"khiếu nại {_instance_words(concern)} của ông (bà) {_honorific_name(concern)} "
            f"(mã hồ sơ {concern.tracking_code}), theo Điều 30 Luật Khiếu nại năm 2011.",
            f"Thành phần tham dự:\n{participants}" if participants else "",
            f"Nội dung đối thoại:\n{content}",
            f"Kết quả đối thoại:\n{results}",
            "Biên bản được lập xong hồi …… giờ …… cùng ngày, đã đọc lại cho những người tham dự "
            "cùng nghe và ký tên xác nhận; mỗi bên giữ một bản.",
        ]
        if p
    )
    doc = issue_document(
        concern=concern,
        kind=K.DIALOGUE_RECORD,
        actor=actor,
        title="Đối thoại giải quyết khiếu nại",
        body=body,
        data={"held_at": held_at.isoformat(), "place": place},
        symbol=None,
        institution=AddressedTo.STATE,
    )
    _save(concern, [])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.COMPLAINT_DIALOGUE,
        from_state=concern.state,
        note=results,
        is_public=True,
        public_note=gettext("A dialogue with the complainant was held on %(day)s.")
        % {"day": _fmt(clocks.local_date(held_at))},
    )
    _audit(actor, "complaint_dialogue", concern, {"document": doc.pk})
    return concern


# --- Decision (Điều 31, 40) --------------------------------------------------------------------


def rights_paragraph(concern: Concern) -> str:
    """What the complainant may do next, as the decision tells them (Điều 31.2.g, 40)."""
    if (concern.instance or 1) >= 2:
        # Điều 44: after the second decision only the court remains, within the time the
        # Luật Tố tụng hành chính sets (not a limit of this law).
        return (
            "Nếu không đồng ý với quyết định giải quyết khiếu nại lần hai, người khiếu nại có "
            "quyền khởi kiện vụ án hành chính tại Tòa án nhân dân theo quy định của Luật Tố tụng "
            "hành chính."
        )
    rule = clocks.rule_of(concern)
    remote = bool(getattr(concern.unit, "is_remote", False))
    days = (rule.remote_appeal_days if remote else None) or rule.appeal_days or 30
    return (
        f"Trong thời hạn {days} ngày kể từ ngày nhận được Quyết định này, nếu không đồng ý "
        "với quyết định giải quyết khiếu nại lần đầu, người khiếu nại có quyền khiếu nại lần "
        f"hai đến {CITY_CHAIR} hoặc khởi kiện vụ án hành chính tại Tòa án nhân dân theo quy "
        "định của Luật Tố tụng hành chính."
    )


@_portal_language
@transaction.atomic
def complaint_decide(
    *,
    actor,
    concern: Concern,
    version: int | None,
    finding: str,
    verification: str,
    conclusion: str,
    remedies: str = "",
    public_summary: str = "",
    note: str = "",
) -> Concern:
    """Decide the complaint (quyết định giải quyết khiếu nại lần đầu / lần hai): the decision
    is the answer, published to the complainant; the case closes."""
    concern = _begin(concern, "complaint_decide", actor=actor, version=version)
    _require_complaint(concern)
    if finding not in ComplaintFinding.values:
        raise ValidationError(MSG_FINDING_REQUIRED, code="finding_required")
    verification = _clean_text(verification, required_message=MSG_DECISION_CONTENT_REQUIRED)
    conclusion = _clean_text(conclusion, required_message=MSG_DECISION_CONTENT_REQUIRED)
    remedies = _clean_text(remedies)
    words = _instance_words(concern)
    finding_words = FINDING_TEXT[ComplaintFinding(finding)]
    first = concern.appeal_of
    grounds = [
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        "Căn cứ Luật Khiếu nại năm 2011;",
        "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định "
        "chi tiết một số điều và biện pháp thi hành Luật Khiếu nại;",
    ]
    paragraphs = [
        f"CHỦ TỊCH {body_name(concern.unit, AddressedTo.STATE).upper()}",
        "\n".join(grounds),
        f"Xét đơn khiếu nại của ông (bà) {_honorific_name(concern)}"
        + (f", địa chỉ: {concern.submitter_address}" if concern.submitter_address else "")
        + f" (mã hồ sơ {concern.tracking_code}).",
        f"Nội dung khiếu nại: {concern.content.strip()}",
    ]
    if first is not None:
        paragraphs.append(
            f"Khiếu nại lần hai đối với quyết định giải quyết khiếu nại lần đầu của "
            f"Chủ tịch {body_name(first.unit, AddressedTo.STATE)} (mã hồ sơ "
            f"{first.tracking_code})."
        )
    paragraphs += [
        f"Kết quả xác minh nội dung khiếu nại:\n{verification}",
        f"Kết luận: {conclusion}",
        "QUYẾT ĐỊNH:",
        f"Điều 1. Khiếu nại của ông (bà) {_honorific_name(concern)} là {finding_words}.",
        f"Điều 2. {remedies}"
        if remedies
        else "Điều 2. Giữ nguyên nội dung quyết định hành chính, hành vi hành chính bị khiếu nại.",
        f"Điều 3. {rights_paragraph(concern)}",
        "Điều 4. Quyết định này có hiệu lực kể từ ngày ký. Các cơ quan, tổ chức, cá nhân có "
        "liên quan chịu trách nhiệm thi hành Quyết định này.",
    ]
    public = _clean_text(public_summary) or (
        f"Khiếu nại là {finding_words}. {conclusion}"
        + (f" {remedies}" if remedies else "")
        + f" {rights_paragraph(concern)}"
    )
    doc = issue_document(
        concern=concern,
        kind=K.COMPLAINT_DECISION,
        actor=actor,
        title=f"Về việc giải quyết khiếu nại của ông (bà) {_honorific_name(concern)} ({words})",
        body="\n\n".join(paragraphs),
        data={"finding": finding, "instance": concern.instance or 1},
        recipients=_recipients(
            concern,
            *(
                [f"Chủ tịch {body_name(first.unit, AddressedTo.STATE)}"]
                if first is not None
                else [f"{CITY_CHAIR} (để báo cáo)", "Thanh tra Thành phố"]
            ),
            "Các cơ quan, đơn vị có liên quan",
        ),
        symbol="QĐ",
        institution=AddressedTo.STATE,
        public_text=public,
    )
    from_state = concern.state
    now = clock.now()
    concern.finding = finding
    concern.answer_text = doc.body
    concern.answer_public_text = public
    concern.answer_status = AnswerStatus.PUBLISHED
    concern.answer_published_at = now
    concern.answer_approved_by = actor if getattr(actor, "is_authenticated", False) else None
    concern.answer_signer_name = doc.signer_name[:150]
    concern.answer_signer_position = doc.signer_position
    concern.answer_signer_rank = doc.signer_rank
    fields = _end(concern, ConcernState.CLOSED)
    _save(
        concern,
        [
            *fields,
            "finding",
            "answer_text",
            "answer_public_text",
            "answer_status",
            "answer_published_at",
            "answer_approved_by",
            "answer_signer_name",
            "answer_signer_position",
            "answer_signer_rank",
        ],
    )
    _record_answer_version(concern, actor, now)
    appeal = clocks.appeal_due(concern) if (concern.instance or 1) < 2 else None
    public_note = gettext("Decision No. %(number)s: %(finding)s.") % {
        "number": doc.outgoing.label,
        "finding": ComplaintFinding(finding).label,
    }
    if appeal is not None:
        public_note += " " + gettext(
            "You may file a second complaint until %(date)s, or bring a lawsuit before the "
            "People's Court."
        ) % {"date": _fmt(appeal.due)}
    else:
        public_note += " " + gettext(
            "If you do not agree, you may bring a lawsuit before the People's Court."
        )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.COMPLAINT_DECIDED,
        from_state=from_state,
        note=_clean_text(note),
        is_public=True,
        public_note=public_note,
    )
    _audit(actor, "complaint_decided", concern, {"finding": finding, "document": doc.pk})
    return concern


def _record_answer_version(concern: Concern, actor, now) -> None:
    """The decision as the concern's published answer version (when versions are kept)."""
    try:
        from ..models import AnswerVersion, AnswerVersionStatus
    except ImportError:  # pragma: no cover - answer versions not installed
        return
    in_force = AnswerVersion.objects.filter(
        concern=concern, status=AnswerVersionStatus.PUBLISHED
    ).first()
    last = AnswerVersion.objects.filter(concern=concern).order_by("-number").first()
    version = AnswerVersion.objects.create(
        concern=concern,
        number=(last.number if last else 0) + 1,
        text=concern.answer_text,
        public_text=concern.answer_public_text,
        status=AnswerVersionStatus.PUBLISHED,
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
        submitted_at=now,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        decided_at=now,
        signer_name=concern.answer_signer_name,
        signer_position=concern.answer_signer_position,
        signer_rank=concern.answer_signer_rank,
        published_at=now,
    )
    if in_force is not None:
        in_force.status = AnswerVersionStatus.SUPERSEDED
        in_force.superseded_at = now
        in_force.superseded_by = version
        in_force.save()


# --- Second complaint (Điều 33, 37) ------------------------------------------------------------


def appeal_state(first: Concern, *, today=None) -> dict:
    """Whether the complainant of ``first`` may file a second complaint now, and until when:
    ``{"open": bool, "due": date | None, "reason": message | None, "appeal": Concern|None}``."""
    today = today or clocks.today()
    result = {"open": False, "due": None, "reason": None, "appeal": None}
    if first.type != ConcernType.COMPLAINT:
        return result
    existing = first.appeals.order_by("pk").first()
    if existing is not None:
        result["appeal"] = existing
        result["reason"] = MSG_APPEAL_FILED % {"code": existing.tracking_code}
        return result
    if (first.instance or 1) >= 2:
        result["reason"] = MSG_APPEAL_SECOND
        return result
    decided = first.answer_published_at is not None and first.finding
    lapsed = (
        first.state in (ConcernState.ACCEPTED, ConcernState.ASSIGNED)
        and first.due_at is not None
        and today > first.due_at
    )
    if not (decided or lapsed):
        result["reason"] = MSG_APPEAL_NOT_YET
        return result
    due = clocks.appeal_due(first)
    if due is None:
        return result
    result["due"] = due.due
    if today > due.due:
        result["reason"] = MSG_APPEAL_LATE % {"date": _fmt(due.due)}
        return result
    if first.unit.parent_id is None:
        result["reason"] = MSG_APPEAL_NO_CITY
        return result
    result["open"] = True
    return result


@_portal_language
@transaction.atomic
def complaint_file_second(*, first: Concern, reasons: str) -> Concern:
    """The complainant files a second complaint against the first decision (or the missing
    one) from the status page: a new case of the city's People's Committee, linked to the
    first, with history rows on both."""
    first = (
        Concern.objects.select_for_update(of=("self",))
        .select_related("unit__parent")
        .get(pk=first.pk)
    )
    reasons = _clean_text(reasons, required_message=MSG_APPEAL_REASONS_REQUIRED)
    state = appeal_state(first)
    if not state["open"]:
        raise ValidationError(state["reason"] or MSG_APPEAL_NOT_YET, code="appeal_closed")
    city = first.unit.parent
    now = clock.now()
    ack = clocks.acknowledge_due(ConcernType.COMPLAINT, clocks.local_date(now))
    decision = first.documents.filter(kind=K.COMPLAINT_DECISION).order_by("-id").first()
    against = (
        f"Khiếu nại lần hai đối với Quyết định số {decision.outgoing.label} ngày "
        f"{decision.issued_on:%d/%m/%Y} của Chủ tịch {body_name(first.unit, AddressedTo.STATE)}"
        if decision is not None and decision.outgoing_id
        else "Khiếu nại lần hai do khiếu nại lần đầu không được giải quyết trong thời hạn"
    )
    second = _create_concern(
        unit=city,
        addressed_to=AddressedTo.STATE,
        origin_unit=first.unit,
        instance=2,
        appeal_of=first,
        channel=ConcernChannel.WEB,
        type=ConcernType.COMPLAINT,
        category=first.category,
        content=f"{against} (mã hồ sơ {first.tracking_code}).\n\n{reasons}",
        address=first.address,
        submitter_name=first.submitter_name,
        submitter_phone=first.submitter_phone,
        submitter_email=first.submitter_email,
        submitter_address=first.submitter_address,
        consent_given_at=first.consent_given_at or now,
        received_at=now,
        ack_due_at=ack.due,
        due_explanation="",
    )
    _history(
        second,
        actor=None,
        action=TransitionAction.SUBMITTED,
        from_state="",
        note=ack.explanation(),
        is_public=True,
        public_note=gettext("Second complaint against case %(code)s, received by %(body)s.")
        % {"code": first.tracking_code, "body": body_name(city, AddressedTo.STATE)},
    )
    _save(first, [])
    _history(
        first,
        actor=None,
        action=TransitionAction.SECOND_COMPLAINT,
        from_state=first.state,
        is_public=True,
        public_note=gettext("A second complaint was filed with %(body)s: case %(code)s.")
        % {"body": body_name(city, AddressedTo.STATE), "code": second.tracking_code},
    )
    _audit(None, "second_complaint_filed", second, {"first": first.tracking_code})
    return second
