"""Dialogue sessions in any state, written straight to the database (no services).

Use the services in tests about transitions; use these to set the scene.
"""

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from dialogue_portal.lib import clock
from documents.numbering import take_number
from sessions.models import ChairRole, DialogueSession, SessionState
from units.models import Rank

_counter = itertools.count(1)


def days(n: float) -> datetime:
    """Now (the portal's clock) plus ``n`` days (negative: in the past), at a fixed minute."""
    return (clock.now() + timedelta(days=n)).replace(second=0, microsecond=0)


def plan_fields(**overrides) -> dict:
    """A valid plan, as the services and forms take it."""
    start = overrides.pop("planned_start", days(30))
    fields = {
        "kind": DialogueSession.Kind.CONFERENCE,
        "format": DialogueSession.Format.IN_PERSON,
        "online_link": "",
        "topic": f"Hội nghị đối thoại số {next(_counter)}",
        "description": "",
        "place": "Hội trường UBND phường",
        "planned_start": start,
        "planned_end": start + timedelta(hours=2),
        "target_audience": "",
        "expected_attendance": None,
        "how_to_take_part": "",
        "hosts": DialogueSession.Hosts.BOTH,
        "party_secretary_name": "Nguyễn Văn Hải",
        "chair_name": "Trần Minh Tuấn",
        "delegate_name": "",
        "delegate_position": "",
        "co_organisers": ["mttq"],
        "other_co_organisers": "",
    }
    fields.update(overrides)
    return fields


def make_session(unit, state: str = SessionState.DRAFT, **overrides) -> DialogueSession:
    """A session in ``state`` with every field that state implies."""
    held_states = (SessionState.HELD, SessionState.CONCLUDED, SessionState.CLOSED)
    default_start = days(-5) if state in held_states else days(30)
    fields = plan_fields(planned_start=overrides.pop("planned_start", default_start))
    fields.update(overrides)
    session = DialogueSession(unit=unit, state=state, **fields)
    now = clock.now()
    if state != SessionState.DRAFT and state != SessionState.CANCELLED:
        session.approved_at = now - timedelta(days=40)
    if state in (SessionState.ANNOUNCED, SessionState.POSTPONED, *held_states):
        session.announced_at = overrides.get(
            "announced_at", session.planned_start - timedelta(days=14)
        )
        session.notice_working_days = 10
    if state == SessionState.POSTPONED:
        session.postponed_reason = "Trùng lịch"
    if state == SessionState.CANCELLED:
        session.cancelled_reason = overrides.get("cancelled_reason", "Không còn cần thiết")
    if state in held_states:
        session.actual_start = session.planned_start
        session.actual_end = session.planned_end
        session.chaired_by_role = overrides.get("chaired_by_role", ChairRole.PEOPLE_COMMITTEE_CHAIR)
        session.chaired_by_name = overrides.get("chaired_by_name", "Trần Minh Tuấn")
        session.chaired_by_position = overrides.get(
            "chaired_by_position", f"Chủ tịch Ủy ban nhân dân {unit.name_in_text}"
        )
        session.attendance_count = 50
        session.conclusions_due = overrides.get(
            "conclusions_due", timezone.localtime(session.planned_start).date() + timedelta(days=14)
        )
    if state in (SessionState.CONCLUDED, SessionState.CLOSED):
        session.conclusions_date = clock.today()
        session.conclusions_signer_name = session.chaired_by_name
        session.conclusions_signer_position = session.chaired_by_position
        session.conclusions_signer_rank = Rank.HEAD
        session.conclusions_text = "Kết luận của hội nghị."
        session.conclusions_issued_at = now
        session.conclusions_document = take_number(
            unit=unit,
            institution=session.issuer_institution,
            symbol="TB",
            issued_on=session.conclusions_date,
            title=f"Thông báo kết luận: {session.topic}",
            actor=None,
            reference="test",
        )
        session.conclusions_number = session.conclusions_document.label
    if state == SessionState.CLOSED:
        session.closed_at = now
    session.save()
    return session
