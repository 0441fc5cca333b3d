"""State machines as data: one table of actions per lifecycle, one answer to "may I?".

An app declares its lifecycle as a :class:`Machine` of :class:`Action` rows (see
``sessions/transitions.py`` and ``petitions/transitions.py``): for every action, the
states it may start from, the state it leads to, the capability it needs, an optional
guard on the object, its form, its button label and its success message. Everything
that asks "which actions may this user take on this object now" reads that table:

- services call :meth:`Machine.require` first thing after locking the row;
- views build their action endpoints, detail-page buttons and forms from it;
- the permission matrix in the tests is generated from it.

The same failure gets the same answer everywhere: a missing capability raises
:class:`ActionForbidden` (a ``PermissionDenied``, so a 403 from any view), a wrong
state or a failed guard a ``ValidationError`` with code ``"wrong_state"`` (views answer
409 with the message).

This module imports no app: capabilities are opaque values checked by the function the
app hands to its machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.module_loading import import_string

WRONG_STATE = "wrong_state"


class ActionForbidden(PermissionDenied):
    """The actor lacks the capability the action needs (a 403 wherever it surfaces)."""

    def __init__(self, message: Any = "") -> None:
        super().__init__(str(message))
        self.message = message

    @property
    def messages(self) -> list[str]:
        return [str(self.message)] if self.message else []


# A guard looks at the object (and the actor) and returns a refusal message, or None.
Guard = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Action:
    """One row of a lifecycle table."""

    name: str
    sources: frozenset[str]
    target: str | None
    capability: Any | tuple[Any, ...]
    label: Any = ""
    success: Any = ""
    refusal: Any = ""
    # A more precise refusal for some states (e.g. "already cancelled").
    refusals: dict = field(default_factory=dict)
    form: str = ""
    guards: tuple[Guard, ...] = ()
    # "post": a button or an inline form on the detail page; "page": its own form page.
    kind: str = "post"
    url_name: str = ""
    takes_version: bool = True
    # What a user without the capability is told (403).
    forbidden: Any = ""

    @property
    def capabilities(self) -> tuple[Any, ...]:
        if isinstance(self.capability, tuple):
            return self.capability
        return (self.capability,)

    def form_class(self):
        return import_string(self.form) if self.form else None


class Machine:
    """The lifecycle table of one kind of object, and the questions asked of it."""

    def __init__(
        self,
        actions: Iterable[Action],
        *,
        states,
        has_capability: Callable[..., bool],
        unit_of: Callable[[Any], Any] = lambda obj: obj.unit,
        state_of: Callable[[Any], str] = lambda obj: obj.state,
        institutions_of: Callable[[Any, str], Iterable[Any] | None] | None = None,
    ) -> None:
        self.actions: dict[str, Action] = {}
        for action in actions:
            if action.name in self.actions:
                raise ValueError(f"action {action.name!r} declared twice")
            unknown = set(action.sources) - set(states.values)
            if action.target is not None:
                unknown |= {action.target} - set(states.values)
            if unknown:
                raise ValueError(f"action {action.name!r} names unknown states {unknown}")
            self.actions[action.name] = action
        self.states = states
        self._has_capability = has_capability
        self._unit_of = unit_of
        self._state_of = state_of
        # Whose work the action is (the Party committee's, the UBND's): the capability
        # must be held for one of these. None or empty: for any.
        self._institutions_of = institutions_of

    def __getitem__(self, name: str) -> Action:
        return self.actions[name]

    def __iter__(self):
        return iter(self.actions.values())

    # --- the questions ------------------------------------------------------------------

    def permits(self, actor, obj, name: str) -> bool:
        """Whether ``actor`` holds a capability the action needs in the object's unit."""
        if self[name].capability is None:
            return True  # a citizen's action: the tracking code is the key
        unit = self._unit_of(obj)
        capabilities = self[name].capabilities
        institutions = self._institutions_of(obj, name) if self._institutions_of else None
        if not institutions:
            return any(self._has_capability(actor, c, unit) for c in capabilities)
        return any(
            self._has_capability(actor, c, unit, institution=institution)
            for c in capabilities
            for institution in institutions
        )

    def refusal(self, obj, name: str, actor=None) -> ValidationError | None:
        """Why the object's state (or a guard) does not allow the action now, or None."""
        action = self[name]
        state = self._state_of(obj)
        params = {"state": self.states(state).label}
        if state not in action.sources:
            message = action.refusals.get(state) or action.refusal or _default_refusal()
            return ValidationError(message, code=WRONG_STATE, params=params)
        for guard in action.guards:
            message = guard(obj, actor)
            if message:
                return ValidationError(message, code=WRONG_STATE, params=params)
        return None

    def allows(self, actor, obj, name: str) -> bool:
        return self.permits(actor, obj, name) and self.refusal(obj, name, actor) is None

    def available(self, actor, obj) -> dict[str, Action]:
        """The actions ``actor`` may take on ``obj`` now, by name, in table order."""
        return {a.name: a for a in self if self.allows(actor, obj, a.name)}

    def require_permission(self, actor, obj, name: str) -> Action:
        """Refuse with 403 unless ``actor`` holds the action's capability (state aside)."""
        if not self.permits(actor, obj, name):
            raise ActionForbidden(self[name].forbidden)
        return self[name]

    def require(self, obj, name: str, actor) -> Action:
        """Refuse (403, then wrong state) unless ``actor`` may take the action now."""
        self.require_permission(actor, obj, name)
        refusal = self.refusal(obj, name, actor)
        if refusal is not None:
            raise refusal
        return self[name]

    def leading_to(self, state: str) -> list[Action]:
        return [a for a in self if a.target == state]


def _default_refusal():
    from django.utils.translation import gettext_lazy as _

    return _("This is not possible while it is “%(state)s”.")


def is_wrong_state(exc: ValidationError) -> bool:
    """Whether a ``ValidationError`` is a refusal for the state (answered with 409)."""
    return getattr(exc, "code", None) == WRONG_STATE or any(
        getattr(e, "code", None) == WRONG_STATE for e in getattr(exc, "error_list", [])
    )


def is_conflict(exc: ValidationError) -> bool:
    """Whether a refusal is a 409: the state does not allow it, or the form is stale
    (someone else changed the object since the user saw it)."""
    return is_wrong_state(exc) or getattr(exc, "code", None) == "stale"
