"""The denunciation procedure (tố cáo): Luật Tố cáo năm 2018 and Nghị định 31/2019/NĐ-CP.

::

    received ──denunciation_accept (Quyết định thụ lý tố cáo)──▶ accepted ──assign──▶ assigned
        │  (initial handling within 7 working days of receipt, Điều 24)
        ├──denunciation_refuse (Thông báo không thụ lý tố cáo)──▶ declined
        └──denunciation_transfer (to the competent body within 5 working days)──▶ referred
    accepted / assigned ──denunciation_suspend (Quyết định tạm đình chỉ)──▶ (clock stopped)
                        ──denunciation_resume (Quyết định hủy bỏ quyết định tạm đình chỉ)──▶
    open ──denunciation_withdrawal──▶ withdrawn (Quyết định đình chỉ), or continues when the
                                      resolver records signs of a violation (Điều 33)
    assigned ──denunciation_conclude (Kết luận nội dung tố cáo + public notice)──▶ closed

The resolution is due 30 days from acceptance (Điều 30); extensions are decisions of the
head (``petitions.services.deadlines``: at most two, each at most 30 days). Every step
issues its document through ``petitions.documents.issue_document`` in the same transaction
(a rollback gives the number back) and follows ``_begin`` → guard → change → ``_save`` →
``_history`` → ``_audit``.

The denunciator's identity is never printed in a document that leaves the resolver (the
transfer, the decisions, the conclusion): "Người tố cáo: đã được giữ bí mật theo quy
định". A case about a Party member's conduct is addressed to the Party's inspection
committee (Ủy ban Kiểm tra), whose documents it issues in its own name and register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock
from documents.layout import vietnamese_date
from units.models import Unit
from workcalendar.calendar import compute_due

from .. import clocks
from ..documents import issue_document
from ..institutions import body_name
from ..messages import (
    MSG_DENUNCIATION_FINDINGS_REQUIRED,
    MSG_DENUNCIATION_GROUND_REQUIRED,
    MSG_DENUNCIATION_PUBLIC_TEXT_IDENTIFIES,
    MSG_DENUNCIATION_PUBLIC_TEXT_REQUIRED,
    MSG_DENUNCIATION_TARGET,
    MSG_NOTE_REQUIRED,
    MSG_REASON_REQUIRED,
    MSG_REFER_SAME_UNIT,
    MSG_TRANSFER_TO_ACCUSED,
    MSG_UNIT_INACTIVE,
)
from ..models import (
    ACCUSED_HEAD_ROLES,
    AddressedTo,
    Concern,
    ConcernDocument,
    ConcernDocumentKind,
    ConcernState,
    DeclineReason,
    Pause,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _clean_text,
    _due_from_rule,
    _fmt,
    _history,
    _leave,
    _limit,
    _linked_copy,
    _portal_language,
    _save,
)
from .competence import about_unit

K = ConcernDocumentKind
LAW = "Luật Tố cáo năm 2018"
# What a document that leaves the resolver writes in place of the denunciator (Điều 47).
IDENTITY_MASK = "Người tố cáo: đã được giữ bí mật theo quy định"

MSG_VIOLATION_SIGNS_REQUIRED = _(
    "Describe the signs of a violation for which the resolution continues."
)
MSG_MEASURES_REQUIRED = _("Write the measures taken or proposed.")


class RefusalGround(models.TextChoices):
    """Why a denunciation is not accepted (Luật Tố cáo năm 2018, Điều 29): the conditions of
    acceptance it does not meet."""

    FORM = "form", _("Not made in the form the law requires (Điều 23)")
    CAPACITY = (
        "capacity",
        _("The denunciator lacks full legal capacity and has no lawful representative"),
    )
    NO_BASIS = "no_basis", _("The content gives no basis for verification")
    ALREADY_RESOLVED = (
        "already_resolved",
        _("Already resolved, and the denunciator brings no new information"),
    )
    CRIMINAL = (
        "criminal",
        _("Being handled by the investigating, prosecuting or judicial bodies"),
    )


# The grounds as the notice writes them (official Vietnamese), and how figures count them.
GROUND_TEXT = {
    RefusalGround.FORM: "tố cáo không được thực hiện theo đúng hình thức quy định tại Điều 23 "
    "Luật Tố cáo năm 2018",
    RefusalGround.CAPACITY: "người tố cáo không có năng lực hành vi dân sự đầy đủ mà không có "
    "người đại diện theo quy định của pháp luật",
    RefusalGround.NO_BASIS: "nội dung tố cáo không có cơ sở để kiểm tra, xác minh",
    RefusalGround.ALREADY_RESOLVED: "tố cáo về vụ việc đã được giải quyết mà người tố cáo không "
    "cung cấp thông tin, tình tiết mới",
    RefusalGround.CRIMINAL: "tố cáo về vụ việc mà cơ quan có thẩm quyền đang tiến hành tố tụng "
    "hình sự",
}
GROUND_DECLINE_REASON = {
    RefusalGround.FORM: DeclineReason.NO_IDENTITY,
    RefusalGround.CAPACITY: DeclineReason.NO_IDENTITY,
    RefusalGround.NO_BASIS: DeclineReason.UNCLEAR,
    RefusalGround.ALREADY_RESOLVED: DeclineReason.ALREADY_RESOLVED,
    RefusalGround.CRIMINAL: DeclineReason.BEFORE_COURT,
}


class DenunciationFinding(models.TextChoices):
    """What the conclusion finds of each point denounced (Điều 35)."""

    TRUE = "true", _("True")
    PARTLY_TRUE = "partly_true", _("Partly true")
    FALSE = "false", _("False")
    NO_BASIS = "no_basis", _("No basis")


FINDING_TEXT = {
    DenunciationFinding.TRUE: "tố cáo đúng",
    DenunciationFinding.PARTLY_TRUE: "tố cáo đúng một phần",
    DenunciationFinding.FALSE: "tố cáo sai",
    DenunciationFinding.NO_BASIS: "không có cơ sở",
}


# --- Words of the documents -----------------------------------------------------------------


def resolver_name(concern: Concern) -> str:
    """Who resolves it: "Chủ tịch Ủy ban nhân dân phường Bến Thành", "Đảng ủy phường Bến
    Thành", "Ủy ban Kiểm tra Đảng ủy phường Bến Thành"."""
    body = body_name(concern.unit, concern.addressed_to)
    return f"Chủ tịch {body}" if concern.addressed_to == AddressedTo.STATE else body


