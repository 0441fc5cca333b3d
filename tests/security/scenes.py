"""Objects of ward A in the state each lifecycle action needs, for the permission matrix.

The actions and their states come from ``sessions.transitions`` and
``petitions.transitions``: a new row there is a new row of the matrix without any edit
here, unless it needs an object no builder below can make (the matrix then fails and
names it).

Each action is tried on the work of each institution (domain.md §3): sessions of the UBND
(a dialogue conference; a reception the Chủ tịch hosts), of the Party committee (a
reception the Bí thư hosts) and of both (a thematic dialogue of both heads, chaired by the
Bí thư), and concerns addressed to the UBND or to the Party committee.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse

from dialogue_portal.lib import clock
from petitions import services as concern_services
from petitions.models import (
    AccusedRole,
    AddressedTo,
    Concern,
    ConcernType,
    Extension,
    Reconsideration,
)
from petitions.transitions import TRANSITIONS as CONCERN_ACTIONS
from sessions.models import HELD_STATES, ChairRole, SessionHosts, SessionKind, SessionState
from sessions.transitions import TRANSITIONS as SESSION_ACTIONS
from tests.factories import concerns as f
from tests.factories.sessions import days, make_session
from tests.security.world import PERSONAS
from units.models import Institution

__all__ = ["PERSONAS"]

PARTY, STATE = str(Institution.PARTY), str(Institution.STATE)

# What each persona may see of ward A's objects, and which capabilities they hold there,
# for the work of which institution. Written by hand from the roles (domain.md §3): the
# table says which capability each action needs; together they give every row of the
# matrix. Reading is unit-wide; acting is for one's own institution; the Thường trực HĐND
# sees the sessions and acts on nothing, the MTTQ liaison sees the sessions only.
SEES = {
    "sessions": {
        "officer_a",
        "head_a",
        "vice_chair_a",
        "party_officer_a",
        "secretary_a",
        "council_a",
        "reviewer",
        "mttq_a",
        "admin_user",
    },
    "concerns": {
        "officer_a",
        "head_a",
        "vice_chair_a",
        "party_officer_a",
        "secretary_a",
        "reviewer",
        "admin_user",
    },
}
_UBND_STAFF = {"officer_a", "head_a", "vice_chair_a", "admin_user"}
_UBND_HEADS = {"head_a", "vice_chair_a", "admin_user"}
_PARTY_STAFF = {"party_officer_a", "secretary_a", "admin_user"}
_PARTY_HEADS = {"secretary_a", "admin_user"}
HOLDS = {
    "manage_sessions": {STATE: _UBND_STAFF, PARTY: _PARTY_STAFF},
    "approve": {STATE: _UBND_HEADS, PARTY: _PARTY_HEADS},
    "handle_concerns": {STATE: _UBND_STAFF, PARTY: _PARTY_STAFF},
    "sign_off": {STATE: _UBND_HEADS, PARTY: _PARTY_HEADS},
    # The Thành ủy's reviewer asks either institution to reconsider an answer.
    "return_for_rework": {STATE: {"reviewer", "admin_user"}, PARTY: {"reviewer", "admin_user"}},
}
# Who resolves a denunciation not yet assigned (and so may see the denunciator): the head of
# the body it is addressed to (and its office head; no persona holds that role). Only they
# transfer it; a deputy or an administrator who signs off does not.
RESOLVERS = {STATE: {"head_a"}, PARTY: {"secretary_a"}}
RESOLVER_ONLY = frozenset({"denunciation_transfer"})
# Who does the work of each institution in the scenes (plans, handles, answers; approves).
CAST = {STATE: ("officer_a", "head_a"), PARTY: ("party_officer_a", "secretary_a")}


@dataclass(frozen=True)
class SessionVariant:
    """Whose session it is: the institutions whose staff plan and run it, and the one whose
    head chaired it (who writes and issues the conclusions)."""

    fields: dict
    work: frozenset
    issuer: str
    held: dict = field(default_factory=dict)


_BI_THU_CHAIRED = {
    "chaired_by_role": ChairRole.PARTY_SECRETARY,
    "chaired_by_name": "Nguyễn Văn Hải",
    "chaired_by_position": "Bí thư Đảng ủy phường Bến Thành",
}
SESSION_VARIANTS = {
    # A dialogue conference is the UBND's, even with the Bí thư among its hosts.
    # (The Chủ tịch's own reception is the UBND's in the same way: the conference stands
    # for both, the URL matrix opens its pages.)
    "conference": SessionVariant({}, frozenset({STATE}), STATE),
    "party": SessionVariant(
        {"kind": SessionKind.RECEPTION, "hosts": SessionHosts.PARTY_SECRETARY},
        frozenset({PARTY}),
        PARTY,
        held=_BI_THU_CHAIRED,
    ),
    # Both heads host; the Bí thư chaired, so the conclusions are a Party notice.
    "joint": SessionVariant(
        {"kind": SessionKind.THEMATIC, "hosts": SessionHosts.BOTH},
        frozenset({PARTY, STATE}),
        PARTY,
        held=_BI_THU_CHAIRED,
    ),
}
CONCERN_VARIANTS = {"state": AddressedTo.STATE, "party": AddressedTo.PARTY}
# Written and issued by the institution of whoever chaired; every other session action is
# the work of the session's own institutions.
ISSUER_ACTIONS = frozenset({"conclusions", "issue_conclusions"})


def staff_actions() -> list[tuple[str, object]]:
    """Every staff action with a URL: ("sessions" | "concerns", Action)."""
    rows = [("sessions", a) for a in SESSION_ACTIONS if a.url_name]
    rows += [("concerns", a) for a in CONCERN_ACTIONS if a.url_name]
    return rows


ACTION_URL_NAMES = {a.url_name for _, a in staff_actions()}


def variants(app: str) -> list[str]:
    return list(SESSION_VARIANTS if app == "sessions" else CONCERN_VARIANTS)


def work_of(app: str, action, variant: str) -> frozenset:
    """The institutions whose work ``action`` is on an object of ``variant``."""
    if app == "concerns":
        return frozenset({str(CONCERN_VARIANTS[variant])})
    kind = SESSION_VARIANTS[variant]
    return frozenset({kind.issuer}) if action.name in ISSUER_ACTIONS else kind.work


def holds(persona: str, action, work=frozenset({STATE})) -> bool:
    """Whether ``persona`` holds a capability ``action`` needs, for one of the ``work``
    institutions."""
    return any(
        persona in HOLDS[str(c)][institution] for c in action.capabilities for institution in work
    )


def expected_status(app: str, action, persona: str, method: str, variant: str | None = None) -> int:
    """The status ``persona`` gets for an action on an object (of ``variant``; the UBND's by
    default) in a state that allows it."""
    if persona == "anonymous":
        return 302  # to the sign-in page
    if method == "GET" and action.kind != "page":
        return 405
    if persona not in SEES[app]:
        return 404  # another ward's object, or a role that sees no concerns
    variant = variant or variants(app)[0]
    if not holds(persona, action, work_of(app, action, variant)):
        return 403  # no such capability, or only for the other institution's work
    if method == "GET":
        return 200
    if app == "concerns" and action.name in RESOLVER_ONLY:
        institution = str(CONCERN_VARIANTS[variant])
        if persona not in RESOLVERS[institution]:
            return 409  # holds the capability but does not resolve the denunciation
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


def session_scene(name: str, ward, variant: str = "conference"):
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
    return session_of(
        variant, ward, state, planned_start=start, planned_end=start + timedelta(hours=2)
    )


def session_of(variant: str, ward, state: str, **overrides):
    """A session of ``variant`` (whose session it is, who chaired) in ``state``."""
    kind = SESSION_VARIANTS[variant]
    fields = {**kind.fields, **(kind.held if state in HELD_STATES else {}), **overrides}
    return make_session(ward, state, **fields)


# --- Concerns addressed to either institution, brought on by its own staff ------------------

_STAGES = ("received", "accepted", "assigned", "drafted", "pending", "answered")


def concern_at(stage: str, ward, officer, head, addressed_to=AddressedTo.STATE, **extra):
    """A concern of ``ward`` addressed to ``addressed_to``, taken to ``stage`` by that
    institution's ``officer`` (and ``head``, who approves the answer when it must)."""
    concern = f.submit(ward, **extra)
    if addressed_to != AddressedTo.STATE:
        # The citizen's form and intake address the UBND; a Party concern is re-addressed.
        Concern.objects.filter(pk=concern.pk).update(addressed_to=addressed_to)
    concern = f.fresh(concern)
    steps = _STAGES[1 : _STAGES.index(stage) + 1]
    for step in steps:
        version = f.fresh(concern).version
        if step == "accepted":
            concern = concern_services.concern_accept(
                actor=officer,
                concern=concern,
                version=version,
                type=concern.type,
                category=concern.category,
            )
        elif step == "assigned":
            concern = concern_services.concern_assign(
                actor=officer, concern=concern, version=version, assignee=officer
            )
        elif step == "drafted":
            concern = concern_services.concern_answer_save(
                actor=officer,
                concern=concern,
                version=version,
                answer_text=f.ANSWER_LETTER,
                answer_public_text=f.PUBLIC_ANSWER,
                verdict="accepted" if concern.type == ConcernType.FEEDBACK else "",
            )
        elif step == "pending":
            concern = concern_services.concern_answer_submit(
                actor=officer, concern=concern, version=version
            )
        elif step == "answered" and concern.state != Concern.State.ANSWERED:
            concern = concern_services.concern_answer_approve(
                actor=head, concern=concern, version=version
            )
    return f.fresh(concern)


