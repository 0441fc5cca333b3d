"""Small registries through which higher apps (petitions) extend sessions without imports.

Sessions never imports petitions. Petitions registers, in its ``AppConfig.ready()``:

- close guards: functions returning the reasons that block closing a session
  (every opinion raised answered, every follow-up done); an empty list means "fine";
- commitments providers: functions returning the follow-up commitments made at a session
  ("who does what by when"), which the conclusions notice lists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import DialogueSession


@dataclass(frozen=True)
class Commitment:
    """One follow-up commitment made at a session."""

    what: str
    who: str
    due: date | None
    state_label: str
    is_done: bool
    url: str | None = None


CloseGuard = Callable[["DialogueSession"], list[str]]
CommitmentsProvider = Callable[["DialogueSession"], list[Commitment]]

_close_guards: list[CloseGuard] = []
_commitments_providers: list[CommitmentsProvider] = []


def register_close_guard(fn: CloseGuard) -> None:
    """Add a function returning the reasons (translated text) that block closing a session."""
    if fn not in _close_guards:
        _close_guards.append(fn)


def register_commitments_provider(fn: CommitmentsProvider) -> None:
    """Add a function returning the commitments made at a session."""
    if fn not in _commitments_providers:
        _commitments_providers.append(fn)


def close_blockers(session: "DialogueSession") -> list[str]:
    """Every reason, from every registered guard, why ``session`` cannot be closed yet."""
    reasons: list[str] = []
    for guard in _close_guards:
        reasons.extend(str(reason) for reason in guard(session))
    return reasons


def commitments_for(session: "DialogueSession") -> list[Commitment]:
    """Every commitment made at ``session``, ordered by due date (undated last)."""
    found: list[Commitment] = []
    for provider in _commitments_providers:
        found.extend(provider(session))
    return sorted(found, key=lambda c: (c.due is None, c.due or date.min, c.who, c.what))
