"""The lifecycle of a concern as data (domain.md §4, QĐ 936 and the laws on complaints).

::

    received ──accept──▶ accepted ──assign──▶ assigned ──answer (approve)──▶ answered
        │                    │                   ▲  │                           │
        │                    │        dispute / return                   close / accept
        └─ refer · decline · merge · withdraw ─▶ (exits)                        ▼
                                                         following up ──last done──▶ closed

    transfer_body (before any answer goes out): the other body of the unit takes it over;
    the state stays, except assigned ──▶ accepted without the officer.

Every staff action on a concern is a row below: where it may start, where it leads, the
capability it needs, the guards on the concern (answer status, pause, pending
extension), its form and its messages. Services call ``TRANSITIONS.require(concern,
name, actor)`` after locking the row; the detail page shows exactly the forms
``TRANSITIONS.available(user, concern)`` returns; the one action view
(``petitions.views.act``) dispatches on the table; the permission matrix in the tests is
generated from it. The citizen's two actions (accept, dispute) have no capability: the
tracking code and second factor are their key.
"""

from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.transitions import Action, Machine
from units.permissions import Capability, has_capability

from .messages import (
    MSG_ALREADY_DECIDED,
    MSG_ALREADY_PAUSED,
    MSG_ANSWER_NOT_EDITABLE,
    MSG_ANSWER_REQUIRED,
    MSG_CANNOT_RETURN,
    MSG_COMMITMENTS_OPEN,
    MSG_COMPLAINT_ONLY,
    MSG_EXTENSION_COUNT_BY_LAW,
    MSG_EXTENSION_DECIDED,
    MSG_EXTENSION_PENDING,
    MSG_NO_OPEN_RECONSIDERATION,
    MSG_NO_PENDING_ANSWER,
    MSG_NO_RECONSIDERATION_BY_LAW,
    MSG_NOT_HEAD,
    MSG_NOT_PAUSED,
    MSG_NOT_RESOLVER,
    MSG_NOT_SUSPENDED,
    MSG_ONLY_DENUNCIATION,
    MSG_ONLY_PENDING_RETURNABLE,
    MSG_OWN_PROCEDURE,
    MSG_PAUSED,
    MSG_RECLASSIFY_NOT_RESOLVER,
    MSG_RECONSIDERATION_OPEN,
    MSG_STATUTORY_NO_EXTENSION,
    MSG_STATUTORY_NO_PAUSE,
    MSG_STATUTORY_NO_VERDICT,
    MSG_SUSPENDED,
    MSG_TRANSFER_ANSWERED,
    MSG_WINDOW_CLOSED,
    MSG_WRONG_STATE,
)
from .models import (
    ANSWERED_STATES,
    LAW_OF_TYPE,
    OPEN_STATES,
    AnswerStatus,
    ConcernState,
    ConcernType,
    ExtensionStatus,
)

C = ConcernState
ANY_STATE = frozenset(ConcernState.values)
HANDLE = Capability.HANDLE_CONCERNS

# --- Guards: a refusal message, or None ------------------------------------------------


def not_paused(concern, actor):
    return MSG_PAUSED if concern.is_paused else None


def paused(concern, actor):
    return None if concern.is_paused else MSG_NOT_PAUSED


def not_already_paused(concern, actor):
    return MSG_ALREADY_PAUSED if concern.is_paused else None


def answer_editable(concern, actor):
    editable = (AnswerStatus.NONE, AnswerStatus.DRAFT, AnswerStatus.RETURNED)
    return None if concern.answer_status in editable else MSG_ANSWER_NOT_EDITABLE


def answer_drafted(concern, actor):
    drafted = (AnswerStatus.DRAFT, AnswerStatus.RETURNED)
    return None if concern.answer_status in drafted else MSG_ANSWER_REQUIRED


def answer_pending(concern, actor):
    return None if concern.answer_status == AnswerStatus.PENDING else MSG_NO_PENDING_ANSWER