def _personal(concern: Concern) -> bool:
    """The Chủ tịch decides in person ("CHỦ TỊCH"); the Party committee and its inspection
    committee decide as bodies ("T/M ĐẢNG ỦY", "T/M ỦY BAN KIỂM TRA")."""
    return concern.addressed_to == AddressedTo.STATE


def _accused(concern: Concern) -> str:
    return concern.accused_name.strip() or "người bị tố cáo"


def _issue(concern: Concern, *, kind: str, actor, title: str, paragraphs, **kwargs):
    return issue_document(
        concern=concern,
        kind=kind,
        actor=actor,
        title=title,
        body="\n\n".join(p for p in paragraphs if p),
        personal=_personal(concern),
        **kwargs,
    )


def _received_on(concern: Concern) -> date:
    return clocks.local_date(concern.received_at)


def transfer_due(concern: Concern):
    """By when a denunciation outside competence must be transferred (Điều 24: 5 working
    days from receipt), or None when the rule sets no such limit."""
    days = clocks.rule_of(concern).transfer_days
    if not days:
        return None
    return compute_due(_received_on(concern), days, working=True)


@dataclass(frozen=True)
class Clock:
    """The statutory clock of a denunciation, for the staff page."""

    ack_due: date | None
    transfer_due: date | None
    due: date | None
    extensions_used: int
    extensions_allowed: int
    suspended_since: date | None


def denunciation_clock(concern: Concern) -> Clock:
    from ..models import ExtensionStatus

    rule = clocks.rule_of(concern)
    transfer = transfer_due(concern)
    used = sum(1 for e in concern.extensions.all() if e.status == ExtensionStatus.APPROVED)
    return Clock(
        ack_due=concern.ack_due_at,
        transfer_due=transfer.due if transfer else None,
        due=concern.due_at,
        extensions_used=used,
        extensions_allowed=rule.max_extensions,
        suspended_since=clocks.local_date(concern.paused_since),
    )


# --- Initial handling: accept (Điều 24, 29) ------------------------------------------------


