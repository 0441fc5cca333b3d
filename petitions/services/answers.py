"""Answering: the draft, the head's approval, returns for rework, closing, the
citizen's verdict on the published answer, and requests to reconsider it.

Every answer sent on is kept as an :class:`~petitions.models.AnswerVersion`: submitted for
approval (pending), returned, published, and superseded once a later version is published.
The concern's answer fields are the working copy and, once published, a copy of the answer
in force; a dispute or a reconsideration reopens the working copy while the published
version stays in force (and on the citizen's page) until a new one replaces it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.transitions import WRONG_STATE

from .. import clocks, notifications
from ..messages import (
    MSG_CLOSE_TOO_EARLY,
    MSG_DISPUTE_REASON_REQUIRED,
    MSG_NO_OPEN_RECONSIDERATION,
    MSG_NO_PUBLISHED_ANSWER,
    MSG_NOTE_REQUIRED,
    MSG_RECONSIDERATION_REASONS_REQUIRED,
    MSG_RECONSIDERATION_RESPONSE_REQUIRED,
    MSG_UNKNOWN_CHOICE,
)
from ..models import (
    AnswerStatus,
    AnswerVerdict,
    AnswerVersion,
    AnswerVersionStatus,
    CitizenVerdict,
    Concern,
    ConcernState,
    ConcernType,
    Reconsideration,
    ReconsiderationStatus,
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

# --- Answer versions ---------------------------------------------------------------------


def _next_number(concern: Concern) -> int:
    last = concern.answer_versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _new_version(concern: Concern, status: str, **fields) -> AnswerVersion:
    """The concern's working copy of the answer, kept as the next version."""
    return AnswerVersion.objects.create(
        concern=concern,
        number=_next_number(concern),
        text=concern.answer_text,
        public_text=concern.answer_public_text,
        verdict=concern.verdict,
        verdict_explanation=concern.verdict_explanation,
        drafted_by=concern.answer_drafted_by,
        submitted_at=fields.pop("submitted_at", None) or clock.now(),
        status=status,
        **fields,
    )


def published_version(concern: Concern) -> AnswerVersion | None:
    """The answer in force: the version published last and not superseded."""
    return (
        concern.answer_versions.filter(status=AnswerVersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def _version_in_force(concern: Concern) -> AnswerVersion | None:
    """The answer in force, kept as a version first if it was published before versions
    were kept (the concern's fields still hold it while its answer status is published)."""
    version = published_version(concern)
    if version is not None or concern.answer_published_at is None:
        return version
    if concern.answer_status != AnswerStatus.PUBLISHED:
        return None
    return _new_version(
        concern,
        AnswerVersionStatus.PUBLISHED,
        submitted_at=concern.answer_published_at,
        decided_by=concern.answer_approved_by,
        decided_at=concern.answer_published_at if concern.answer_approved_by_id else None,
        signer_name=concern.answer_signer_name,
        signer_position=concern.answer_signer_position,
        signer_rank=concern.answer_signer_rank,
        published_at=concern.answer_published_at,
    )


def _pending_version(concern: Concern) -> AnswerVersion:
    """The version waiting for approval (kept now if it was submitted before versions were)."""
    version = (
        concern.answer_versions.filter(status=AnswerVersionStatus.PENDING)
        .order_by("-number")
        .first()
    )
    return version or _new_version(concern, AnswerVersionStatus.PENDING)


def _supersede(concern: Concern, version: AnswerVersion) -> None:
    """``version`` is published: the one in force until now is superseded by it."""
    now = concern.answer_published_at or clock.now()
    previous = concern.answer_versions.filter(status=AnswerVersionStatus.PUBLISHED).exclude(
        pk=version.pk
    )
    for old in previous:
        old.status = AnswerVersionStatus.SUPERSEDED
        old.superseded_at = now
        old.superseded_by = version
        old.save(update_fields=["status", "superseded_at", "superseded_by"])


def keep_published_version(concern: Concern, version: AnswerVersion | None, *, actor=None) -> None:
    """After ``_publish``: the version (the pending one approved, or a new one when no
    approval is needed) is published as the concern now shows it, and replaces the last."""
    signer = {
        "signer_name": concern.answer_signer_name,
        "signer_position": concern.answer_signer_position,
        "signer_rank": concern.answer_signer_rank,
        "published_at": concern.answer_published_at,
    }
    if version is None:
        version = _new_version(concern, AnswerVersionStatus.PUBLISHED, **signer)
    else:
        version.status = AnswerVersionStatus.PUBLISHED
        version.decided_by = actor
        version.decided_at = concern.answer_published_at
        for field, value in signer.items():
            setattr(version, field, value)
        version.save(update_fields=["status", "decided_by", "decided_at", *signer])
    _supersede(concern, version)


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
    if clocks.rule_of(concern).needs_head_approval:
        concern.answer_status = AnswerStatus.PENDING
        _save(concern, ["answer_status"])
        version = _new_version(concern, AnswerVersionStatus.PENDING)
        _history(
            concern,
            actor=actor,
            action=TransitionAction.ANSWER_SUBMITTED,
            from_state=concern.state,
            note=note,
        )
        _audit(actor, "answer_submitted", concern, {"answer_version": version.number})
    else:
        _clear_signer(concern)
        _publish(concern, actor=actor, from_action_note=note)
        keep_published_version(concern, None)
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
    pending = _pending_version(concern)
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
            "answer_version": pending.number,
        },
    )
    _publish(concern, actor=actor)
    keep_published_version(concern, pending, actor=actor)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_return(*, actor, concern: Concern, version: int | None, note: str) -> Concern:
    """Return an answer waiting for approval for rework (whoever may sign it off).

    A published answer is never taken back: it stays in force until a new version
    replaces it (a reviewer asks the unit to reconsider it, ``concern_reconsider_request``).
    """
    concern = _begin(concern, "answer_return", actor=actor, version=version)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    pending = _pending_version(concern)
    concern.answer_status = AnswerStatus.RETURNED
    concern.return_count += 1
    _save(concern, ["answer_status", "return_count"])
    pending.status = AnswerVersionStatus.RETURNED
    pending.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    pending.decided_at = clock.now()
    pending.return_note = note
    pending.save(update_fields=["status", "decided_by", "decided_at", "return_note"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWER_RETURNED,
        from_state=concern.state,
        note=note,
    )
    _audit(actor, "answer_returned", concern, {"answer_version": pending.number})
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
    # The disputed answer stays in force (and on the citizen's page) until a new version
    # replaces it; the concern's fields become the working copy of the next one.
    disputed = _version_in_force(concern)
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
    _audit(
        None,
        "disputed",
        concern,
        {
            "dispute_count": concern.dispute_count,
            "due": str(due.due),
            "answer_version": disputed.number if disputed else None,
        },
    )
    _after_commit(notifications.send_disputed, concern)
    return concern


# --- Requests for reconsideration (kiến nghị xem xét lại) ----------------------------------


@_portal_language
@transaction.atomic
def concern_reconsider_request(
    *, actor, concern: Concern, version: int | None, reasons: str
) -> Reconsideration:
    """A reviewer asks the unit to reconsider its published answer. The answer stays in
    force and on the citizen's page; the unit upholds it or issues a new one."""
    concern = _begin(concern, "reconsider_request", actor=actor, version=version)
    reasons = _clean_text(reasons, required_message=MSG_RECONSIDERATION_REASONS_REQUIRED)
    answer = _version_in_force(concern)
    if answer is None:
        raise ValidationError(MSG_NO_PUBLISHED_ANSWER, code=WRONG_STATE)
    request = Reconsideration.objects.create(
        concern=concern,
        answer_version=answer,
        requested_by=actor,
        requested_by_name=person_name(actor)[:150],
        reasons=reasons,
        requested_at=clock.now(),
    )
    _save(concern, [])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.RECONSIDERATION_REQUESTED,
        from_state=concern.state,
        note=reasons,
    )
    _audit(
        actor,
        "reconsideration_requested",
        concern,
        {"reconsideration": request.pk, "answer_version": answer.number},
    )
    return request


