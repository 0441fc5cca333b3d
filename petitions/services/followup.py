"""Follow-up commitments: what an answer promises, and marking it done."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock

from .. import clocks
from ..messages import (
    MSG_COMMITMENT_DONE,
    MSG_CONTENT_REQUIRED,
    MSG_DUE_IN_PAST,
    MSG_NOTE_REQUIRED,
)
from ..models import (
    Concern,
    ConcernState,
    FollowUpCommitment,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _clean_text,
    _history,
    _leave,
    _limit,
    _open_commitments,
    _portal_language,
    _save,
    _save_attachments,
    _validate_attachments,
)


@_portal_language
@transaction.atomic
def commitment_add(
    *, actor, concern: Concern, version: int | None, what: str, who: str, due: date
) -> FollowUpCommitment:
    """Record what the answer promises: what, by whom, by when."""
    concern = _begin(concern, "commitment_add", actor=actor, version=version)
    what = _clean_text(what, required_message=MSG_CONTENT_REQUIRED, limit=2000)
    who = _clean_text(
        who, required_message=MSG_CONTENT_REQUIRED, limit=_limit(FollowUpCommitment, "who")
    )
    if due < clocks.today():
        raise ValidationError(MSG_DUE_IN_PAST, code="due_in_past")
    commitment = FollowUpCommitment.objects.create(
        concern=concern, what=what, who=who, due=due, created_by=actor, created_at=clock.now()
    )
    _save(concern, [])
    _audit(actor, "commitment_added", concern, {"commitment": commitment.pk, "due": str(due)})
    return commitment


@_portal_language
@transaction.atomic
def commitment_complete(
    *, actor, commitment: FollowUpCommitment, note: str, evidence=None
) -> FollowUpCommitment:
    """Mark a commitment done with a note (and evidence); the last one closes the concern."""
    concern = _begin(commitment.concern_id, "commitment_done", actor=actor, version=None)
    commitment = FollowUpCommitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.is_done:
        raise ValidationError(MSG_COMMITMENT_DONE, code="already_done")
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED, limit=5000)
    files = _validate_attachments([evidence] if evidence else [])
    commitment.done_at = clock.now()
    commitment.done_by = actor
    commitment.done_note = note
    commitment.save(update_fields=["done_at", "done_by", "done_note"])
    _save_attachments(concern, files, actor=actor, commitment=commitment)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.COMMITMENT_DONE,
        from_state=concern.state,
        note=note,
        is_public=True,
        public_note=gettext("Done: %(what)s") % {"what": commitment.what},
    )
    _audit(actor, "commitment_done", concern, {"commitment": commitment.pk})
    if concern.state == ConcernState.FOLLOWING_UP and not _open_commitments(concern):
        _leave(
            concern,
            ConcernState.CLOSED,
            actor=actor,
            action=TransitionAction.CLOSED,
            note=gettext("Every follow-up commitment is done."),
        )
        _audit(actor, "closed", concern)
    else:
        _save(concern, [])
    return commitment
