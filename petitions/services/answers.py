"""Answering: the draft, the head's approval, returns for rework, closing, and the
citizen's verdict on the published answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock

from .. import clocks, notifications
from ..messages import (
    MSG_CLOSE_TOO_EARLY,
    MSG_DISPUTE_REASON_REQUIRED,
    MSG_NOTE_REQUIRED,
)
from ..models import (
    AnswerStatus,
    AnswerVerdict,
    CitizenVerdict,
    Concern,
    ConcernState,
    ConcernType,
    TransitionAction,
)
from ._common import (
    SIGNER_FIELDS,
    _after_commit,
    _audit,
    _begin,
    _check_answer,
    _check_choice,
    _clean_text,
    _clear_signer,
    _due_from_rule,
    _finish,
    _fmt,
    _history,
    _leave,
    _open_commitments,
    _portal_language,
    _publish,
    _record_signer,
    _save,
)


@_portal_language
@transaction.atomic
def concern_answer_save(
    *,
    actor,
    concern: Concern,
    version: int | None,
    answer_text: str,
    answer_public_text: str,
    verdict: str = "",
    verdict_explanation: str = "",
) -> Concern:
    """Save the answer as a draft (the letter and the text to publish)."""
    concern = _begin(concern, "answer_save", actor=actor, version=version)
    if verdict:
        _check_choice(verdict, AnswerVerdict)
    concern.answer_text = _clean_text(answer_text)
    concern.answer_public_text = _clean_text(answer_public_text)
    concern.verdict = verdict if concern.type == ConcernType.FEEDBACK else ""
    concern.verdict_explanation = _clean_text(verdict_explanation)
    concern.answer_status = AnswerStatus.DRAFT
    concern.answer_drafted_by = actor
    _save(
        concern,
        [
            "answer_text",
            "answer_public_text",
            "verdict",
            "verdict_explanation",
            "answer_status",
            "answer_drafted_by",
        ],
    )
    _audit(actor, "answer_saved", concern)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_submit(
    *, actor, concern: Concern, version: int | None, note: str = ""
) -> Concern:
    """Send the draft on: to the head when the rule asks for approval, else publish it."""
    concern = _begin(concern, "answer_submit", actor=actor, version=version)
    _check_answer(concern)
    note = _clean_text(note)
    if clocks.rule_for(concern.type).needs_head_approval:
        concern.answer_status = AnswerStatus.PENDING
        _save(concern, ["answer_status"])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.ANSWER_SUBMITTED,
            from_state=concern.state,
            note=note,
        )
        _audit(actor, "answer_submitted", concern)
    else:
        _clear_signer(concern)
        _publish(concern, actor=actor, from_action_note=note)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_approve(
    *, actor, concern: Concern, version: int | None, note: str = ""
) -> Concern:
    """A head of the body the concern is addressed to signs the answer off; it is published
    at once. Who approved, their position and their rank are kept as they are today."""
    concern = _begin(concern, "answer_approve", actor=actor, version=version)
    _check_answer(concern)
    _record_signer(concern, actor)
    # The history keeps the authority it was approved under, next to the approver's name.
    note = ". ".join(part for part in (concern.answer_signer_position, _clean_text(note)) if part)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWER_APPROVED,
        from_state=concern.state,
        note=note,
    )
    _audit(
        actor,
        "answer_approved",
        concern,
        {
            "position": concern.answer_signer_position,
            "rank": concern.answer_signer_rank,
            "addressed_to": concern.addressed_to,
        },
    )
    _publish(concern, actor=actor)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_return(*, actor, concern: Concern, version: int | None, note: str) -> Concern:
    """Return an answer for rework: the head (waiting for approval) or a reviewer.

    A reviewer may also return an answer already published while the citizen's window is
    open; the concern goes back to handling and the answer comes off the public page.
    """
    concern = _begin(concern, "answer_return", actor=actor, version=version)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    published = concern.state == ConcernState.ANSWERED
    from_state = concern.state
    concern.answer_status = AnswerStatus.RETURNED
    concern.return_count += 1
    fields = ["answer_status", "return_count"]
    if published:
        concern.state = ConcernState.ASSIGNED
        concern.answer_published_at = None
        fields += ["state", "answer_published_at"]
    _save(concern, fields)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWER_RETURNED,
        from_state=from_state,
        note=note,
        is_public=published,
        public_note=gettext("The answer is being revised; a new answer will follow.")
        if published
        else "",
    )
    _audit(actor, "answer_returned", concern, {"published": published})
    return concern


@_portal_language
@transaction.atomic
def concern_close(*, actor, concern: Concern, version: int | None, note: str = "") -> Concern:
    """Close after the answer: at once if nothing is promised, else into follow-up.

    Possible when the citizen accepted, or once their window to dispute has ended.
    """
    concern = _begin(concern, "close", actor=actor, version=version)
    note = _clean_text(note)
    if concern.state == ConcernState.FOLLOWING_UP:
        _leave(concern, ConcernState.CLOSED, actor=actor, action=TransitionAction.CLOSED, note=note)
        _audit(actor, "closed", concern)
        return concern
    window = clocks.citizen_window(concern)
    if (
        concern.citizen_verdict != CitizenVerdict.ACCEPTED
        and window
        and clocks.today() <= window.due
    ):
        raise ValidationError(
            MSG_CLOSE_TOO_EARLY, code="too_early", params={"date": _fmt(window.due)}
        )
    action = TransitionAction.FOLLOW_UP if _open_commitments(concern) else TransitionAction.CLOSED
    _finish(concern, actor=actor, action=action, note=note)
    _audit(actor, "closed", concern, {"state": concern.state})
    return concern


@_portal_language
@transaction.atomic
def concern_citizen_accept(*, concern: Concern) -> Concern:
    """The citizen accepts the answer: follow-up if something was promised, else closed."""
    concern = _begin(concern, "citizen_accept", actor=None, version=None)
    concern.citizen_verdict = CitizenVerdict.ACCEPTED
    concern.citizen_verdict_at = clock.now()
    _finish(concern, actor=None, action=TransitionAction.CITIZEN_ACCEPTED)
    _audit(None, "citizen_accepted", concern)
    return concern


@_portal_language
@transaction.atomic
def concern_citizen_dispute(*, concern: Concern, reason: str) -> Concern:
    """The citizen disputes the answer: the concern reopens with its own deadline."""
    concern = _begin(concern, "citizen_dispute", actor=None, version=None)
    reason = _clean_text(reason, required_message=MSG_DISPUTE_REASON_REQUIRED, limit=5000)
    now = clock.now()
    due = _due_from_rule(concern, clocks.local_date(now))
    from_state = concern.state
    concern.citizen_verdict = CitizenVerdict.DISPUTED
    concern.citizen_verdict_at = now
    concern.dispute_count += 1
    concern.state = ConcernState.ASSIGNED
    concern.answer_status = AnswerStatus.DRAFT
    _clear_signer(concern)
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    _save(
        concern,
        [
            "citizen_verdict",
            "citizen_verdict_at",
            "dispute_count",
            "state",
            "answer_status",
            *SIGNER_FIELDS,
            "due_at",
            "due_explanation",
        ],
    )
    _history(
        concern,
        actor=None,
        action=TransitionAction.DISPUTED,
        from_state=from_state,
        note=reason,
        is_public=True,
        public_note=gettext(
            "You disputed the answer. The concern is reopened; a new answer is due by %(due)s."
        )
        % {"due": _fmt(due.due)},
    )
    _audit(None, "disputed", concern, {"dispute_count": concern.dispute_count, "due": str(due.due)})
    _after_commit(notifications.send_disputed, concern)
    return concern