RECONSIDERATION_DECISIONS = (ReconsiderationStatus.UPHELD, ReconsiderationStatus.REVISING)


@_portal_language
@transaction.atomic
def concern_reconsider_respond(
    *, actor, concern: Concern, version: int | None, decision: str, response: str
) -> Reconsideration:
    """The head of the body the concern is addressed to answers the open request: the
    answer is kept (upheld), or a new one will be issued (revising): the concern goes back
    to handling with the published text as the draft and a new due date from the rule,
    while the published version stays in force until the new one is published."""
    concern = _begin(concern, "reconsider_respond", actor=actor, version=version)
    if decision not in RECONSIDERATION_DECISIONS:
        raise ValidationError(
            MSG_UNKNOWN_CHOICE, code="invalid_choice", params={"value": str(decision)[:40]}
        )
    response = _clean_text(response, required_message=MSG_RECONSIDERATION_RESPONSE_REQUIRED)
    request = (
        concern.reconsiderations.select_for_update()
        .filter(status=ReconsiderationStatus.OPEN)
        .first()
    )
    if request is None:
        raise ValidationError(MSG_NO_OPEN_RECONSIDERATION, code=WRONG_STATE)
    now = clock.now()
    request.status = decision
    request.response = response
    request.responded_by = actor
    request.responded_at = now
    request.save(update_fields=["status", "response", "responded_by", "responded_at"])
    from_state = concern.state
    data = {"reconsideration": request.pk, "answer_version": request.answer_version.number}
    if decision == ReconsiderationStatus.UPHELD:
        _save(concern, [])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.RECONSIDERATION_UPHELD,
            from_state=from_state,
            note=response,
        )
        _audit(actor, "reconsideration_upheld", concern, data)
        return request
    answer = published_version(concern) or request.answer_version
    due = _due_from_rule(concern, clocks.local_date(now))
    concern.state = ConcernState.ASSIGNED
    concern.closed_at = None
    concern.answer_status = AnswerStatus.DRAFT
    concern.answer_text = answer.text
    concern.answer_public_text = answer.public_text
    concern.verdict = answer.verdict
    concern.verdict_explanation = answer.verdict_explanation
    _clear_signer(concern)
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    _save(
        concern,
        [
            "state",
            "closed_at",
            "answer_status",
            "answer_text",
            "answer_public_text",
            "verdict",
            "verdict_explanation",
            *SIGNER_FIELDS,
            "due_at",
            "due_explanation",
        ],
    )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.RECONSIDERATION_REVISING,
        from_state=from_state,
        note=response,
        is_public=True,
        public_note=gettext(
            "The answer is being reconsidered. It stays in force until a new answer is "
            "published, due by %(due)s."
        )
        % {"due": _fmt(due.due)},
    )
    _audit(actor, "reconsideration_revising", concern, {**data, "due": str(due.due)})
    return request
