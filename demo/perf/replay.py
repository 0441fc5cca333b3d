"""Every simulated move goes through the lifecycle tables, as the portal's own would.

The perf seed writes rows in bulk instead of calling the services, but it does not
decide on its own which moves exist: each change of a session's or a concern's state is
one :func:`move` on the app's ``TRANSITIONS`` table (``sessions.transitions``,
``petitions.transitions``). ``move`` checks that the table lets the action start from
the row's current state, sets the row's state to where the action leads, and returns the
:class:`Move` whose ``from_state``/``to_state`` the history row records. A seeded
history therefore never holds a move the portal itself would refuse; a change to a table
that would make the seed's story impossible stops the seed with :class:`RefusedMove`.

Where an action's target is ``None`` the state stays; where it depends on the object, the
services document the outcomes (:data:`OUTCOMES`) and the seed names the one it plays.
Only the table's states are checked here: guards (pauses, answer status, commitments) look
at model instances, and the replay keeps those fields right itself.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import NamedTuple

from dialogue_portal.lib.transitions import Machine
from petitions.models import ConcernState
from petitions.transitions import TRANSITIONS as CONCERNS
from sessions.models import SessionState
from sessions.transitions import TRANSITIONS as SESSIONS

__all__ = ["CONCERNS", "CREATE", "SESSIONS", "Move", "RefusedMove", "begin", "move"]

# The first history row of every object: created, in its lifecycle's first state.
CREATE = "create"
START: dict[Machine, str] = {SESSIONS: SessionState.DRAFT, CONCERNS: ConcernState.RECEIVED}

# Actions whose result depends on the object: every state the service may leave it in.
OUTCOMES: dict[Machine, dict[str, frozenset[str]]] = {
    SESSIONS: {},
    CONCERNS: {
        # concern_answer_submit: waits for the head's approval (stays assigned) or, when
        # the type's rule needs none, is published at once.
        "answer_submit": frozenset({ConcernState.ASSIGNED, ConcernState.ANSWERED}),
        # concern_close and the citizen's acceptance (services._finish): follow-up while a
        # commitment is open, else closed.
        "close": frozenset({ConcernState.FOLLOWING_UP, ConcernState.CLOSED}),
        "citizen_accept": frozenset({ConcernState.FOLLOWING_UP, ConcernState.CLOSED}),
    },
}


class RefusedMove(Exception):
    """The table does not allow this move: the seed's story went where the portal cannot."""


class Move(NamedTuple):
    """One change the table allowed: the action's name and the states a history row records."""

    action: str
    from_state: str
    to_state: str

    @property
    def unchanged(self) -> Move:
        """A row the service writes before the state moves (e.g. "answer approved")."""
        return Move(self.action, self.from_state, self.from_state)


def begin(row: MutableMapping, machine: Machine) -> Move:
    """A new object: in its lifecycle's first state, with nothing before it."""
    row["state"] = START[machine]
    return Move(CREATE, "", row["state"])


def move(row: MutableMapping, machine: Machine, name: str, to: str | None = None) -> Move:
    """Take action ``name`` on ``row`` (a dict with a ``"state"``) as the table allows.

    ``to`` names the outcome where the action has several (see :data:`OUTCOMES`); else
    the action's target, or the same state for an action that keeps it.
    """
    state = row["state"]
    action = machine.actions[name]
    if state not in action.sources:
        raise RefusedMove(f"{name} cannot start from '{state}'")
    documented = OUTCOMES[machine].get(name)
    if documented is None:  # the table's target, or the same state
        leads_to = state if action.target is None else action.target
        if to is not None and to != leads_to:
            raise RefusedMove(f"{name} cannot lead from '{state}' to '{to}'")
        to = leads_to
    elif to is None:
        raise RefusedMove(f"{name} from '{state}': say which of {sorted(documented)}")
    elif to not in documented:
        raise RefusedMove(f"{name} cannot lead from '{state}' to '{to}'")
    row["state"] = to
    return Move(name, state, to)
