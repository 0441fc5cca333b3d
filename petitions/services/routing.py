"""Accepting, assigning, passing to the other body of the unit, and the exits: refer,
decline, merge, withdraw."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock
from units.models import Unit
from units.permissions import Capability, has_capability

from .. import clocks, notifications
from ..institutions import body_name
from ..messages import (
    MSG_MERGE_SELF,
    MSG_MERGE_TARGET,
    MSG_NOTE_REQUIRED,
    MSG_NOTE_TO_CITIZEN_REQUIRED,
    MSG_REFER_SAME_UNIT,
    MSG_REFER_TARGET,
    MSG_TRANSFER_REASON_REQUIRED,
    MSG_UNIT_INACTIVE,
    MSG_UNIT_NOT_ALLOWED,
)
from ..models import (
    EXIT_STATES,
    IDENTITY_TYPES,
    AddressedTo,
    AnswerStatus,
    Concern,
    ConcernNote,
    ConcernState,
    ConcernType,
    DeclineReason,
    TransitionAction,
)
from ._common import (
    SIGNER_FIELDS,
    _after_commit,
    _apply_assignment,
    _audit,
    _begin,
    _check_choice,
    _clean_text,
    _clear_signer,
    _due_from_rule,
    _fmt,
    _history,
    _leave,
    _limit,
    _linked_copy,
    _portal_language,
    _require_identity,
    _save,
)


@_portal_language
@transaction.atomic
def concern_accept(
    *,
    actor,
    concern: Concern,
    version: int | None,
    type: str,
    category,
    is_complex: bool = False,
    note: str = "",
    accused_role: str = "",
    accused_name: str = "",
) -> Concern:
    """Classify and accept (thụ lý): the answer clock starts today.

    Classified as a complaint or a denunciation at acceptance: it is reclassified as the
    "reclassify" action does (:func:`identity.concern_reclassify`; a denunciation is
    protected at once, routed where it may be resolved, with the report of who saw the
    submitter before) and stays received: a complaint is accepted only by a notice and a
    denunciation by a decision, under their own procedures."""
    from .identity import check_type_change, concern_reclassify

    concern = _begin(concern, "accept", actor=actor, version=version)
    _check_choice(type, ConcernType)
    check_type_change(actor, concern, type)
    if type in IDENTITY_TYPES and concern.type != type:
        # A complaint is accepted by a notice, a denunciation by a decision (their own
        # actions): classifying one changes the type and leaves the case received.
        concern = concern_reclassify(
            actor=actor,
            concern=concern,
            version=None,
            type=type,
            reason=_clean_text(note) or gettext("Classified at acceptance."),
            accused_role=accused_role,
            accused_name=accused_name,
        )
        if category is not None and concern.category_id != category.pk:
            concern.category = category
            _save(concern, ["category"])
        return concern
    _require_identity(
        type,
        name=concern.submitter_name,
        phone=concern.submitter_phone,
        email=concern.submitter_email,
        address=concern.submitter_address,
    )
    old_type = concern.type
    concern.type = type
    concern.category = category
    concern.is_complex = bool(is_complex)
    now = clock.now()
    due = _due_from_rule(concern, clocks.local_date(now))
    concern.accepted_at = now
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    concern.state = ConcernState.ACCEPTED
    _save(
        concern,
        ["type", "category", "is_complex", "accepted_at", "due_at", "due_explanation", "state"],
    )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ACCEPTED,
        from_state=ConcernState.RECEIVED,
        note=_clean_text(note),
        is_public=True,
        public_note=gettext("Answer due by %(due)s (%(how)s).")
        % {"due": _fmt(due.due), "how": due.explanation()},
    )
    _audit(actor, "accepted", concern, {"type": type, "old_type": old_type, "due": str(due.due)})
    return concern


@_portal_language
@transaction.atomic
def concern_assign(
    *,
    actor,
    concern: Concern,
    version: int | None,
    assignee,
    unit: Unit | None = None,
    due_at: date | None = None,
    note: str = "",
) -> Concern:
    """Hand an accepted concern to an officer (or hand it on to another officer).

    The due date comes from the rule (set on acceptance); an earlier one may be set, a
    later one needs an extension.
    """
    concern = _begin(concern, "assign", actor=actor, version=version)
    unit = unit or concern.unit
    if unit.pk != concern.unit_id and not has_capability(
        actor, Capability.HANDLE_CONCERNS, unit, institution=concern.addressed_to
    ):
        raise ValidationError(MSG_UNIT_NOT_ALLOWED, code="unit_not_allowed")
    _apply_assignment(
        concern,
        actor=actor,
        unit=unit,
        assignee=assignee,
        due_at=due_at,
        enforce_rule=True,
        note=_clean_text(note),
    )
    return concern


@dataclass
class BulkResult:
    done: list[Concern]
    skipped: list[tuple[Concern, str]]


def concerns_bulk_assign(
    *, actor, concerns, assignee, versions: dict[int, int] | None = None
) -> BulkResult:
    """Assign several concerns to one officer; each in its own transaction."""
    result = BulkResult(done=[], skipped=[])
    for concern in concerns:
        version = (versions or {}).get(concern.pk)
        try:
            result.done.append(
                concern_assign(actor=actor, concern=concern, version=version, assignee=assignee)
            )
        except ValidationError as exc:
            result.skipped.append((concern, " ".join(str(m) for m in exc.messages)))
    return result


def _referred_identity(concern: Concern) -> dict:
    """The submitter as the referred copy carries it: masked for a denunciation."""
    if concern.type == ConcernType.DENUNCIATION:
        from ..selectors import IDENTITY_WITHHELD

        return {
            "submitter_name": IDENTITY_WITHHELD,
            "submitter_phone": "",
            "submitter_email": "",
            "submitter_address": "",
        }
    return {
        "submitter_name": concern.submitter_name,
        "submitter_phone": concern.submitter_phone,
        "submitter_email": concern.submitter_email,
        "submitter_address": concern.submitter_address,
    }


@_portal_language
@transaction.atomic
def concern_refer(
    *,
    actor,
    concern: Concern,
    version: int | None,
    to_unit: Unit | None = None,
    outside_body: str = "",
    note_to_citizen: str = "",
    note: str = "",
) -> Concern:
    """Refer to another unit in the portal (it enters their queue) or to an outside body.

    Returns the concern as referred; for a unit in the portal the new linked concern is
    ``concern.referrals.get()``.
    """
    concern = _begin(concern, "refer", actor=actor, version=version)
    outside_body = _clean_text(outside_body, limit=_limit(Concern, "referred_to"))
    if bool(to_unit) == bool(outside_body):
        raise ValidationError(MSG_REFER_TARGET, code="refer_target")
    note_to_citizen = _clean_text(note_to_citizen)
    if to_unit is not None:
        if to_unit.pk == concern.unit_id:
            raise ValidationError(MSG_REFER_SAME_UNIT, code="same_unit")
        if not to_unit.is_active:
            raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
        new = _linked_copy(
            concern,
            to_unit,
            actor=actor,
            # A denunciator's identity never travels with a referral (Luật Tố cáo năm 2018
            # Điều 47): the copy says "Đã giữ bí mật"; the original keeps it.
            identity=_referred_identity(concern),
            note=gettext("Referred by %(unit)s (%(code)s).")
            % {"unit": concern.unit.name, "code": concern.tracking_code}
            + (f" {note}" if note else ""),
        )
        concern.referred_to = to_unit.name
        public_note = gettext(
            "Referred to %(unit)s, which handles it under the new tracking code %(code)s "
            "(use it with the same phone digits or e-mail)."
        ) % {"unit": to_unit.name, "code": new.tracking_code}
        if note_to_citizen:
            public_note = f"{public_note} {note_to_citizen}"
    else:
        if not note_to_citizen:
            raise ValidationError(MSG_NOTE_TO_CITIZEN_REQUIRED, code="note_required")
        concern.referred_to = outside_body
        public_note = gettext("Referred to %(body)s, which is competent for it.") % {
            "body": outside_body
        }
        public_note = f"{public_note} {note_to_citizen}"
    _leave(
        concern,
        ConcernState.REFERRED,
        actor=actor,
        action=TransitionAction.REFERRED,
        extra_fields=("referred_to",),
        note=_clean_text(note),
        public_note=public_note,
    )
    _audit(
        actor, "referred", concern, {"to": concern.referred_to, "in_portal": to_unit is not None}
    )
    return concern


def _other_body(addressed_to: str) -> str:
    return AddressedTo.PARTY if addressed_to == AddressedTo.STATE else AddressedTo.STATE


@_portal_language
@transaction.atomic
def concern_transfer_body(
    *,
    actor,
    concern: Concern,
    version: int | None,
    reason: str,
    note_to_citizen: str = "",
) -> Concern:
    """Pass the concern to the other body of its unit: the citizen sent an administrative
    matter to the Party committee, or a Party matter to the People's Committee.

    The concern keeps its tracking code and its clocks (the law counts from receipt: the
    due dates do not move). An assigned concern goes back to "accepted" without its
    officer, who works for the body that passed it on; a draft answer of that body is kept
    as an internal note for the new one. ``reason`` is the note to the other body (staff
    only); ``note_to_citizen`` is added to what the status page says.
    """
    concern = _begin(concern, "transfer_body", actor=actor, version=version)
    reason = _clean_text(reason, required_message=MSG_TRANSFER_REASON_REQUIRED)
    note_to_citizen = _clean_text(note_to_citizen)
    from_body, to_body = concern.addressed_to, _other_body(concern.addressed_to)
    from_state = concern.state
    concern.addressed_to = to_body
    fields = ["addressed_to"]
    if from_state == ConcernState.ASSIGNED:
        concern.state = ConcernState.ACCEPTED
        concern.assignee = None
        concern.assigned_at = None
        fields += ["state", "assignee", "assigned_at"]
    if concern.answer_status != AnswerStatus.NONE or concern.answer_text:
        _set_aside_draft(concern, actor=actor, from_body=from_body)
        fields += [
            "answer_status",
            "answer_text",
            "answer_public_text",
            "verdict",
            "verdict_explanation",
            "answer_drafted_by",
            *SIGNER_FIELDS,
        ]
    _save(concern, fields)
    public_note = gettext("Passed to %(body)s, which handles it from now on.") % {
        "body": body_name(concern.unit, to_body)
    }
    if note_to_citizen:
        public_note = f"{public_note} {note_to_citizen}"
    _history(
        concern,
        actor=actor,
        action=TransitionAction.BODY_TRANSFERRED,
        from_state=from_state,
        note=reason,
        is_public=True,
        public_note=public_note,
    )
    _audit(actor, "body_transferred", concern, {"from": from_body, "to": to_body})
    _after_commit(notifications.send_body_transferred, concern, from_body=from_body, reason=reason)
    return concern


def _set_aside_draft(concern: Concern, *, actor, from_body: str) -> None:
    """The new body writes its own answer: the old draft becomes an internal note."""
    if concern.answer_text or concern.answer_public_text:
        text = gettext("Draft answer of %(body)s before the concern was passed on:") % {
            "body": body_name(concern.unit, from_body)
        }
        parts = [text, concern.answer_text, concern.answer_public_text]
        ConcernNote.objects.create(
            concern=concern,
            author=actor,
            created_at=clock.now(),
            text="\n\n".join(p for p in parts if p),
        )
    concern.answer_status = AnswerStatus.NONE
    concern.answer_text = ""
    concern.answer_public_text = ""
    concern.verdict = ""
    concern.verdict_explanation = ""
    concern.answer_drafted_by = None
    _clear_signer(concern)


@_portal_language
@transaction.atomic
def concern_decline(
    *,
    actor,
    concern: Concern,
    version: int | None,
    reason: str,
    note_to_citizen: str,
    note: str = "",
) -> Concern:
    """Decline to handle (không thụ lý), on one of the grounds the law allows."""
    concern = _begin(concern, "decline", actor=actor, version=version)
    _check_choice(reason, DeclineReason)
    note_to_citizen = _clean_text(note_to_citizen, required_message=MSG_NOTE_TO_CITIZEN_REQUIRED)
    concern.decline_reason = reason
    _leave(
        concern,
        ConcernState.DECLINED,
        actor=actor,
        action=TransitionAction.DECLINED,
        extra_fields=("decline_reason",),
        note=_clean_text(note),
        public_note=f"{DeclineReason(reason).label}. {note_to_citizen}",
    )
    _audit(actor, "declined", concern, {"reason": reason})
    return concern


@_portal_language
@transaction.atomic
def concern_merge(
    *, actor, concern: Concern, version: int | None, into: Concern, note: str = ""
) -> Concern:
    """Mark a duplicate: it ends here and is handled with the surviving concern ``into``."""
    if into.pk == concern.pk:
        raise ValidationError(MSG_MERGE_SELF, code="merge_self")
    # Lock both rows, lowest id first, so two opposite merges cannot deadlock.
    first, second = sorted((concern.pk, into.pk))
    locked = {
        c.pk: c
        for c in Concern.objects.select_for_update().filter(pk__in=(first, second)).order_by("pk")
    }
    target = locked[into.pk]
    concern = _begin(concern, "merge", actor=actor, version=version)
    if (
        target.unit_id != concern.unit_id
        or target.addressed_to != concern.addressed_to
        or target.state in EXIT_STATES
    ):
        raise ValidationError(MSG_MERGE_TARGET, code="merge_target")
    concern.merged_into = target
    _leave(
        concern,
        ConcernState.MERGED,
        actor=actor,
        action=TransitionAction.MERGED,
        extra_fields=("merged_into",),
        note=gettext("Merged into %(code)s.") % {"code": target.tracking_code}
        + (f" {note}" if note else ""),
        public_note=gettext(
            "Another concern raises the same matter; both are handled together and the answer "
            "covers yours."
        ),
    )
    _audit(actor, "merged", concern, {"into": target.pk})
    return concern


@_portal_language
@transaction.atomic
def concern_withdraw(*, actor, concern: Concern, version: int | None, note: str) -> Concern:
    """The citizen withdrew the concern (recorded by staff: how and when they said so)."""
    concern = _begin(concern, "withdraw", actor=actor, version=version)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    _leave(
        concern,
        ConcernState.WITHDRAWN,
        actor=actor,
        action=TransitionAction.WITHDRAWN,
        note=note,
        public_note=gettext("Withdrawn at the submitter's request."),
    )
    _audit(actor, "withdrawn", concern)
    return concern