def concern_scene(name: str, ward, officer, head, addressed_to=AddressedTo.STATE):
    """A concern of ``ward`` addressed to ``addressed_to`` in which ``name`` is allowed, and
    the URL arguments it needs; ``officer`` and ``head`` are that institution's."""
    extra: dict = {}

    def at(stage: str, **fields):
        return concern_at(stage, ward, officer, head, addressed_to, **fields)

    if name in (
        "accept",
        "refer",
        "transfer_body",
        "decline",
        "merge",
        "withdraw",
        "pause_start",
        "note_add",
    ):
        concern = at("received")
    elif name == "pause_end":
        concern = at("received")
        concern_services.concern_pause_start(
            actor=officer, concern=concern, version=concern.version, reason="Chờ hồ sơ"
        )
    elif name == "assign":
        concern = at("accepted")
    elif name in ("extension_request", "answer_save", "commitment_add"):
        concern = at("assigned")
    elif name == "extension_decide":
        concern = at("assigned")
        extension = concern_services.concern_extension_request(
            actor=officer,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=5),
            reason="Cần xác minh thêm",
        )
        extra["extension_pk"] = extension.pk
    elif name == "commitment_done":
        concern = at("assigned")
        extra["commitment_pk"] = f.with_commitment(concern, officer).pk
    elif name == "answer_submit":
        concern = at("drafted")
    elif name in ("answer_approve", "answer_return"):
        # 936 feedback's answer waits for the approval of the head of its institution.
        concern = at("pending", type=ConcernType.FEEDBACK)
    elif name in ("close", "reconsider_request"):
        concern = at("answered")
    elif name == "reconsider_respond":
        # A reviewer asked the unit to reconsider the published answer.
        concern = at("answered")
        Reconsideration.objects.create(
            concern=concern,
            answer_version=concern.answer_versions.get(status="published"),
            requested_by_name="Huỳnh Thị Lan",
            reasons="Chưa nêu căn cứ pháp lý.",
        )
    elif name == "reclassify":
        concern = at("received")
    elif name in STATUTORY_SCENES:
        concern = statutory_concern(name, ward, officer, head, addressed_to)
    else:
        raise LookupError(f"no scene for the concern action {name!r}: add one in scenes.py")
    return Concern.objects.get(pk=concern.pk), extra


