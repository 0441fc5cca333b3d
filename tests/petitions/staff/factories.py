"""Concerns in any state, made through the services (as a user would reach them)."""

import itertools
from datetime import timedelta

from petitions import services
from petitions.models import Category, Concern, ConcernChannel, ConcernState, ConcernType

_counter = itertools.count(1)


def category() -> Category:
    return Category.objects.order_by("ordering").first()


def submit(
    unit, *, type: str = ConcernType.REPORT, channel: str = ConcernChannel.WEB, **extra
) -> Concern:
    n = next(_counter)
    fields = {
        "content": f"Đèn đường hẻm {n} không sáng",
        "submitter_name": "Nguyễn Văn A",
        "submitter_phone": "0903 123 456",
        "submitter_email": f"citizen{n}@example.test",
        "consent": True,
    }
    fields.update(extra)
    return services.concern_submit(
        unit=unit, channel=channel, type=type, category=category(), **fields
    )


def accepted(unit, actor, **extra) -> Concern:
    concern = submit(unit, **extra)
    return services.concern_accept(
        actor=actor,
        concern=concern,
        version=concern.version,
        type=concern.type,
        category=concern.category,
    )


def assigned(unit, actor, assignee=None, **extra) -> Concern:
    concern = accepted(unit, actor, **extra)
    return services.concern_assign(
        actor=actor, concern=concern, version=concern.version, assignee=assignee or actor
    )


def drafted(unit, actor, assignee=None, **extra) -> Concern:
    concern = assigned(unit, actor, assignee, **extra)
    verdict = "accepted" if concern.type == ConcernType.FEEDBACK else ""
    return services.concern_answer_save(
        actor=assignee or actor,
        concern=concern,
        version=concern.version,
        answer_text="Kính gửi ông Nguyễn Văn A, UBND phường trả lời như sau: đã sửa đèn.",
        answer_public_text="UBND phường đã sửa đèn đường.",
        verdict=verdict,
    )


def answered(unit, actor, head=None, **extra) -> Concern:
    """Published: approved by ``head`` when the type's rule asks for it."""
    concern = drafted(unit, actor, **extra)
    concern = services.concern_answer_submit(actor=actor, concern=concern, version=concern.version)
    if concern.state != ConcernState.ANSWERED:
        concern = services.concern_answer_approve(
            actor=head, concern=concern, version=concern.version
        )
    return concern


def with_commitment(concern, actor, *, days: int = 10, what: str = "Sửa đèn hẻm 12"):
    from django.utils import timezone

    return services.commitment_add(
        actor=actor,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        what=what,
        who="Tổ quản lý đô thị",
        due=timezone.localdate() + timedelta(days=days),
    )
