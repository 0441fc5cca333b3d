"""A minimal dialogue session for tests (the sessions app owns the real factories)."""

from datetime import timedelta

from django.utils import timezone

from sessions.models import DialogueSession


def make_session(
    unit, actor, *, topic: str = "Đối thoại về trật tự đô thị", **extra
) -> DialogueSession:
    start = timezone.now() - timedelta(days=2)
    fields = {
        "unit": unit,
        "topic": topic,
        "kind": "conference",
        "format": "in_person",
        "place": "Hội trường UBND",
        "planned_start": start,
        "planned_end": start + timedelta(hours=2),
        "state": "held",
        "actual_start": start,
        "announced_at": start - timedelta(days=10),
        "actual_end": start + timedelta(hours=2),
        "created_by": actor,
    }
    fields.update(extra)
    session = DialogueSession(**fields)
    session.save()
    return session