# The statutory procedures (Luật Khiếu nại năm 2011, Luật Tố cáo năm 2018): the type of the
# case and how far its own steps have taken it.
STATUTORY_SCENES = {
    "complaint_accept": (ConcernType.COMPLAINT, "received"),
    "complaint_refuse": (ConcernType.COMPLAINT, "received"),
    "complaint_dialogue": (ConcernType.COMPLAINT, "accepted"),
    "complaint_decide": (ConcernType.COMPLAINT, "assigned"),
    "denunciation_accept": (ConcernType.DENUNCIATION, "received"),
    "denunciation_refuse": (ConcernType.DENUNCIATION, "received"),
    "denunciation_transfer": (ConcernType.DENUNCIATION, "received"),
    "denunciation_withdrawal": (ConcernType.DENUNCIATION, "accepted"),
    "denunciation_suspend": (ConcernType.DENUNCIATION, "assigned"),
    "denunciation_conclude": (ConcernType.DENUNCIATION, "assigned"),
    "denunciation_resume": (ConcernType.DENUNCIATION, "suspended"),
}


def statutory_concern(name: str, ward, officer, head, addressed_to) -> Concern:
    """A complaint or a denunciation (about an official of the ward: it stays there) of
    ``ward`` addressed to ``addressed_to``, taken by its own steps to where ``name`` is
    allowed: accepted by the head's notice or decision, assigned to the officer."""
    type_, stage = STATUTORY_SCENES[name]
    extra = {"accused_role": AccusedRole.OFFICIAL} if type_ == ConcernType.DENUNCIATION else {}
    concern = f.submit(ward, type=type_, submitter_address="12 Lê Lợi", **extra)
    Concern.objects.filter(pk=concern.pk).update(addressed_to=addressed_to)
    concern = f.fresh(concern)
    if stage == "received":
        return concern
    concern = f.accept(concern, head)
    if stage == "accepted":
        return concern
    concern = concern_services.concern_assign(
        actor=head, concern=concern, version=concern.version, assignee=officer
    )
    if stage == "suspended":
        concern_services.denunciation_suspend(
            actor=head, concern=concern, version=concern.version, reason="Chờ kết quả giám định."
        )
    return f.fresh(concern)


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
    }.get(state)
    if build is None:
        raise LookupError(f"no concern in the state {state!r}: add one in scenes.concern_in")
    return build()


