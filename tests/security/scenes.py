"""Objects of ward A in the state each lifecycle action needs, for the permission matrix.

The actions and their states come from ``sessions.transitions`` and
``petitions.transitions``: a new row there is a new row of the matrix without any edit
here, unless it needs an object no builder below can make (the matrix then fails and
names it).
"""

from datetime import timedelta

from django.urls import reverse

from dialogue_portal.lib import clock
from petitions import services as concern_services
from petitions.models import Concern, ConcernType, Extension
from petitions.transitions import TRANSITIONS as CONCERN_ACTIONS
from sessions.models import SessionState
from sessions.transitions import TRANSITIONS as SESSION_ACTIONS
from tests.factories import concerns as f
from tests.factories.sessions import days, make_session

PERSONAS = ["anonymous", "officer_a", "officer_b", "head_a", "reviewer", "mttq_a", "admin_user"]

# What each persona may see of ward A's objects, and which capabilities they hold there.
# Written by hand from the roles (domain.md §3): the table says which capability each
# action needs; together they give every row of the matrix.
SEES = {
    "sessions": {"officer_a", "head_a", "reviewer", "mttq_a", "admin_user"},
    "concerns": {"officer_a", "head_a", "reviewer", "admin_user"},
}
HOLDS = {
    "manage_sessions": {"officer_a", "head_a", "admin_user"},
    "approve": {"head_a", "admin_user"},
    "handle_concerns": {"officer_a", "head_a", "admin_user"},
    "sign_off": {"head_a", "admin_user"},
    "return_for_rework": {"reviewer", "admin_user"},
}


def staff_actions() -> list[tuple[str, object]]:
    """Every staff action with a URL: ("sessions" | "concerns", Action)."""
    rows = [("sessions", a) for a in SESSION_ACTIONS if a.url_name]
    rows += [("concerns", a) for a in CONCERN_ACTIONS if a.url_name]
    return rows


ACTION_URL_NAMES = {a.url_name for _, a in staff_actions()}


def holds(persona: str, action) -> bool:
    return any(persona in HOLDS[str(c)] for c in action.capabilities)


def expected_status(app: str, action, persona: str, method: str) -> int:
    """The status ``persona`` gets for an action on an object in a state that allows it."""
    if persona == "anonymous":
        return 302  # to the sign-in page
    if method == "GET" and action.kind != "page":
        return 405
    if persona not in SEES[app]:
        return 404  # another ward's object, or a role that sees no concerns
    if not holds(persona, action):
        return 403
    if method == "GET":
        return 200
    if app == "concerns":
        return 400  # the empty form is refused with its problems marked; nothing changes
    if action.kind == "post":
        return 302  # done (or refused with a message), back to the session
    return SESSION_PAGE_POST[action.name]


# A form page POSTed with only the version the user saw: the form shows what is missing
# (200), or, where nothing is required, the action is done (302).
SESSION_PAGE_POST = {
    "edit": 200,
    "announce": 302,
    "record_held": 200,
    "postpone": 200,
    "cancel": 200,
    "conclusions": 302,
}


# --- Objects in the state an action needs ------------------------------------------------


def session_scene(name: str, ward, officer):
    state = {
        "edit": SessionState.PLANNED,
        "submit": SessionState.DRAFT,
        "approve": SessionState.DRAFT,
        "announce": SessionState.PLANNED,
        "record_held": SessionState.ANNOUNCED,
        "postpone": SessionState.ANNOUNCED,
        "cancel": SessionState.ANNOUNCED,
        "add_attachments": SessionState.HELD,
        "conclusions": SessionState.HELD,
        "issue_conclusions": SessionState.HELD,
        "close": SessionState.CONCLUDED,
    }[name]
    start = days(-1) if state == SessionState.ANNOUNCED else days(30)
    return make_session(ward, state, planned_start=start, planned_end=start + timedelta(hours=2))