def _pending_answer(concern) -> bool:
    return concern.state == C.ASSIGNED and concern.answer_status == AnswerStatus.PENDING


def answer_returnable(concern, actor):
    """Only an answer waiting for approval goes back for rework: a published one stays in
    force until a new version replaces it (see reconsider_request)."""
    return None if _pending_answer(concern) else MSG_ONLY_PENDING_RETURNABLE


def _open_reconsideration(concern) -> bool:
    # Reads the prefetched requests when the detail page's query prefetched them.
    return any(r.status == "open" for r in concern.reconsiderations.all())


def no_open_reconsideration(concern, actor):
    return MSG_RECONSIDERATION_OPEN if _open_reconsideration(concern) else None


def open_reconsideration(concern, actor):
    return None if _open_reconsideration(concern) else MSG_NO_OPEN_RECONSIDERATION


def commitments_done(concern, actor):
    """In follow-up, closing waits for every commitment (the last one done closes it)."""
    if concern.state != C.FOLLOWING_UP:
        return None
    if any(c.done_at is None for c in concern.commitments.all()):
        return MSG_COMMITMENTS_OPEN
    return None


def has_due_date(concern, actor):
    return None if concern.due_at is not None else MSG_WRONG_STATE


def no_pending_extension(concern, actor):
    if any(e.status == ExtensionStatus.PENDING for e in concern.extensions.all()):
        return MSG_EXTENSION_PENDING
    return None


def pending_extension(concern, actor):
    if any(e.status == ExtensionStatus.PENDING for e in concern.extensions.all()):
        return None
    return MSG_EXTENSION_DECIDED


def verdict_not_given(concern, actor):
    """The citizen gives one verdict per published answer."""
    return MSG_ALREADY_DECIDED if concern.citizen_verdict else None


def no_answer_gone_out(concern, actor):
    """An answer waiting for approval, or one the citizen has already received (a dispute
    reopened it), binds the body that wrote it."""
    if concern.answer_status == AnswerStatus.PENDING or concern.dispute_count:
        return MSG_TRANSFER_ANSWERED
    return None


def answer_out_for_verdict(concern, actor):
    from . import clocks

    if concern.state != C.ANSWERED:
        return MSG_WINDOW_CLOSED
    window = clocks.citizen_window(concern)
    if window is None or clocks.today() > window.due:
        return MSG_WINDOW_CLOSED
    return None


def may_reclassify(concern, actor):
    """A denunciation's type is changed only by those resolving it (who may see the
    denunciator)."""
    from .selectors import may_see_denunciator

    if actor is None or concern.type != ConcernType.DENUNCIATION:
        return None
    return None if may_see_denunciator(actor, concern) else MSG_RECLASSIFY_NOT_RESOLVER


def resolves_denunciation(concern, actor):
    """Only those resolving a denunciation (who may see the denunciator) put an officer in
    charge of it or transfer it: whoever is assigned sees the denunciator."""
    from .selectors import may_see_denunciator

    if actor is None or concern.type != ConcernType.DENUNCIATION:
        return None
    return None if may_see_denunciator(actor, concern) else MSG_NOT_RESOLVER


def not_a_statutory_decision(concern, actor):
    """A complaint decision or a conclusion on a denunciation is reviewed under its own law
    (a second complaint, a lawsuit, the level above), never reopened on request."""
    if concern.type in LAW_OF_TYPE:
        return str(MSG_NO_RECONSIDERATION_BY_LAW) % {"law": LAW_OF_TYPE[concern.type]}
    return None


# --- complaints: the clocks of the statutory types, read from their rules -------------------


def _law(concern) -> str:
    return LAW_OF_TYPE.get(concern.type, "")


def _rule(concern):
    from . import clocks

    return clocks.rule_of(concern)