def object_in_state(app: str, state: str, ward, officer, head):
    """A session or concern of ``ward`` in ``state``."""
    if app == "sessions":
        return make_session(ward, state)
    return Concern.objects.get(pk=concern_in(state, ward, officer, head).pk)


def action_url(app: str, action, obj, officer) -> str:
    """The URL of ``action`` on ``obj`` (an extension to decide is requested first)."""
    if app == "sessions":
        return reverse(action.url_name, args=[obj.pk])
    concern = obj
    kwargs = {"pk": concern.pk}
    if action.name == "extension_decide":
        kwargs["extension_pk"] = Extension.objects.create(
            concern=concern,
            reason="Cần xác minh thêm",
            requested_by=officer,
            old_due=clock.today(),
            new_due=clock.today() + timedelta(days=10),
        ).pk
    return reverse(action.url_name, kwargs=kwargs)


def scene_url(app: str, action, ward, cast: dict, variant: str | None = None):
    """The URL of ``action`` on a fresh object of ``variant`` (the UBND's by default) in a
    state that allows it, and the object. ``cast`` maps persona names to their users."""
    variant = variant or variants(app)[0]
    if app == "sessions":
        obj = session_scene(action.name, ward, variant)
        return reverse(action.url_name, args=[obj.pk]), obj
    addressed_to = CONCERN_VARIANTS[variant]
    officer, head = (cast[name] for name in CAST[str(addressed_to)])
    obj, extra = concern_scene(action.name, ward, officer, head, addressed_to)
    return reverse(action.url_name, kwargs={"pk": obj.pk, **extra}), obj
