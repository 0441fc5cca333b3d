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

The wards and the personas are made once for the module (``tests/shared_rows.py``). Each
persona's POST is undone after its answer (a savepoint rolled back, the cache emptied), so
the next persona meets the object exactly as it was built, as on an object of its own.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils.html import escape

from petitions.models import Concern
from sessions.models import DialogueSession
from tests.conftest import persona as row_of
from tests.security.scenes import (
    PERSONAS,
    action_url,
    expected_status,
    holds,
    object_in_state,
    scene_url,
    staff_actions,
    variants,
)
from tests.security.world import SignIns, make_cast
from tests.shared_rows import rows_kept_for_the_scope

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


@pytest.fixture(scope="module")
def cast(django_db_setup, django_db_blocker):
    """Ward A, every persona's user and their sign-ins, made once for the module."""
    with rows_kept_for_the_scope(django_db_blocker):
        users = make_cast()
        yield SimpleNamespace(ward=row_of("ward_a"), users=users, sign_ins=SignIns(users))


@pytest.fixture
def ward_a(cast):
    return cast.ward


@pytest.fixture
def users(cast):
    return cast.users


@pytest.fixture
def sign_ins(cast) -> SignIns:
    """Clients signed in as the personas, each with a session of its own."""
    return cast.sign_ins


def _post_undone(client: Client, url: str, data: dict | None = None):
    """The answer to a POST, whose changes are then undone: the rows it wrote are rolled back
    and the cache it filled is emptied."""
    with transaction.atomic():
        response = client.post(url, data or {})
        transaction.set_rollback(True)
    cache.clear()
    return response


def _version(obj) -> int:
    return type(obj).objects.get(pk=obj.pk).version


@pytest.mark.parametrize(("app", "action", "variant"), ACTIONS)
def test_each_persona_gets_what_its_role_allows(app, action, variant, ward_a, users, sign_ins):
    observed, expected = {}, {}
    # One object serves every persona: nothing changes on a GET, and each POST is undone.
    url, obj = scene_url(app, action, ward_a, users, variant)
    # One signed-in client per persona for both methods.
    clients = {persona: sign_ins.client(persona) for persona in PERSONAS}
    for method in ("GET", "POST"):
        for persona in PERSONAS:
            client = clients[persona]
            if method == "GET":
                response = client.get(url)
            elif app == "sessions":
                response = _post_undone(client, url, {"version": _version(obj)})
            else:
                response = _post_undone(client, url)  # an empty form
            observed[(method, persona)] = response.status_code
            expected[(method, persona)] = expected_status(app, action, persona, method, variant)
            if persona == "anonymous":
                assert response["Location"].startswith("/staff/login/")
    assert observed == expected, f"{app}:{action.name} on {variant}"


def _holder(action) -> str:
    """A persona who holds the action's capability in ward A."""
    return next(p for p in ("officer_a", "head_a", "reviewer") if holds(p, action))


@pytest.fixture(scope="module")
def in_state(cast, django_db_blocker) -> dict:
    """A session and a concern of ward A in every state, made once for the module:
    {(app, state): object}. A test's POSTs on them are rolled back after it."""
    officer, head = cast.users["officer_a"], cast.users["head_a"]
    with rows_kept_for_the_scope(django_db_blocker):
        yield {
            (app, state): object_in_state(app, state, cast.ward, officer, head)
            for app in ("sessions", "concerns")
            for state in _states(app).values
        }


@pytest.mark.parametrize(("app", "action"), REFUSING)
def test_a_state_the_table_does_not_allow_is_refused_with_409_and_its_reason(
    app, action, users, sign_ins, in_state
):
    states = _states(app)
    client = sign_ins.client(_holder(action))
    for state in sorted(set(states.values) - set(action.sources)):
        obj = type(in_state[(app, state)]).objects.get(pk=in_state[(app, state)].pk)
        assert obj.state == state
        url = action_url(app, action, obj, users["officer_a"])
        before = (obj.state, obj.version)
        response = client.post(url, {"version": obj.version})
        assert response.status_code == 409, f"{action.name} in {state}"
        reason = str(action.refusals.get(state) or action.refusal) % {"state": states(state).label}
        assert escape(reason) in response.content.decode(), f"{action.name} in {state}"
        fresh = type(obj).objects.get(pk=obj.pk)
        assert (fresh.state, fresh.version) == before
