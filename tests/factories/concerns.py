"""Concerns in any state, made through the services (as a citizen and the staff would)."""

import itertools
from datetime import timedelta

from dialogue_portal.lib import clock
from petitions import services
from petitions.models import (
    Category,
    Concern,
    ConcernChannel,
    ConcernState,
    ConcernType,
    DeclineReason,
)

_counter = itertools.count(1)
PHONE = "0903 123 456"
PHONE_LAST4 = "3456"
# The letter to the citizen carries personal data; only the public text is ever published.
ANSWER_LETTER = f"Kính gửi ông Nguyễn Văn A ({PHONE}), UBND phường trả lời như sau: đã sửa đèn."
PUBLIC_ANSWER = "UBND phường đã sửa đèn đường."


def category() -> Category:
    return Category.objects.filter(is_active=True).order_by("ordering").first()


def fresh(concern: Concern) -> Concern:
    return Concern.objects.get(pk=concern.pk)


def submit(
    unit, *, type: str = ConcernType.REPORT, channel: str = ConcernChannel.WEB, **extra
) -> Concern:
    """Sent by a citizen (on the web unless ``channel`` says otherwise)."""
    n = next(_counter)
    fields = {
        "content": f"Đèn đường hẻm {n} không sáng đã hai tuần",
        "submitter_name": "Nguyễn Văn A",
        "submitter_phone": PHONE,
        "submitter_email": f"citizen{n}@example.test",
        "consent": True,
    }
    fields.update(extra)
    return services.concern_submit(
        unit=unit, channel=channel, type=type, category=category(), **fields
    )


def signer(concern: Concern, actor):
    """``actor`` when they may sign for the body the concern is addressed to, else an active
    member of the unit who may (the statutory steps are signed decisions and notices)."""
    from units.models import Membership
    from units.permissions import Capability, has_capability, roles_with

    if has_capability(actor, Capability.SIGN_OFF, concern.unit, institution=concern.addressed_to):
        return actor
    membership = (
        Membership.objects.filter(
            unit=concern.unit,
            is_active=True,
            role__in=roles_with(Capability.SIGN_OFF, concern.addressed_to),
        )
        .select_related("user")
        .order_by("id")
        .first()
    )
    assert membership is not None, "nobody in the unit may sign for this body"
    return membership.user


def accept(concern: Concern, actor) -> Concern:
    """Accepted the way its type is: a complaint by a notice, a denunciation by a decision
    (both signed), anything else by classifying it."""
    if concern.type == ConcernType.COMPLAINT:
        return services.complaint_accept(
            actor=signer(concern, actor), concern=concern, version=concern.version
        )
    if concern.type == ConcernType.DENUNCIATION:
        return services.denunciation_accept(
            actor=signer(concern, actor), concern=concern, version=concern.version
        )
    return services.concern_accept(
        actor=actor,
        concern=concern,
        version=concern.version,
        type=concern.type,
        category=concern.category,
    )


def accepted(unit, actor, **extra) -> Concern:
    return accept(submit(unit, **extra), actor)


def assigned(unit, actor, assignee=None, **extra) -> Concern:
    """Put in the charge of ``assignee`` (``actor`` by default); a denunciation is assigned by
    the head who resolves it (whoever assigns it sees the denunciator)."""
    concern = accepted(unit, actor, **extra)
    by = signer(concern, actor) if concern.type == ConcernType.DENUNCIATION else actor
    return services.concern_assign(
        actor=by, concern=concern, version=concern.version, assignee=assignee or actor
    )


def drafted(unit, actor, assignee=None, **extra) -> Concern:
    concern = assigned(unit, actor, assignee, **extra)
    verdict = "accepted" if concern.type == ConcernType.FEEDBACK else ""
    return services.concern_answer_save(
        actor=assignee or actor,
        concern=concern,
        version=concern.version,
        answer_text=ANSWER_LETTER,
        answer_public_text=PUBLIC_ANSWER,
        verdict=verdict,
    )


def answered(unit, actor, head=None, *, published_days_ago: int = 0, **extra) -> Concern:
    """Published: approved by ``head`` when the type's rule asks for it; ``published_days_ago``
    moves the publication back (the citizen's window to accept or dispute runs from it)."""
    concern = drafted(unit, actor, **extra)
    concern = services.concern_answer_submit(actor=actor, concern=concern, version=concern.version)
    if concern.state != ConcernState.ANSWERED:
        concern = services.concern_answer_approve(
            actor=head, concern=concern, version=concern.version
        )
    if published_days_ago:
        Concern.objects.filter(pk=concern.pk).update(
            answer_published_at=clock.now() - timedelta(days=published_days_ago)
        )
        concern = fresh(concern)
    return concern


def with_commitment(concern, actor, *, days: int = 10, what: str = "Sửa đèn hẻm 12"):
    return services.commitment_add(
        actor=actor,
        concern=concern,
        version=fresh(concern).version,
        what=what,
        who="Tổ quản lý đô thị",
        due=clock.today() + timedelta(days=days),
    )


# --- ended in each of the five ways ---------------------------------------------------------


def declined(unit, actor, **extra) -> Concern:
    """Not accepted: a complaint by the signed notice of Luật Khiếu nại năm 2011 Điều 11's
    ground, anything else on the ordinary grounds."""
    concern = submit(unit, **extra)
    if concern.type == ConcernType.COMPLAINT:
        return services.complaint_refuse(
            actor=signer(concern, actor),
            concern=concern,
            version=concern.version,
            ground="no_signature",
            note_to_citizen="Đơn khiếu nại chưa có chữ ký của ông, mời ông ký và gửi lại.",
        )
    return services.concern_decline(
        actor=actor,
        concern=concern,
        version=concern.version,
        reason=DeclineReason.UNCLEAR,
        note_to_citizen="Nội dung chưa rõ, mời ông bổ sung.",
    )


def withdrawn(unit, actor, **extra) -> Concern:
    """Withdrawn by the submitter; a denunciation's withdrawal ends it by decision (Luật Tố
    cáo năm 2018), which ``actor`` must then be able to sign."""
    concern = submit(unit, **extra)
    if concern.type == ConcernType.DENUNCIATION:
        return services.denunciation_withdrawal(
            actor=signer(concern, actor),
            concern=concern,
            version=concern.version,
            note="Gọi điện ngày 12/03.",
        )
    return services.concern_withdraw(
        actor=actor, concern=concern, version=concern.version, note="Gọi điện ngày 12/03."
    )


def referred_outside(unit, actor, **extra) -> Concern:
    concern = submit(unit, **extra)
    return services.concern_refer(
        actor=actor,
        concern=concern,
        version=concern.version,
        outside_body="Sở Xây dựng",
        note_to_citizen="Việc này thuộc thẩm quyền của Sở Xây dựng.",
    )


def closed(unit, actor, head, **extra) -> Concern:
    """Answered, then accepted by the citizen: closed."""
    concern = answered(unit, actor, head, **extra)
    return services.concern_citizen_accept(concern=fresh(concern))


def complaint_declined(unit, actor, **extra) -> Concern:
    extra.setdefault("submitter_address", "12 Lê Lợi, Phường Bến Thành")
    return declined(unit, actor, type=ConcernType.COMPLAINT, **extra)
