"""The lifecycle tables themselves: well-formed, and asked the same way everywhere."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from dialogue_portal.lib.transitions import Action, ActionForbidden, Machine, is_wrong_state
from petitions.transitions import TRANSITIONS as CONCERNS
from sessions.models import SessionState
from sessions.transitions import FORWARD
from sessions.transitions import TRANSITIONS as SESSIONS


class Light(models.TextChoices):
    OFF = "off", "Off"
    ON = "on", "On"
    BROKEN = "broken", "Broken"


def _machine(**holders):
    return Machine(
        [
            Action(
                name="switch_on",
                sources=frozenset({Light.OFF}),
                target=Light.ON,
                capability="press",
                refusal="Not while it is “%(state)s”.",
                refusals={Light.BROKEN: "Repair it first."},
                guards=(lambda obj, actor: "No power." if obj.no_power else None,),
                forbidden="Only the caretaker may switch it on.",
            ),
        ],
        states=Light,
        has_capability=lambda actor, capability, unit: capability in holders.get(actor, ()),
    )


def _lamp(state=Light.OFF, no_power=False):
    return SimpleNamespace(state=state, unit=None, no_power=no_power)


def test_a_missing_capability_is_a_403_with_its_message():
    machine = _machine(caretaker={"press"})
    with pytest.raises(ActionForbidden) as error:
        machine.require(_lamp(), "switch_on", "visitor")
    assert isinstance(error.value, PermissionDenied)
    assert error.value.messages == ["Only the caretaker may switch it on."]


def test_a_wrong_state_or_a_failed_guard_is_a_wrong_state_refusal_with_its_reason():
    machine = _machine(caretaker={"press"})
    with pytest.raises(ValidationError) as error:
        machine.require(_lamp(Light.ON), "switch_on", "caretaker")
    assert is_wrong_state(error.value) and error.value.messages == ["Not while it is “On”."]
    with pytest.raises(ValidationError) as error:
        machine.require(_lamp(Light.BROKEN), "switch_on", "caretaker")
    assert error.value.messages == ["Repair it first."]
    with pytest.raises(ValidationError) as error:
        machine.require(_lamp(no_power=True), "switch_on", "caretaker")
    assert error.value.messages == ["No power."]


def test_the_capability_is_checked_before_the_state():
    with pytest.raises(ActionForbidden):
        _machine().require(_lamp(Light.BROKEN), "switch_on", "visitor")


def test_available_lists_only_what_the_actor_may_do_now():
    machine = _machine(caretaker={"press"})
    assert list(machine.available("caretaker", _lamp())) == ["switch_on"]
    assert machine.available("caretaker", _lamp(Light.ON)) == {}
    assert machine.available("visitor", _lamp()) == {}


def test_a_table_naming_an_unknown_state_or_an_action_twice_is_refused():
    row = Action(name="x", sources=frozenset({"melted"}), target=None, capability="press")
    with pytest.raises(ValueError, match="unknown states"):
        Machine([row], states=Light, has_capability=lambda *a: True)
    row = Action(name="x", sources=frozenset({Light.OFF}), target=None, capability="press")
    with pytest.raises(ValueError, match="twice"):
        Machine([row, row], states=Light, has_capability=lambda *a: True)


@pytest.mark.parametrize("machine", [SESSIONS, CONCERNS], ids=["sessions", "concerns"])
def test_every_staff_action_has_its_url_label_and_success_message(machine):
    for action in machine:
        if action.capability is None:
            continue  # the citizen's verdict, on the public pages
        assert action.url_name and action.label, action.name
        if action.name != "add_attachments":  # says how many files were added
            assert action.success, action.name


def test_every_forward_action_of_a_session_starts_from_its_state():
    for state, names in FORWARD.items():
        for name in names:
            assert state in SESSIONS[name].sources, (state, name)
    assert set(FORWARD) == set(SessionState.values) - {
        SessionState.CANCELLED,
        SessionState.CLOSED,
    }