@_portal_language
@transaction.atomic
def denunciation_accept(*, actor, concern: Concern, version: int | None, note: str = "") -> Concern:
    """Accept the denunciation (thụ lý) by decision: the resolution is due 30 days on."""
    concern = _begin(concern, "denunciation_accept", actor=actor, version=version)
    now = clock.now()
    due = _due_from_rule(concern, clocks.local_date(now))
    concern.accepted_at = now
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    concern.state = ConcernState.ACCEPTED
    received = _received_on(concern)
    doc = _issue(
        concern,
        kind=K.DENUNCIATION_ACCEPTANCE,
        actor=actor,
        title="Về việc thụ lý tố cáo",
        paragraphs=[
            f"Căn cứ Điều 24 và Điều 29 {LAW}; xét đơn tố cáo nhận ngày "
            f"{received.day}/{received.month}/{received.year} (mã hồ sơ "
            f"{concern.tracking_code}).",
            # The decision goes to the person denounced: it names what is accepted, never the
            # letter itself (which may reveal who wrote it; it stays in the case file).
            f"Điều 1. Thụ lý tố cáo đối với {_accused(concern)}. Nội dung tố cáo được thụ lý "
            f"giải quyết theo đơn tố cáo mã hồ sơ {concern.tracking_code}, lưu trong hồ sơ "
            "giải quyết tố cáo.",
            f"Điều 2. Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày thụ lý, đến hết "
            f"{vietnamese_date(due.due)} (Điều 30 {LAW}).",
            "Điều 3. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan "
            "chịu trách nhiệm thi hành Quyết định này.",
        ],
        data={"due": str(due.due), "days": due.days},
        recipients=["Như Điều 3", "Người bị tố cáo"],
        symbol="QĐ",
    )
    _save(concern, ["accepted_at", "due_at", "due_explanation", "state"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ACCEPTED,
        from_state=ConcernState.RECEIVED,
        note=_clean_text(note),
        is_public=True,
        public_note=gettext(
            "Denunciation accepted (decision No. %(number)s); the resolution is due by %(due)s "
            "(%(how)s)."
        )
        % {"number": doc.outgoing.label, "due": _fmt(due.due), "how": due.explanation()},
    )
    _audit(actor, "denunciation_accepted", concern, {"due": str(due.due), "document": doc.pk})
    return concern


# --- Initial handling: refuse (Điều 29) -------------------------------------------------------


@_portal_language
@transaction.atomic
def denunciation_refuse(
    *,
    actor,
    concern: Concern,
    version: int | None,
    ground: str,
    note_to_citizen: str = "",
    note: str = "",
) -> Concern:
    """Do not accept the denunciation, on a ground of the law: the notice says which."""
    concern = _begin(concern, "denunciation_refuse", actor=actor, version=version)
    if ground not in RefusalGround.values:
        raise ValidationError(MSG_DENUNCIATION_GROUND_REQUIRED, code="ground_required")
    ground = RefusalGround(ground)
    explanation = _clean_text(note_to_citizen)
    doc = _issue(
        concern,
        kind=K.DENUNCIATION_REFUSAL,
        actor=actor,
        title="Về việc không thụ lý tố cáo",
        paragraphs=[
            f"Kính gửi: ông (bà) {concern.submitter_name}.",
            f"{resolver_name(concern)} đã nhận được đơn tố cáo của ông (bà) (mã hồ sơ "
            f"{concern.tracking_code}).",
            f"Căn cứ Điều 24 và Điều 29 {LAW}, tố cáo không đủ điều kiện thụ lý vì lý do: "
            f"{GROUND_TEXT[ground]}.",
            explanation,
            "Vậy thông báo để ông (bà) biết.",
        ],
        data={"ground": ground.value},
        recipients=["Người tố cáo"],
        symbol="TB",
    )
    concern.decline_reason = GROUND_DECLINE_REASON[ground]
    _leave(
        concern,
        ConcernState.DECLINED,
        actor=actor,
        action=TransitionAction.DECLINED,
        extra_fields=("decline_reason",),
        note=_clean_text(note),
        public_note=gettext("Denunciation not accepted (notice No. %(number)s): %(ground)s.")
        % {"number": doc.outgoing.label, "ground": ground.label}
        + (f" {explanation}" if explanation else ""),
    )
    _audit(actor, "denunciation_refused", concern, {"ground": ground.value, "document": doc.pk})
    return concern


# --- Initial handling: transfer outside competence (Điều 24) -----------------------------------


@_portal_language
@transaction.atomic
def denunciation_transfer(
    *,
    actor,
    concern: Concern,
    version: int | None,
    to_unit: Unit | None = None,
    outside_body: str = "",
    note: str = "",
) -> Concern:
    """Transfer a denunciation outside competence to the competent body (a unit of the portal,
    where a linked case enters its queue, or a body named in words). The transfer document
    never names the denunciator; the linked case keeps the identity, protected there by the
    same rule (only its resolver sees it)."""
    concern = _begin(concern, "denunciation_transfer", actor=actor, version=version)
    outside_body = _clean_text(outside_body, limit=_limit(Concern, "referred_to"))
    if bool(to_unit) == bool(outside_body):
        raise ValidationError(MSG_DENUNCIATION_TARGET, code="transfer_target")
    note = _clean_text(note)
    new = None
    if to_unit is not None:
        if to_unit.pk == concern.unit_id:
            raise ValidationError(MSG_REFER_SAME_UNIT, code="same_unit")
        if not to_unit.is_active:
            raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
        if concern.accused_role in ACCUSED_HEAD_ROLES and to_unit.pk == about_unit(concern).pk:
            # Never to the unit whose head is denounced: he would resolve it himself.
            raise ValidationError(MSG_TRANSFER_TO_ACCUSED, code="transfer_to_accused")
        new = _linked_case(concern, to_unit, actor=actor)
        target = body_name(to_unit, new.addressed_to)
    else:
        target = outside_body
    doc = _issue(
        concern,
        kind=K.DENUNCIATION_TRANSFER,
        actor=actor,
        title="Về việc chuyển đơn tố cáo",
        paragraphs=[
            f"Kính gửi: {target}.",
            f"{resolver_name(concern)} nhận được đơn tố cáo (mã hồ sơ {concern.tracking_code}) "
            f"đối với {_accused(concern)}, có nội dung: {concern.content.strip()}",
            f"{IDENTITY_MASK}.",
            f"Căn cứ khoản 1 Điều 24 {LAW}, vụ việc không thuộc thẩm quyền giải quyết của "
            f"{body_name(concern.unit, concern.addressed_to)}. Chuyển đơn tố cáo đến {target} "
            "để xem xét, giải quyết theo thẩm quyền; đề nghị giữ bí mật họ tên, địa chỉ, bút "
            "tích và các thông tin cá nhân khác của người tố cáo theo Điều 47 Luật Tố cáo năm "
            "2018.",
        ],
        data={
            "to_unit": to_unit.pk if to_unit else None,
            "to": target,
            "linked": new.pk if new else None,
        },
        recipients=[target],
        symbol="CV",
    )
    concern.referred_to = target[: _limit(Concern, "referred_to")]
    if new is not None:
        public_note = gettext(
            "Transferred to %(body)s, which is competent to resolve it, under the new tracking "
            "code %(code)s (use it with the same phone digits or e-mail)."
        ) % {"body": target, "code": new.tracking_code}
    else:
        public_note = gettext("Transferred to %(body)s, which is competent to resolve it.") % {
            "body": target
        }
    _leave(
        concern,
        ConcernState.REFERRED,
        actor=actor,
        action=TransitionAction.REFERRED,
        extra_fields=("referred_to",),
        note=note,
        public_note=public_note,
    )
    _audit(
        actor,
        "denunciation_transferred",
        concern,
        {"to": concern.referred_to, "in_portal": new is not None, "document": doc.pk},
    )
    return concern


def _linked_case(concern: Concern, to_unit: Unit, *, actor) -> Concern:
    """The case the competent unit resolves: the same denunciation, protected by the same
    rule (its resolvers there must reach the denunciator); its history says the identity is
    kept secret."""
    return _linked_copy(
        concern,
        to_unit,
        actor=actor,
        identity={
            "submitter_name": concern.submitter_name,
            "submitter_phone": concern.submitter_phone,
            "submitter_email": concern.submitter_email,
            "submitter_address": concern.submitter_address,
        },
        note=gettext("Transferred by %(body)s (%(code)s) as outside its competence.")
        % {"body": body_name(concern.unit, concern.addressed_to), "code": concern.tracking_code}
        + f" {IDENTITY_MASK}.",
    )


# --- Suspension and its lifting (Điều 36) ------------------------------------------------------


@_portal_language
@transaction.atomic
def denunciation_suspend(
    *, actor, concern: Concern, version: int | None, reason: str
) -> ConcernDocument:
    """Suspend the resolution by decision (e.g. waiting for another body's result): the
    clock stops (a pause row, so figures leave the time out)."""
    concern = _begin(concern, "denunciation_suspend", actor=actor, version=version)
    reason = _clean_text(reason, required_message=MSG_REASON_REQUIRED, limit=2000)
    now = clock.now()
    doc = _issue(
        concern,
        kind=K.SUSPENSION_DECISION,
        actor=actor,
        title="Về việc tạm đình chỉ việc giải quyết tố cáo",
        paragraphs=[
            f"Căn cứ Điều 36 {LAW}; xét tố cáo đối với {_accused(concern)} (mã hồ sơ "
            f"{concern.tracking_code}), đã thụ lý.",
            f"Điều 1. Tạm đình chỉ việc giải quyết tố cáo kể từ {vietnamese_date(clock.today())}"
            f". Lý do: {reason}",
            "Điều 2. Việc giải quyết tố cáo được tiếp tục khi lý do tạm đình chỉ không còn; thời "
            "gian tạm đình chỉ không tính vào thời hạn giải quyết tố cáo.",
            "Điều 3. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan "
            "chịu trách nhiệm thi hành Quyết định này.",
        ],
        data={"reason": reason},
        recipients=["Như Điều 3", "Người bị tố cáo", "Người tố cáo (thông báo riêng)"],
        symbol="QĐ",
    )
    Pause.objects.create(
        concern=concern,
        reason=gettext("Suspended by decision No. %(number)s: %(reason)s")
        % {"number": doc.outgoing.label, "reason": reason},
        started_by=actor,
        started_at=now,
    )
    concern.paused_since = now
    _save(concern, ["paused_since"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.PAUSED,
        from_state=concern.state,
        note=reason,
        is_public=True,
        public_note=gettext(
            "The resolution is suspended by decision No. %(number)s; the time limit stops until "
            "it resumes."
        )
        % {"number": doc.outgoing.label},
    )
    _audit(actor, "denunciation_suspended", concern, {"document": doc.pk})
    return doc


@_portal_language
@transaction.atomic
def denunciation_resume(
    *, actor, concern: Concern, version: int | None, note: str = ""
) -> ConcernDocument:
    """Lift the suspension by decision: the due date moves on by the suspended time."""
    concern = _begin(concern, "denunciation_resume", actor=actor, version=version)
    note = _clean_text(note)
    pause = Pause.objects.select_for_update().get(concern=concern, ended_at__isnull=True)
    suspension = (
        ConcernDocument.objects.filter(concern=concern, kind=K.SUSPENSION_DECISION)
        .select_related("outgoing__register")
        .last()
    )
    now = clock.now()
    started, ended = clocks.local_date(pause.started_at), clocks.local_date(now)
    old = concern.due_at
    concern.due_at = clocks.shift_for_pause(old, concern.type, started, ended)
    concern.paused_since = None
    fields = ["paused_since", "due_at"]
    if concern.due_at != old:
        concern.due_explanation = (
            f"{concern.due_explanation} "
            + gettext("Moved from %(old)s to %(new)s for the suspension of %(start)s–%(end)s.")
            % {
                "old": _fmt(old),
                "new": _fmt(concern.due_at),
                "start": _fmt(started),
                "end": _fmt(ended),
            }
        ).strip()
        fields.append("due_explanation")
    cited = f" số {suspension.outgoing.label}" if suspension and suspension.outgoing else ""
    doc = _issue(
        concern,
        kind=K.RESUMPTION_DECISION,
        actor=actor,
        title="Về việc hủy bỏ quyết định tạm đình chỉ việc giải quyết tố cáo",
        paragraphs=[
            f"Căn cứ Điều 36 {LAW}; xét lý do tạm đình chỉ việc giải quyết tố cáo (mã hồ sơ "
            f"{concern.tracking_code}) không còn.",
            f"Điều 1. Hủy bỏ Quyết định tạm đình chỉ việc giải quyết tố cáo{cited}; tiếp tục "
            f"giải quyết tố cáo kể từ {vietnamese_date(ended)}.",
            f"Điều 2. Thời hạn giải quyết tố cáo được tính tiếp, đến hết "
            f"{vietnamese_date(concern.due_at)}.",
            note,
            "Điều 3. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan "
            "chịu trách nhiệm thi hành Quyết định này.",
        ],
        data={"old_due": str(old), "new_due": str(concern.due_at)},
        recipients=["Như Điều 3", "Người bị tố cáo", "Người tố cáo (thông báo riêng)"],
        symbol="QĐ",
    )
    pause.ended_at = now
    pause.ended_by = actor
    pause.save(update_fields=["ended_at", "ended_by"])
    _save(concern, fields)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.RESUMED,
        from_state=concern.state,
        note=note,
        is_public=True,
        public_note=gettext(
            "The resolution resumes (decision No. %(number)s); it is due by %(due)s."
        )
        % {"number": doc.outgoing.label, "due": _fmt(concern.due_at)},
    )
    _audit(
        actor,
        "denunciation_resumed",
        concern,
        {"document": doc.pk, "old_due": str(old), "new_due": str(concern.due_at)},
    )
    return doc


# --- Withdrawal (Điều 33) ----------------------------------------------------------------------


@_portal_language
@transaction.atomic
def denunciation_withdrawal(
    *,
    actor,
    concern: Concern,
    version: int | None,
    note: str,
    violation_signs: bool = False,
    violation_note: str = "",
) -> Concern:
    """The denunciator withdrew (``note``: how and when). The resolution ends with a decision
    to end it (đình chỉ), unless the resolver records signs of a violation: then it goes on
    (state unchanged, a history row with the reason)."""
    concern = _begin(concern, "denunciation_withdrawal", actor=actor, version=version)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    if violation_signs:
        violation_note = _clean_text(violation_note, required_message=MSG_VIOLATION_SIGNS_REQUIRED)
        _save(concern, [])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.WITHDRAWN,
            from_state=concern.state,
            note=gettext(
                "Withdrawal recorded (%(how)s); the resolution continues: there are signs of a "
                "violation (%(law)s, Điều 33): %(signs)s"
            )
            % {"how": note, "law": LAW, "signs": violation_note},
            is_public=True,
            public_note=gettext(
                "Your withdrawal is recorded. The resolution continues, as the law requires when "
                "there are signs of a violation."
            ),
        )
        _audit(actor, "denunciation_withdrawal_continued", concern)
        return concern
    doc = None
    if concern.state != ConcernState.RECEIVED:
        doc = _issue(
            concern,
            kind=K.TERMINATION_DECISION,
            actor=actor,
            title="Về việc đình chỉ việc giải quyết tố cáo",
            paragraphs=[
                f"Căn cứ Điều 33 và Điều 36 {LAW}; xét việc người tố cáo rút toàn bộ nội dung "
                f"tố cáo (mã hồ sơ {concern.tracking_code}) và không có dấu hiệu vi phạm pháp "
                "luật.",
                f"Điều 1. Đình chỉ việc giải quyết tố cáo đối với {_accused(concern)} kể từ "
                f"{vietnamese_date(clock.today())}.",
                "Điều 2. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan "
                "chịu trách nhiệm thi hành Quyết định này.",
            ],
            data={"withdrawal": note},
            recipients=["Như Điều 2", "Người bị tố cáo", "Người tố cáo (thông báo riêng)"],
            symbol="QĐ",
        )
    public_note = gettext("Withdrawn at the denunciator's request.")
    if doc is not None:
        public_note = gettext(
            "Withdrawn at the denunciator's request; the resolution is ended by decision "
            "No. %(number)s."
        ) % {"number": doc.outgoing.label}
    _leave(
        concern,
        ConcernState.WITHDRAWN,
        actor=actor,
        action=TransitionAction.WITHDRAWN,
        note=note,
        public_note=public_note,
    )
    _audit(actor, "withdrawn", concern, {"document": doc.pk if doc else None})
    return concern


