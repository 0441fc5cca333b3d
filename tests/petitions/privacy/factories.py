"""Concerns that have ended in each of the five ways, or are still open, through the services."""

from petitions import services
from petitions.models import Concern, ConcernType, DeclineReason
from tests.petitions.staff import factories as staff

submit = staff.submit
answered = staff.answered


def fresh(concern: Concern) -> Concern:
    return Concern.objects.get(pk=concern.pk)


def declined(unit, actor, **extra) -> Concern:
    concern = submit(unit, **extra)
    return services.concern_decline(
        actor=actor,
        concern=concern,
        version=concern.version,
        reason=DeclineReason.UNCLEAR,
        note_to_citizen="Nội dung chưa rõ, mời ông bổ sung.",
    )


def withdrawn(unit, actor, **extra) -> Concern:
    concern = submit(unit, **extra)
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