def pause_allowed_by_rule(concern, actor):
    if _rule(concern).allows_pause:
        return None
    return str(MSG_STATUTORY_NO_PAUSE) % {"law": _law(concern) or "—"}


def extension_allowed_by_rule(concern, actor):
    if _rule(concern).max_extensions > 0:
        return None
    return str(MSG_STATUTORY_NO_EXTENSION) % {"law": _law(concern) or "—"}


def verdict_allowed_by_rule(concern, actor):
    if _rule(concern).citizen_may_dispute:
        return None
    return str(MSG_STATUTORY_NO_VERDICT) % {"law": _law(concern) or "—"}


def is_complaint(concern, actor):
    return None if concern.type == "complaint" else MSG_COMPLAINT_ONLY


# --- denunciations (Luật Tố cáo năm 2018): their own procedure ------------------------------
# (petitions/services/denunciations.py).


def is_denunciation(concern, actor):
    return None if concern.type == "denunciation" else MSG_ONLY_DENUNCIATION


# The action each statutory type takes instead of a generic one.
OWN_ACTIONS = {
    "complaint": {
        "accept": "complaint_accept",
        "decline": "complaint_refuse",
        "answer": "complaint_decide",
    },
    "denunciation": {
        "accept": "denunciation_accept",
        "decline": "denunciation_refuse",
        "refer": "denunciation_transfer",
        "withdraw": "denunciation_withdrawal",
        "answer": "denunciation_conclude",
    },
}


def _own_procedure(generic: str):
    """A guard for a generic action: a complaint or a denunciation that has a step of its own
    for it (a signed notice, decision or conclusion) is refused, naming that step."""

    def own_procedure(concern, actor):
        instead = OWN_ACTIONS.get(concern.type, {}).get(generic)
        if instead is None:
            return None
        return str(MSG_OWN_PROCEDURE) % {
            "law": LAW_OF_TYPE[concern.type],
            "action": str(TRANSITIONS[instead].label),
        }

    own_procedure.__name__ = f"own_procedure_for_{generic}"
    return own_procedure


def extensions_left_by_law(concern, actor):
    """A statutory type's extensions are counted against its law (Luật Tố cáo năm 2018
    Điều 30: at most two); an ordinary type's limit is checked by the service as before."""
    if concern.type not in LAW_OF_TYPE:
        return None
    from . import clocks

    limit = clocks.rule_of(concern).max_extensions
    if limit == 0:
        return None  # extension_allowed_by_rule says why
    approved = sum(1 for e in concern.extensions.all() if e.status == ExtensionStatus.APPROVED)
    if approved < limit:
        return None
    return str(MSG_EXTENSION_COUNT_BY_LAW) % {"law": LAW_OF_TYPE[concern.type], "limit": limit}


def not_suspended(concern, actor):
    return MSG_SUSPENDED if concern.is_paused else None


def suspended(concern, actor):
    return None if concern.is_paused else MSG_NOT_SUSPENDED


# --- The table ----------------------------------------------------------------------------

_OPEN = frozenset(OPEN_STATES)
_ROUTABLE = frozenset({C.ACCEPTED, C.ASSIGNED})


def _staff(
    name: str, sources, target, *, capability=HANDLE, form: str, refusal=MSG_WRONG_STATE, **kwargs
) -> Action:
    return Action(
        name=name,
        sources=frozenset(sources),
        target=target,
        capability=capability,
        refusal=refusal,
        form=f"petitions.forms.{form}",
        url_name=f"petitions:{name}",
        **kwargs,
    )


