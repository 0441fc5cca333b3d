"""Dialogue sessions in a given state, for the opinions page (the sessions app owns the real flow)."""

from datetime import timedelta

from django.utils import timezone

from sessions.models import ANNOUNCED_STATES, CONCLUDED_STATES, HELD_STATES, DialogueSession


def make_session(
    unit, *, state: str = "held", topic: str = "Đối thoại về trật tự đô thị"
) -> DialogueSession:
    start = timezone.now() - timedelta(days=2)
    session = DialogueSession(
        unit=unit,
        topic=topic,
        kind="conference",
        format="in_person",
        place="Hội trường UBND phường",
        planned_start=start,
        planned_end=start + timedelta(hours=2),
        state=state,
    )
    if state in ANNOUNCED_STATES:
        session.announced_at = start - timedelta(days=10)
    if state in HELD_STATES:
        session.actual_start = start
        session.actual_end = start + timedelta(hours=2)
    if state == "cancelled":
        session.cancelled_reason = "Mưa bão"
        session.cancelled_at = start
    if state in CONCLUDED_STATES:
        session.conclusions_issued_at = start + timedelta(days=1)
    session.save()
    return session
