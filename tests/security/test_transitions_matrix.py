"""The permission matrix of every lifecycle action, generated from the transitions tables.

For each row of ``sessions.transitions`` and ``petitions.transitions`` that has a URL:

- on an object in a state the action allows, each persona gets what its role gives it
  (``scenes.expected_status``): the sign-in page when anonymous, 404 for an object it
  cannot see, 403 without the action's capability for the work of the object's
  institution, the form or the action itself with it. Each action is tried on a session
  of the UBND, of the Party committee and of both, and on a concern addressed to the UBND
  and to the Party committee (``scenes.SESSION_VARIANTS``, ``scenes.CONCERN_VARIANTS``):
  the Bí thư never approves the UBND's answer, the Chủ tịch never the Party's;
- on an object in every state the action does not allow, a persona who holds the
  capability gets 409 with the table's reason, and nothing changes.

A new action in a table is covered here without an edit; one this file cannot build an
object for fails by name.
"""

import pytest
from django.test import Client
from django.utils.html import escape

from petitions.models import Concern
from sessions.models import DialogueSession
from tests.security.scenes import (
    PERSONAS,
    expected_status,
    holds,
    scene_url,
    staff_actions,
    url_in_state,
    variants,
)
from tests.security.world import persona_users

pytestmark = pytest.mark.django_db

ACTIONS = [
    pytest.param(app, action, variant, id=f"{app}:{action.name}@{variant}")
    for app, action in staff_actions()
    for variant in variants(app)
]


def _states(app: str):
    return DialogueSession.State if app == "sessions" else Concern.State


# The actions some state refuses (note_add and commitment_done are possible in every state).
REFUSING = [
    pytest.param(app, action, id=f"{app}:{action.name}")
    for app, action in staff_actions()
    if set(_states(app).values) - set(action.sources)
]


@pytest.fixture
def users(request, ward_a, ward_b):
    return persona_users(request)


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _version(obj) -> int:
    return type(obj).objects.get(pk=obj.pk).version


@pytest.mark.parametrize(("app", "action", "variant"), ACTIONS)
def test_each_persona_gets_what_its_role_allows(app, action, variant, ward_a, users):
    observed, expected = {}, {}
    # Nothing changes on a GET: one object serves every persona.
    url, obj = scene_url(app, action, ward_a, users, variant)
    # One signed-in client per persona for both methods (a sign-in is a session write).
    clients = {persona: _client(users[persona]) for persona in PERSONAS}
    for method in ("GET", "POST"):
        for persona in PERSONAS:
            client = clients[persona]
            if method == "GET":
                response = client.get(url)
            else:
                # A fresh object each time: one persona's action must not change the next one's.
                url, obj = scene_url(app, action, ward_a, users, variant)
                if app == "sessions":
                    response = client.post(url, {"version": _version(obj)})
                else:
                    response = client.post(url)  # an empty form
            observed[(method, persona)] = response.status_code
            expected[(method, persona)] = expected_status(app, action, persona, method, variant)
            if persona == "anonymous":
                assert response["Location"].startswith("/staff/login/")
    assert observed == expected, f"{app}:{action.name} on {variant}"


def _holder(action) -> str:
    """A persona who holds the action's capability in ward A."""
    return next(p for p in ("officer_a", "head_a", "reviewer") if holds(p, action))


@pytest.mark.parametrize(("app", "action"), REFUSING)
def test_a_state_the_table_does_not_allow_is_refused_with_409_and_its_reason(
    app, action, ward_a, officer_a, head_a, users
):
    states = _states(app)
    client = _client(users[_holder(action)])
    for state in sorted(set(states.values) - set(action.sources)):
        url, obj = url_in_state(app, action, state, ward_a, officer_a, head_a)
        before = (obj.state, obj.version)
        response = client.post(url, {"version": obj.version})
        assert response.status_code == 409, f"{action.name} in {state}"
        reason = str(action.refusals.get(state) or action.refusal) % {"state": states(state).label}
        assert escape(reason) in response.content.decode(), f"{action.name} in {state}"
        fresh = type(obj).objects.get(pk=obj.pk)
        assert (fresh.state, fresh.version) == before
