"""The perf seed's histories hold only moves the portal's lifecycle tables allow.

The seeded histories are checked in test_seed_perf.py (``TestOneSeededCity``), on the city
seeded there once for its class; here, the replay's own rules.
"""

from itertools import groupby

import pytest

from demo.perf.replay import RefusedMove, begin, move
from petitions.models import ConcernState, ConcernTransition
from petitions.transitions import TRANSITIONS as CONCERNS
from sessions.models import SessionState, SessionTransition
from sessions.transitions import TRANSITIONS as SESSIONS

C = ConcernState
# What the services document where the table's target depends on the concern.
CONCERN_OUTCOMES = {
    "answer_submit": {C.ASSIGNED, C.ANSWERED},  # waits for the head, or published
    "close": {C.FOLLOWING_UP, C.CLOSED},  # follow-up while a commitment is open
    "citizen_accept": {C.FOLLOWING_UP, C.CLOSED},
}


def allowed(machine, outcomes: dict) -> set[tuple[str, str]]:
    """(from, to) such that from is a source of some action leading to to."""
    pairs = set()
    for action in machine:
        for source in action.sources:
            if action.name in outcomes:
                leads_to = outcomes[action.name]
            else:
                leads_to = {source if action.target is None else action.target}
            pairs.update((source, to) for to in leads_to)
    return pairs


def refused_moves(rows, allowed_pairs: set, start: str) -> list[tuple]:
    """Every history row, per object in order, that is not a move the table allows."""
    refused = []
    for _object, history in groupby(rows, key=lambda r: r[0]):
        previous = None
        for _obj, from_state, to_state, action in history:
            if previous is None:
                ok = (from_state, to_state) == ("", start)
            else:
                ok = from_state == previous and (from_state, to_state) in allowed_pairs
            if not ok:
                refused.append((action, previous, from_state, to_state))
            previous = to_state
    return refused


def every_seeded_history_row_is_a_move_the_tables_allow():
    """Checked on the small city test_seed_perf.py seeds once for its class of tests."""
    concern_rows = ConcernTransition.objects.order_by("concern_id", "created_at", "id")
    concerns = list(concern_rows.values_list("concern_id", "from_state", "to_state", "action"))
    session_rows = SessionTransition.objects.order_by("session_id", "created_at", "id")
    sessions = list(session_rows.values_list("session_id", "from_state", "to_state", "id"))

    assert len(concerns) > 10_000 and len(sessions) > 5_000
    assert refused_moves(concerns, allowed(CONCERNS, CONCERN_OUTCOMES), C.RECEIVED) == []
    assert refused_moves(sessions, allowed(SESSIONS, {}), SessionState.DRAFT) == []
    # Opinions answered on the spot are assigned to the one who answers before it is
    # published (the table answers from "assigned" only).
    assert not ConcernTransition.objects.filter(from_state=C.ACCEPTED, to_state=C.ANSWERED).exists()
    assert ConcernTransition.objects.filter(
        concern__answered_at_session=True, action="assigned"
    ).exists()


def test_a_move_sets_the_state_the_table_leads_to():
    row: dict = {}
    assert tuple(begin(row, SESSIONS)) == ("create", "", SessionState.DRAFT)
    assert tuple(move(row, SESSIONS, "submit")) == ("submit", "draft", "draft")
    assert tuple(move(row, SESSIONS, "approve")) == ("approve", "draft", "planned")
    assert row["state"] == SessionState.PLANNED


def test_a_move_the_table_refuses_stops_the_seed():
    row = {"state": SessionState.HELD}
    with pytest.raises(RefusedMove, match="cancel cannot start from 'held'"):
        move(row, SESSIONS, "cancel")
    assert row["state"] == SessionState.HELD


def test_an_action_with_several_outcomes_takes_only_a_documented_one():
    row = {"state": C.ANSWERED}
    with pytest.raises(RefusedMove, match="say which"):
        move(row, CONCERNS, "close")
    with pytest.raises(RefusedMove, match="cannot lead"):
        move(row, CONCERNS, "close", C.ASSIGNED)
    step = move(row, CONCERNS, "close", C.FOLLOWING_UP)
    assert (step.from_state, step.to_state, row["state"]) == (
        C.ANSWERED,
        C.FOLLOWING_UP,
        C.FOLLOWING_UP,
    )
    # An action that keeps the state, and one the table does not start from "received".
    assert move({"state": C.ASSIGNED}, CONCERNS, "pause_start").to_state == C.ASSIGNED
    with pytest.raises(RefusedMove):
        move({"state": C.RECEIVED}, CONCERNS, "answer_approve")