def concern_scene(name: str, ward, officer, head):
    """A concern of ``ward`` in which ``name`` is allowed, and the URL arguments it needs."""
    extra: dict = {}
    if name in ("accept", "refer", "decline", "merge", "withdraw", "pause_start", "note_add"):
        concern = f.submit(ward)
    elif name == "pause_end":
        concern = f.submit(ward)
        concern_services.concern_pause_start(
            actor=officer, concern=concern, version=concern.version, reason="Chờ hồ sơ"
        )
    elif name == "assign":
        concern = f.accepted(ward, officer)
    elif name in ("extension_request", "answer_save", "commitment_add"):
        concern = f.assigned(ward, officer)
    elif name == "extension_decide":
        concern = f.assigned(ward, officer)
        extension = concern_services.concern_extension_request(
            actor=officer,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=5),
            reason="Cần xác minh thêm",
        )
        extra["extension_pk"] = extension.pk
    elif name == "commitment_done":
        concern = f.assigned(ward, officer)
        extra["commitment_pk"] = f.with_commitment(concern, officer).pk
    elif name == "answer_submit":
        concern = f.drafted(ward, officer)
    elif name in ("answer_approve", "answer_return"):
        # A complaint's answer waits for the unit head's approval.
        concern = f.drafted(ward, officer, type=ConcernType.COMPLAINT)
        concern_services.concern_answer_submit(
            actor=officer, concern=concern, version=f.fresh(concern).version
        )
    elif name == "close":
        concern = f.answered(ward, officer, head)
    else:
        raise LookupError(f"no scene for the concern action {name!r}: add one in scenes.py")
    return Concern.objects.get(pk=concern.pk), extra


def concern_in(state: str, ward, officer, head) -> Concern:
    """A concern of ``ward`` brought to ``state`` through the services."""
    if state == "following_up":
        concern = f.answered(ward, officer, head)
        f.with_commitment(concern, officer)
        return concern_services.concern_citizen_accept(concern=f.fresh(concern))
    if state == "merged":
        target = f.submit(ward)
        concern = f.submit(ward)
        return concern_services.concern_merge(
            actor=officer, concern=concern, version=concern.version, into=target
        )
    build = {
        "received": lambda: f.submit(ward),
        "accepted": lambda: f.accepted(ward, officer),
        "assigned": lambda: f.assigned(ward, officer),
        "answered": lambda: f.answered(ward, officer, head),
        "closed": lambda: f.closed(ward, officer, head),
        "referred": lambda: f.referred_outside(ward, officer),
        "declined": lambda: f.declined(ward, officer),
        "withdrawn": lambda: f.withdrawn(ward, officer),
    }[state]
    return build()


def url_in_state(app: str, action, state: str, ward, officer, head) -> tuple[str, object]:
    """The URL of ``action`` on a fresh object in ``state`` (allowed there or not)."""
    if app == "sessions":
        obj = make_session(ward, state)
        return reverse(action.url_name, args=[obj.pk]), obj
    concern = Concern.objects.get(pk=concern_in(state, ward, officer, head).pk)
    kwargs = {"pk": concern.pk}
    if action.name == "extension_decide":
        kwargs["extension_pk"] = Extension.objects.create(
            concern=concern,
            reason="Cần xác minh thêm",
            requested_by=officer,
            old_due=clock.today(),
            new_due=clock.today() + timedelta(days=10),
        ).pk
    return reverse(action.url_name, kwargs=kwargs), concern


def scene_url(app: str, action, ward, officer, head) -> tuple[str, object]:
    """The URL of ``action`` on a fresh object in a state that allows it, and the object."""
    if app == "sessions":
        obj = session_scene(action.name, ward, officer)
        return reverse(action.url_name, args=[obj.pk]), obj
    obj, extra = concern_scene(action.name, ward, officer, head)
    return reverse(action.url_name, kwargs={"pk": obj.pk, **extra}), obj