TRANSITIONS = Machine(
    [
        _staff(
            "accept",
            {C.RECEIVED},
            C.ACCEPTED,
            form="AcceptForm",
            guards=(not_paused, _own_procedure("accept")),
            label=_("Accept and classify"),
            success=_("The concern is accepted and classified."),
        ),
        _staff(
            "assign",
            _ROUTABLE,
            C.ASSIGNED,
            form="AssignForm",
            guards=(resolves_denunciation,),
            label=_("Assign"),
            success=_("The concern is assigned."),
        ),
        _staff(
            "refer",
            _OPEN,
            C.REFERRED,
            form="ReferForm",
            guards=(_own_procedure("refer"),),
            label=_("Refer"),
            success=_("The concern is referred."),
        ),
        # The citizen chose the wrong body of the ward: the other one handles it from now on,
        # with the clocks still counting from receipt. From "assigned" it goes back to
        # "accepted" without an assignee (the officer is of the body that passed it on).
        _staff(
            "transfer_body",
            _OPEN,
            None,
            form="TransferBodyForm",
            guards=(no_answer_gone_out,),
            refusals=dict.fromkeys(ANSWERED_STATES, MSG_TRANSFER_ANSWERED),
            label=_("Pass to the other body"),
            success=_("The concern is passed to the other body of the unit."),
        ),
        _staff(
            "decline",
            _OPEN,
            C.DECLINED,
            form="DeclineForm",
            guards=(_own_procedure("decline"),),
            label=_("Decline"),
            success=_("The concern is declined."),
        ),
        _staff(
            "merge",
            _OPEN,
            C.MERGED,
            form="MergeForm",
            label=_("Merge"),
            success=_("The concern is merged."),
        ),
        _staff(
            "withdraw",
            _OPEN,
            C.WITHDRAWN,
            form="WithdrawForm",
            guards=(_own_procedure("withdraw"),),
            label=_("Record a withdrawal"),
            success=_("The withdrawal is recorded."),
        ),
        _staff(
            "pause_start",
            _OPEN,
            None,
            form="PauseStartForm",
            guards=(not_already_paused, pause_allowed_by_rule),
            label=_("Pause the clock"),
            success=_("The clock is paused."),
        ),
        _staff(
            "pause_end",
            _OPEN,
            None,
            form="NoteActionForm",
            guards=(paused,),
            label=_("Restart the clock"),
            success=_("The clock runs again."),
        ),
        _staff(
            "extension_request",
            _ROUTABLE,
            None,
            form="ExtensionRequestForm",
            guards=(
                has_due_date,
                no_pending_extension,
                extension_allowed_by_rule,
                extensions_left_by_law,
            ),
            label=_("Ask for an extension"),
            success=_("The extension is requested; the unit head decides."),
        ),
        _staff(
            "extension_decide",
            _ROUTABLE,
            None,
            capability=Capability.SIGN_OFF,
            form="ExtensionDecideForm",
            guards=(pending_extension,),
            label=_("Decide on the extension"),
            success=_("The decision on the extension is recorded."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "answer_save",
            {C.ASSIGNED},
            None,
            form="AnswerForm",
            guards=(answer_editable, _own_procedure("answer")),
            label=_("Save the draft answer"),
            success=_("The answer draft is saved."),
        ),
        _staff(
            "answer_submit",
            {C.ASSIGNED},
            None,
            form="NoteActionForm",
            guards=(answer_drafted, not_paused, _own_procedure("answer")),
            label=_("Send the answer on"),
            success=_("The answer is sent on: published, or waiting for the head's approval."),
        ),
        _staff(
            "answer_approve",
            {C.ASSIGNED},
            C.ANSWERED,
            capability=Capability.SIGN_OFF,
            form="NoteActionForm",
            guards=(answer_pending,),
            refusal=MSG_NO_PENDING_ANSWER,
            label=_("Approve and publish"),
            success=_("The answer is approved and published."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "answer_return",
            {C.ASSIGNED},
            C.ASSIGNED,
            capability=Capability.SIGN_OFF,
            form="ReturnForm",
            guards=(answer_returnable,),
            refusal=MSG_ONLY_PENDING_RETURNABLE,
            label=_("Return for rework"),
            success=_("The answer is returned for rework."),
            forbidden=MSG_CANNOT_RETURN,
        ),
        # A reviewer asks the unit to reconsider a published answer (kiến nghị xem xét lại);
        # the answer stays in force. The head of the body it is addressed to keeps it, or
        # sends the concern back to handling for a new answer that will supersede it.
        _staff(
            "reconsider_request",
            {C.ANSWERED, C.FOLLOWING_UP, C.CLOSED},
            None,
            capability=Capability.RETURN_FOR_REWORK,
            form="ReconsiderRequestForm",
            guards=(no_open_reconsideration, not_a_statutory_decision),
            label=_("Ask the unit to reconsider the answer"),
            success=_("The request for reconsideration is sent to the unit."),
        ),
        _staff(
            "reconsider_respond",
            {C.ANSWERED, C.FOLLOWING_UP, C.CLOSED},
            None,
            capability=Capability.SIGN_OFF,
            form="ReconsiderRespondForm",
            guards=(open_reconsideration,),
            label=_("Respond to the request for reconsideration"),
            success=_("The response to the request for reconsideration is recorded."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "commitment_add",
            {C.ASSIGNED, C.ANSWERED, C.FOLLOWING_UP},
            None,
            form="CommitmentForm",
            label=_("Add a commitment"),
            success=_("The commitment is recorded."),
        ),
        _staff(
            "commitment_done",
            ANY_STATE,
            None,
            form="CommitmentDoneForm",
            takes_version=False,
            label=_("Mark done"),
            success=_("The commitment is marked done."),
        ),
        _staff(
            "close",
            {C.ANSWERED, C.FOLLOWING_UP},
            C.CLOSED,
            form="NoteActionForm",
            guards=(commitments_done,),
            label=_("Close"),
            success=_("Done: the concern is closed or in follow-up."),
        ),
        _staff(
            "note_add",
            ANY_STATE,
            None,
            form="InternalNoteForm",
            takes_version=False,
            label=_("Add an internal note"),
            success=_("The note is added."),
        ),
        # identity: a case's type changes before an answer goes out (a phản ánh that is a
        # tố cáo is protected at once and goes where it may be resolved).
        _staff(
            "reclassify",
            {C.RECEIVED, C.ACCEPTED, C.ASSIGNED},
            None,
            form="ReclassifyForm",
            guards=(no_answer_gone_out, may_reclassify),
            refusals=dict.fromkeys(ANSWERED_STATES, MSG_TRANSFER_ANSWERED),
            label=_("Change the type"),
            success=_("The type of the case is changed."),
        ),
        # complaints (Luật Khiếu nại năm 2011): acceptance or refusal with a notice, the
        # dialogue's record, the decision that is the answer (petitions/services/complaints.py).
        _staff(
            "complaint_accept",
            {C.RECEIVED},
            C.ACCEPTED,
            capability=Capability.SIGN_OFF,
            form="ComplaintAcceptForm",
            guards=(is_complaint,),
            label=_("Accept the complaint (notice of acceptance)"),
            success=_("The complaint is accepted and the notice of acceptance issued."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "complaint_refuse",
            {C.RECEIVED},
            C.DECLINED,
            capability=Capability.SIGN_OFF,
            form="ComplaintRefuseForm",
            guards=(is_complaint,),
            label=_("Do not accept the complaint (notice)"),
            success=_("The notice of non-acceptance is issued."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "complaint_dialogue",
            _ROUTABLE,
            None,
            form="ComplaintDialogueForm",
            guards=(is_complaint,),
            label=_("Record the dialogue with the complainant"),
            success=_("The record of the dialogue is kept with the case."),
        ),
        _staff(
            "complaint_decide",
            {C.ASSIGNED},
            C.CLOSED,
            capability=Capability.SIGN_OFF,
            form="ComplaintDecideForm",
            guards=(is_complaint,),
            label=_("Decide the complaint"),
            success=_("The decision on the complaint is issued and sent to the complainant."),
            forbidden=MSG_NOT_HEAD,
        ),
        # denunciations (Luật Tố cáo năm 2018): initial handling within 7 working days
        # (accept with a decision, refuse with a notice, or transfer within 5 working days),
        # suspension and its lifting, withdrawal, the conclusion that ends the case
        # (petitions/services/denunciations.py).
        _staff(
            "denunciation_accept",
            {C.RECEIVED},
            C.ACCEPTED,
            capability=Capability.SIGN_OFF,
            form="DenunciationAcceptForm",
            guards=(is_denunciation,),
            label=_("Accept the denunciation (decision)"),
            success=_("The decision to accept the denunciation is issued."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "denunciation_refuse",
            {C.RECEIVED},
            C.DECLINED,
            capability=Capability.SIGN_OFF,
            form="DenunciationRefuseForm",
            guards=(is_denunciation,),
            label=_("Do not accept the denunciation (notice)"),
            success=_("The notice of non-acceptance is issued."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "denunciation_transfer",
            {C.RECEIVED},
            C.REFERRED,
            capability=Capability.SIGN_OFF,
            form="DenunciationTransferForm",
            guards=(is_denunciation, resolves_denunciation),
            label=_("Transfer to the competent body"),
            success=_("The denunciation is transferred to the competent body."),
        ),
        _staff(
            "denunciation_suspend",
            _ROUTABLE,
            None,
            capability=Capability.SIGN_OFF,
            form="DenunciationSuspendForm",
            guards=(is_denunciation, not_suspended),
            label=_("Suspend the resolution (decision)"),
            success=_("The decision to suspend the resolution is issued; the clock stops."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "denunciation_resume",
            _ROUTABLE,
            None,
            capability=Capability.SIGN_OFF,
            form="DenunciationResumeForm",
            guards=(is_denunciation, suspended),
            label=_("Resume the resolution (decision)"),
            success=_("The suspension is lifted; the due date moves on by the time it lasted."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "denunciation_withdrawal",
            _OPEN,
            None,
            capability=Capability.SIGN_OFF,
            form="DenunciationWithdrawalForm",
            guards=(is_denunciation,),
            label=_("Record the withdrawal of the denunciation"),
            success=_("The withdrawal is recorded."),
            forbidden=MSG_NOT_HEAD,
        ),
        _staff(
            "denunciation_conclude",
            {C.ASSIGNED},
            C.CLOSED,
            capability=Capability.SIGN_OFF,
            form="DenunciationConcludeForm",
            guards=(is_denunciation, not_suspended),
            label=_("Conclude the denunciation"),
            success=_("The conclusion is issued and its public notice published."),
            forbidden=MSG_NOT_HEAD,
        ),
        # The citizen's verdict on a published answer (public pages; no capability).
        Action(
            name="citizen_accept",
            sources=ANY_STATE,
            target=C.CLOSED,
            capability=None,
            guards=(verdict_not_given, verdict_allowed_by_rule, answer_out_for_verdict),
            takes_version=False,
        ),
        Action(
            name="citizen_dispute",
            sources=ANY_STATE,
            target=C.ASSIGNED,
            capability=None,
            guards=(verdict_not_given, verdict_allowed_by_rule, answer_out_for_verdict),
            takes_version=False,
        ),
    ],
    states=ConcernState,
    has_capability=has_capability,
    # A concern is handled, answered and signed by the institution it is addressed to.
    institutions_of=lambda concern, name: (concern.addressed_to,),
)

# The keys the detail page's forms (and the one action view) use for each action.
FORM_KEYS = {
    "answer_save": "answer",
    "answer_approve": "approve",
    "answer_return": "return",
    "commitment_add": "commitment",
    "extension_request": "extension",
    "note_add": "note",
    "reconsider_request": "reconsider",
    "reconsider_respond": "reconsider_response",
}