# --- Conclusion and its public notice (Điều 35, 40) -------------------------------------------


def _check_findings(findings) -> list[dict]:
    cleaned = []
    for item in findings or ():
        point = _clean_text(item.get("point", ""), limit=2000)
        finding = item.get("finding", "")
        if not point and not finding:
            continue
        if not point or finding not in DenunciationFinding.values:
            raise ValidationError(MSG_DENUNCIATION_FINDINGS_REQUIRED, code="findings_required")
        cleaned.append({"point": point, "finding": finding})
    if not cleaned:
        raise ValidationError(MSG_DENUNCIATION_FINDINGS_REQUIRED, code="findings_required")
    return cleaned


def identifies_denunciator(concern: Concern, text: str) -> bool:
    """Whether ``text`` names the denunciator or gives one of their contact details."""
    lowered = " ".join(text.lower().split())
    digits = "".join(c for c in text if c.isdigit())
    for value in (concern.submitter_name, concern.submitter_email, concern.submitter_address):
        value = " ".join((value or "").lower().split())
        if value and value in lowered:
            return True
    phone = "".join(c for c in concern.submitter_phone or "" if c.isdigit())
    return bool(phone) and len(phone) >= 6 and phone in digits


@_portal_language
@transaction.atomic
def denunciation_conclude(
    *,
    actor,
    concern: Concern,
    version: int | None,
    findings,
    measures: str,
    recommendations: str = "",
    public_text: str,
) -> ConcernDocument:
    """Conclude on the content (kết luận nội dung tố cáo): each point found true, partly
    true, false or without basis; the measures; the recommendations. Its public notice (no
    identity of the denunciator) is published on the portal; the figures count the case
    answered."""
    concern = _begin(concern, "denunciation_conclude", actor=actor, version=version)
    findings = _check_findings(findings)
    measures = _clean_text(measures, required_message=MSG_MEASURES_REQUIRED)
    recommendations = _clean_text(recommendations)
    public_text = _clean_text(public_text, required_message=MSG_DENUNCIATION_PUBLIC_TEXT_REQUIRED)
    if identifies_denunciator(concern, public_text):
        raise ValidationError(MSG_DENUNCIATION_PUBLIC_TEXT_IDENTIFIES, code="identifies")
    accepted = clocks.local_date(concern.accepted_at) or _received_on(concern)
    points = [
        f"{index}. {item['point']}: {FINDING_TEXT[DenunciationFinding(item['finding'])]}."
        for index, item in enumerate(findings, start=1)
    ]
    doc = _issue(
        concern,
        kind=K.DENUNCIATION_CONCLUSION,
        actor=actor,
        title=f"Về nội dung tố cáo đối với {_accused(concern)}",
        paragraphs=[
            f"Ngày {accepted.day}/{accepted.month}/{accepted.year}, {resolver_name(concern)} "
            f"thụ lý tố cáo (mã hồ sơ {concern.tracking_code}) đối với {_accused(concern)}. "
            f"Căn cứ Điều 35 {LAW} và kết quả xác minh nội dung tố cáo, kết luận như sau:",
            "I. KẾT LUẬN VỀ TỪNG NỘI DUNG TỐ CÁO",
            "\n".join(points),
            "II. CÁC BIỆN PHÁP XỬ LÝ",
            measures,
            "III. KIẾN NGHỊ" if recommendations else "",
            recommendations,
        ],
        data={
            "findings": findings,
            "measures": measures,
            "recommendations": recommendations,
        },
        recipients=["Người bị tố cáo", "Người tố cáo (thông báo riêng)", "Cơ quan cấp trên"],
        symbol="KL",
        public_text=public_text,
    )
    now = clock.now()
    concern.answer_published_at = now
    _leave(
        concern,
        ConcernState.CLOSED,
        actor=actor,
        action=TransitionAction.CLOSED,
        extra_fields=("answer_published_at",),
        public_note=gettext("Conclusion No. %(number)s on the denunciation: %(text)s")
        % {"number": doc.outgoing.label, "text": public_text},
    )
    _audit(
        actor,
        "denunciation_concluded",
        concern,
        {"document": doc.pk, "findings": [item["finding"] for item in findings]},
    )
    return doc


def public_conclusions():
    """The published conclusions (Điều 40): public notice, issuing unit, date, number; never
    anything of the denunciator."""
    return (
        ConcernDocument.objects.filter(kind=K.DENUNCIATION_CONCLUSION)
        .exclude(public_text="")
        .select_related("unit", "outgoing__register")
        .order_by("-issued_on", "-id")
    )
