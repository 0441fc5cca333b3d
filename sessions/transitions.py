"""The lifecycle of a dialogue session as data (domain.md §4).

::

    draft ──approve──▶ planned ──announce──▶ announced ──record held──▶ held
      │                  │                    │   ▲                       │
      │                  │              postpone  re-announce      issue conclusions
      │                  │                    ▼   │                       ▼
      └──cancel──────────┴──cancel──▶ cancelled ◀─postponed        concluded ──close──▶ closed

A held (or later) session can never be cancelled. Services call
``TRANSITIONS.require(session, name, actor)`` before changing anything; the staff views,
the detail page's buttons and the permission matrix in the tests read this table.
"""

from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.transitions import Action, Machine
from units.permissions import Capability, has_capability

from .messages import (
    MSG_ALREADY_SUBMITTED,
    MSG_ANNOUNCE_WRONG_STATE,
    MSG_APPROVE_NOT_DRAFT,
    MSG_APPROVE_NOT_HEAD,
    MSG_ATTACH_NOT_HELD,
    MSG_CANCEL_ALREADY,
    MSG_CANCEL_HELD,
    MSG_CLOSE_WRONG_STATE,
    MSG_CONCLUSIONS_WRONG_STATE,
    MSG_HOLD_POSTPONED,
    MSG_HOLD_WRONG_STATE,
    MSG_ISSUE_NOT_SIGNER,
    MSG_PLAN_NOT_EDITABLE,
    MSG_POSTPONE_WRONG_STATE,
    MSG_SUBMIT_NOT_DRAFT,
    MSG_UNIT_NOT_ALLOWED,
)
from .models import EDITABLE_STATES, HELD_STATES, SessionState

S = SessionState


def _not_submitted(session, actor):
    return MSG_ALREADY_SUBMITTED if session.submitted_at is not None else None


# The conclusions are written and issued by the institution of whoever chaired; every other
# action is the work of the institution(s) the session belongs to.
_ISSUER_ACTIONS = frozenset({"conclusions", "issue_conclusions"})


def _institutions_of(session, name: str) -> tuple[str, ...]:
    if name in _ISSUER_ACTIONS:
        return (session.issuer_institution,)
    return session.institutions


TRANSITIONS = Machine(
    [
        Action(
            name="edit",
            sources=frozenset(EDITABLE_STATES),
            target=None,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Edit the plan"),
            success=_("The plan was saved."),
            refusal=MSG_PLAN_NOT_EDITABLE,
            form="sessions.forms.SessionPlanForm",
            kind="page",
            url_name="sessions:edit",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="submit",
            sources=frozenset({S.DRAFT}),
            target=None,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Submit for approval"),
            success=_("The plan was submitted to the unit head for approval."),
            refusal=MSG_SUBMIT_NOT_DRAFT,
            guards=(_not_submitted,),
            url_name="sessions:submit",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="approve",
            sources=frozenset({S.DRAFT}),
            target=S.PLANNED,
            capability=Capability.APPROVE,
            label=_("Approve the plan"),
            success=_("The plan was approved. It can now be announced."),
            refusal=MSG_APPROVE_NOT_DRAFT,
            form="sessions.forms.ApproveForm",
            url_name="sessions:approve",
            forbidden=MSG_APPROVE_NOT_HEAD,
        ),
        Action(
            name="announce",
            sources=frozenset({S.PLANNED, S.POSTPONED}),
            target=S.ANNOUNCED,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Announce to the public"),
            success=_("The session was announced and is now on the public calendar."),
            refusal=MSG_ANNOUNCE_WRONG_STATE,
            form="sessions.forms.AnnounceForm",
            kind="page",
            url_name="sessions:announce",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="record_held",
            sources=frozenset({S.ANNOUNCED}),
            target=S.HELD,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Record as held"),
            success=_("The session was recorded as held."),
            refusal=MSG_HOLD_WRONG_STATE,
            refusals={S.POSTPONED: MSG_HOLD_POSTPONED},
            form="sessions.forms.HeldForm",
            kind="page",
            url_name="sessions:record_held",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="postpone",
            sources=frozenset({S.ANNOUNCED, S.POSTPONED}),
            target=S.POSTPONED,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Postpone"),
            success=_("The session was postponed. Announce it again at its new date when ready."),
            refusal=MSG_POSTPONE_WRONG_STATE,
            form="sessions.forms.PostponeForm",
            kind="page",
            url_name="sessions:postpone",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="cancel",
            sources=frozenset({S.DRAFT, S.PLANNED, S.ANNOUNCED, S.POSTPONED}),
            target=S.CANCELLED,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Cancel the session"),
            success=_("The session was cancelled."),
            refusal=MSG_CANCEL_HELD,
            refusals={S.CANCELLED: MSG_CANCEL_ALREADY},
            form="sessions.forms.CancelForm",
            kind="page",
            url_name="sessions:cancel",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="add_attachments",
            sources=frozenset(HELD_STATES),
            target=None,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Add the files"),
            refusal=MSG_ATTACH_NOT_HELD,
            form="sessions.forms.AttachmentForm",
            url_name="sessions:add_attachments",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="conclusions",
            sources=frozenset({S.HELD}),
            target=None,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Write the conclusions notice"),
            success=_("The draft conclusions were saved."),
            refusal=MSG_CONCLUSIONS_WRONG_STATE,
            form="sessions.forms.ConclusionsForm",
            kind="page",
            url_name="sessions:conclusions",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
        Action(
            name="issue_conclusions",
            sources=frozenset({S.HELD}),
            target=S.CONCLUDED,
            capability=Capability.SIGN_OFF,
            label=_("Issue the conclusions notice"),
            success=_("The conclusions notice was issued and published."),
            refusal=MSG_CONCLUSIONS_WRONG_STATE,
            url_name="sessions:issue_conclusions",
            forbidden=MSG_ISSUE_NOT_SIGNER,
        ),
        Action(
            name="close",
            sources=frozenset({S.CONCLUDED}),
            target=S.CLOSED,
            capability=Capability.MANAGE_SESSIONS,
            label=_("Close the session"),
            success=_("The session was closed."),
            refusal=MSG_CLOSE_WRONG_STATE,
            form="sessions.forms.CloseForm",
            url_name="sessions:close",
            forbidden=MSG_UNIT_NOT_ALLOWED,
        ),
    ],
    states=SessionState,
    has_capability=has_capability,
    institutions_of=_institutions_of,
)


# The action that moves a session on from each state (what the detail page calls "Next").
# A draft goes first to the head (submit), then waits for approval.
FORWARD = {
    S.DRAFT: ("submit", "approve"),
    S.PLANNED: ("announce",),
    S.POSTPONED: ("announce",),
    S.ANNOUNCED: ("record_held",),
    S.HELD: ("issue_conclusions",),
    S.CONCLUDED: ("close",),
}


def forward_action(session) -> str | None:
    """The next action of the lifecycle for ``session`` (whoever may take it), or None."""
    for name in FORWARD.get(session.state, ()):
        if TRANSITIONS.refusal(session, name) is None:
            return name
    return None
