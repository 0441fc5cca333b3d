"""Every change to a concern: one keyword-only function per action.

Each one: ``transaction.atomic`` → ``select_for_update`` re-fetch → guard (a
``ValidationError`` with one of the ``MSG_*`` constants below) → change →
``save(update_fields=...)`` → history row → ``audit_record`` → e-mail on commit.

Staff actions take the ``version`` the user saw on the page (optimistic locking): when
someone else changed the concern in between, the action refuses with ``MSG_STALE`` and
changes nothing. Citizen actions (accept, dispute) take none.
"""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.uploads import random_upload_name, validate_upload
from units.models import Membership, Role, Unit
from units.permissions import Capability, has_capability

from . import clocks, notifications, selectors
from .models import (
    EXIT_STATES,
    FINAL_STATES,
    INTAKE_CHANNELS,
    OPEN_STATES,
    AnswerStatus,
    AnswerVerdict,
    CitizenVerdict,
    Concern,
    ConcernAttachment,
    ConcernChannel,
    ConcernNote,
    ConcernState,
    ConcernTransition,
    ConcernType,
    DeclineReason,
    Extension,
    ExtensionStatus,
    FollowUpCommitment,
    Organisation,
    Pause,
    TransitionAction,
)
from .tracking import generate_code

# ---------------------------------------------------------------------------------------
# Messages (the tests import these)

MSG_STALE = _(
    "Someone else changed this concern while you were looking at it. Nothing was saved: "
    "check its current state and try again."
)
MSG_WRONG_STATE = _("This is not possible while the concern is “%(state)s”.")
MSG_CONTENT_REQUIRED = _("Write what the concern is about.")
MSG_CONTENT_TOO_LONG = _("The content is too long: at most %(limit)s characters.")
MSG_CONTENT_INVALID = _("The text contains characters that cannot be stored.")
MSG_CONSENT_REQUIRED = _(
    "Tick the consent box: we need your agreement to keep and use your contact details."
)
MSG_IDENTITY_REQUIRED = _(
    "A complaint or a denunciation needs the submitter's name and a way to reach them "
    "(phone, e-mail or address): the law does not allow handling them anonymously."
)
MSG_UNIT_INACTIVE = _("This unit no longer exists; choose a current ward or commune.")
MSG_UNKNOWN_CHOICE = _("“%(value)s” is not a valid choice.")
MSG_ORGANISATION_REQUIRED = _("Name the organisation on whose behalf the feedback is sent.")
MSG_SESSION_REQUIRED = _("A concern raised at a session must name the session.")
MSG_TOO_MANY_FILES = _("Attach at most %(limit)s files.")
MSG_ASSIGNEE_NOT_IN_UNIT = _("The officer must be someone who handles concerns in the chosen unit.")
MSG_UNIT_NOT_ALLOWED = _("You cannot hand concerns to that unit.")
MSG_DUE_AFTER_RULE = _(
    "The due date cannot be later than the rule allows (%(due)s). Ask for an extension instead."
)
MSG_DUE_IN_PAST = _("The date cannot be in the past.")
MSG_REFER_TARGET = _("Choose either a unit in the portal or an outside body (exactly one).")
MSG_REFER_SAME_UNIT = _("The concern is already with this unit.")
MSG_NOTE_TO_CITIZEN_REQUIRED = _("Write the note the citizen will read.")
MSG_NOTE_REQUIRED = _("Write a note.")
MSG_REASON_REQUIRED = _("Give the reason.")
MSG_MERGE_SELF = _("A concern cannot be merged into itself.")
MSG_MERGE_TARGET = _(
    "Merge only into a concern of the same unit that is still being handled or answered."
)
MSG_ANSWER_REQUIRED = _("Write the answer, both the letter and the text to publish.")
MSG_ANSWER_NOT_EDITABLE = _("The answer is waiting for approval or already published.")
MSG_VERDICT_REQUIRED = _(
    "An answer to QĐ 936 feedback must say whether it is accepted, partly accepted or not accepted."
)
MSG_VERDICT_EXPLANATION_REQUIRED = _(
    "Explain what is not accepted and why (Luật MTTQ requires it in writing)."
)
MSG_PAUSED = _("The concern is paused. End the pause first.")
MSG_NOT_HEAD = _("Only the unit head can approve.")
MSG_NO_PENDING_ANSWER = _("There is no answer waiting for approval.")
MSG_NOT_RETURNABLE = _("Only an answer waiting for approval or just published can be returned.")
MSG_CANNOT_RETURN = _("You may not return this answer for rework.")
MSG_WINDOW_CLOSED = _("The time to accept or dispute this answer has ended.")
MSG_ALREADY_DECIDED = _("You have already given your verdict on this answer.")
MSG_DISPUTE_REASON_REQUIRED = _("Say why you do not agree with the answer.")
MSG_CLOSE_TOO_EARLY = _(
    "The citizen may accept or dispute the answer until %(date)s. Close it after that, "
    "or when the citizen accepts."
)
MSG_COMMITMENTS_OPEN = _("Some follow-up commitments are not done yet.")
MSG_COMMITMENT_DONE = _("This commitment is already marked done.")
MSG_EXTENSION_PENDING = _("An extension is already waiting for the head's decision.")
MSG_EXTENSION_LIMIT = _("The rule allows no more extensions for this type (%(limit)s).")
MSG_EXTENSION_NOT_LATER = _("The new due date must be later than the current one (%(due)s).")
MSG_EXTENSION_DECIDED = _("This extension request was already decided.")
MSG_ALREADY_PAUSED = _("The concern is already paused.")
MSG_NOT_PAUSED = _("The concern is not paused.")
MSG_OUTCOME = _("Choose what happened to the opinion: answered, assigned or referred.")
MSG_ANSWER_ON_THE_SPOT = _("Write the answer given on the spot.")
MSG_REFERRED_TO_REQUIRED = _("Say where the opinion was referred.")
MSG_ERASE_NOTHING = _(
    "Nothing can be erased: none of these concerns has ended. A concern still being "
    "handled needs the person's identity (the law does not allow complaints and "
    "denunciations to be handled anonymously): finish it first, or record its withdrawal "
    "if the person withdraws it."
)
MSG_ERASE_CHANGED = _(
    "The concerns of this person changed after you looked (%(count)s can be erased now). "
    "Nothing was erased: check the list and confirm again."
)

CONTENT_LIMIT = 10_000
MAX_ATTACHMENTS = 5
ATTACHMENT_KINDS = ("pdf", "jpeg", "png")


def _portal_language(func):
    """Run a service in the portal's language: the history notes it stores are Vietnamese."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def _state_error(concern: Concern) -> ValidationError:
    return ValidationError(
        MSG_WRONG_STATE, code="wrong_state", params={"state": concern.get_state_display()}
    )


def _fmt(day: date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


# ---------------------------------------------------------------------------------------
# Shared steps


def _lock(concern: Concern | int, version: int | None = None) -> Concern:
    pk = concern.pk if isinstance(concern, Concern) else concern
    locked = Concern.objects.select_for_update().select_related("unit").get(pk=pk)
    if version is not None and int(version) != locked.version:
        raise ValidationError(MSG_STALE, code="stale")
    return locked


def _save(concern: Concern, fields: list[str]) -> None:
    concern.version += 1
    concern.save(update_fields=[*fields, "version", "updated_at"])


def _history(
    concern: Concern,
    *,
    actor,
    action: str,
    from_state: str,
    note: str = "",
    public_note: str = "",
    is_public: bool = False,
) -> ConcernTransition:
    return ConcernTransition.objects.create(
        concern=concern,
        created_at=clock.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_state=from_state,
        to_state=concern.state,
        note=note,
        public_note=public_note,
        is_public=is_public,
    )


def _audit(actor, action: str, concern: Concern, data: dict | None = None, ip_address=None) -> None:
    audit_record(
        actor=actor,
        action=f"concern.{action}",
        obj=concern,
        unit=concern.unit,
        data=data or {},
        ip_address=ip_address,
    )


def _after_commit(func, *args, **kwargs) -> None:
    if notifications.is_muted():
        return
    transaction.on_commit(lambda: func(*args, **kwargs))


def _clean_text(value: str, *, required_message=None, limit: int = CONTENT_LIMIT) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError(MSG_CONTENT_INVALID, code="invalid_characters")
    if required_message is not None and not value:
        raise ValidationError(required_message, code="required")
    if len(value) > limit:
        raise ValidationError(MSG_CONTENT_TOO_LONG, code="too_long", params={"limit": limit})
    return value


def _require_identity(
    concern_type: str, *, name: str, phone: str, email: str, address: str
) -> None:
    if ConcernType.requires_identity(concern_type) and not (name and (phone or email or address)):
        raise ValidationError(MSG_IDENTITY_REQUIRED, code="identity_required")


def _check_choice(value: str, choices) -> None:
    if value not in choices.values:
        raise ValidationError(MSG_UNKNOWN_CHOICE, code="invalid_choice", params={"value": value})


def _save_attachments(concern: Concern, attachments, *, actor=None, commitment=None) -> None:
    for upload, kind in attachments:
        name = PurePosixPath(str(upload.name or "")).name[:120]
        attachment = ConcernAttachment(
            concern=concern,
            commitment=commitment,
            kind=kind,
            original_name=name,
            size=upload.size,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=clock.now(),
        )
        attachment.file.save(random_upload_name("concerns", kind), upload, save=False)
        attachment.save()


def _validate_attachments(attachments) -> list:
    attachments = [a for a in (attachments or ()) if a]
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            MSG_TOO_MANY_FILES, code="too_many_files", params={"limit": MAX_ATTACHMENTS}
        )
    return [(upload, validate_upload(upload, allowed=ATTACHMENT_KINDS)) for upload in attachments]


def _create_concern(**fields) -> Concern:
    """Insert a concern with a fresh tracking code, retrying on the (unlikely) collision."""
    for _attempt in range(8):
        code = generate_code()
        if Concern.objects.filter(tracking_code=code).exists():
            continue
        concern = Concern(tracking_code=code, **fields)
        try:
            with transaction.atomic():
                concern.save()
        except IntegrityError:
            if Concern.objects.filter(tracking_code=code).exists():
                continue
            raise
        return concern
    raise RuntimeError("Could not find a free tracking code")  # pragma: no cover


def _is_member(user, unit, roles) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, unit=unit, role__in=roles, is_active=True).exists()


def _handlers_of(unit: Unit):
    return Membership.objects.filter(
        unit=unit, role__in=(Role.WARD_OFFICER, Role.UNIT_HEAD), is_active=True
    )


# ---------------------------------------------------------------------------------------
# Receiving


@_portal_language
@transaction.atomic
def concern_submit(
    *,
    unit: Unit,
    channel: str,
    type: str,
    category,
    content: str,
    address: str = "",
    submitter_name: str = "",
    submitter_phone: str = "",
    submitter_email: str = "",
    submitter_address: str = "",
    consent: bool,
    attachments=(),
    actor=None,
    session=None,
    organisation: str = "",
    ip_address: str | None = None,
) -> Concern:
    """Receive a concern from any channel. The citizen gets a receipt by e-mail on commit."""
    _check_choice(channel, ConcernChannel)
    _check_choice(type, ConcernType)
    if organisation:
        _check_choice(organisation, Organisation)
    if unit is None or not unit.is_active:
        raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
    content = _clean_text(content, required_message=MSG_CONTENT_REQUIRED)
    address = _clean_text(address, limit=300)
    submitter_name = _clean_text(submitter_name, limit=200)
    submitter_phone = _clean_text(submitter_phone, limit=30)
    submitter_email = _clean_text(submitter_email, limit=254)
    submitter_address = _clean_text(submitter_address, limit=300)
    personal = any((submitter_name, submitter_phone, submitter_email, submitter_address))
    if not consent and (channel == ConcernChannel.WEB or (personal and channel in INTAKE_CHANNELS)):
        raise ValidationError(MSG_CONSENT_REQUIRED, code="consent_required")
    _require_identity(
        type,
        name=submitter_name,
        phone=submitter_phone,
        email=submitter_email,
        address=submitter_address,
    )
    if channel == ConcernChannel.ORGANISATION and not organisation:
        raise ValidationError(MSG_ORGANISATION_REQUIRED, code="organisation_required")
    if channel == ConcernChannel.SESSION and session is None:
        raise ValidationError(MSG_SESSION_REQUIRED, code="session_required")
    files = _validate_attachments(attachments)

    now = clock.now()
    ack = clocks.acknowledge_due(type, clocks.local_date(now))
    concern = _create_concern(
        unit=unit,
        channel=channel,
        type=type,
        category=category,
        content=content,
        address=address,
        submitter_name=submitter_name,
        submitter_phone=submitter_phone,
        submitter_email=submitter_email,
        submitter_address=submitter_address,
        consent_given_at=now if consent else None,
        session=session,
        organisation=organisation,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        received_at=now,
        ack_due_at=ack.due,
        due_explanation="",
    )
    _save_attachments(concern, files, actor=actor)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.SUBMITTED,
        from_state="",
        note=ack.explanation(),
        is_public=True,
    )
    _audit(
        actor,
        "submitted",
        concern,
        {"channel": channel, "type": type, "attachments": len(files)},
        ip_address=ip_address,
    )
    if concern.submitter_email:
        _after_commit(notifications.send_receipt, concern)
    return concern


def _due_from_rule(concern: Concern, start: date) -> clocks.DueDate:
    return clocks.answer_due(concern.type, start, is_complex=concern.is_complex)


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
) -> Concern:
    """Classify and accept (thụ lý): the answer clock starts today."""
    concern = _lock(concern, version)
    if concern.state != ConcernState.RECEIVED:
        raise _state_error(concern)
    if concern.is_paused:
        raise ValidationError(MSG_PAUSED, code="paused")
    _check_choice(type, ConcernType)
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


def _check_assignee(unit: Unit, assignee) -> None:
    if assignee is None or not has_capability(assignee, Capability.HANDLE_CONCERNS, unit):
        raise ValidationError(MSG_ASSIGNEE_NOT_IN_UNIT, code="assignee_not_in_unit")
    if assignee.is_superuser and not _is_member(
        assignee, unit, (Role.WARD_OFFICER, Role.UNIT_HEAD)
    ):
        raise ValidationError(MSG_ASSIGNEE_NOT_IN_UNIT, code="assignee_not_in_unit")


def _apply_assignment(
    concern: Concern,
    *,
    actor,
    unit: Unit,
    assignee,
    due_at: date | None,
    enforce_rule: bool,
    note: str,
) -> None:
    _check_assignee(unit, assignee)
    today = clocks.today()
    fields = ["unit", "assignee", "assigned_at", "state"]
    if due_at is not None:
        if due_at < today:
            raise ValidationError(MSG_DUE_IN_PAST, code="due_in_past")
        if enforce_rule and concern.due_at is not None and due_at > concern.due_at:
            raise ValidationError(
                MSG_DUE_AFTER_RULE, code="due_after_rule", params={"due": _fmt(concern.due_at)}
            )
        if due_at != concern.due_at:
            concern.due_explanation = gettext(
                "Set by %(who)s on %(day)s (the rule allowed: %(rule)s)."
            ) % {
                "who": actor.get_full_name() or actor.get_username(),
                "day": _fmt(today),
                "rule": concern.due_explanation or "—",
            }
            concern.due_at = due_at
            fields += ["due_at", "due_explanation"]
    from_state = concern.state
    concern.unit = unit
    concern.assignee = assignee
    concern.assigned_at = clock.now()
    concern.state = ConcernState.ASSIGNED
    _save(concern, fields)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ASSIGNED,
        from_state=from_state,
        note=note,
        is_public=from_state != ConcernState.ASSIGNED,
        public_note=gettext("Assigned for handling; answer due by %(due)s.")
        % {"due": _fmt(concern.due_at)},
    )
    _audit(
        actor,
        "assigned",
        concern,
        {"assignee": assignee.get_username(), "unit": unit.code, "due": str(concern.due_at)},
    )
    _after_commit(notifications.send_assignment, concern)


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
    concern = _lock(concern, version)
    if concern.state not in (ConcernState.ACCEPTED, ConcernState.ASSIGNED):
        raise _state_error(concern)
    unit = unit or concern.unit
    if unit.pk != concern.unit_id and not has_capability(actor, Capability.HANDLE_CONCERNS, unit):
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


# ---------------------------------------------------------------------------------------
# Other exits


def _end(concern: Concern, state: str) -> list[str]:
    concern.state = state
    concern.closed_at = clock.now()
    fields = ["state", "closed_at"]
    if concern.paused_since is not None:
        Pause.objects.filter(concern=concern, ended_at__isnull=True).update(
            ended_at=concern.closed_at
        )
        concern.paused_since = None
        fields.append("paused_since")
    return fields


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
    concern = _lock(concern, version)
    if concern.state not in OPEN_STATES:
        raise _state_error(concern)
    outside_body = _clean_text(outside_body, limit=300)
    if bool(to_unit) == bool(outside_body):
        raise ValidationError(MSG_REFER_TARGET, code="refer_target")
    note_to_citizen = _clean_text(note_to_citizen)
    from_state = concern.state
    if to_unit is not None:
        if to_unit.pk == concern.unit_id:
            raise ValidationError(MSG_REFER_SAME_UNIT, code="same_unit")
        if not to_unit.is_active:
            raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
        now = clock.now()
        new = _create_concern(
            unit=to_unit,
            channel=ConcernChannel.REFERRAL,
            type=concern.type,
            category=concern.category,
            content=concern.content,
            address=concern.address,
            submitter_name=concern.submitter_name,
            submitter_phone=concern.submitter_phone,
            submitter_email=concern.submitter_email,
            submitter_address=concern.submitter_address,
            consent_given_at=concern.consent_given_at,
            session=concern.session,
            organisation=concern.organisation,
            submitted_by=actor,
            received_at=now,
            ack_due_at=clocks.acknowledge_due(concern.type, clocks.local_date(now)).due,
            referred_from=concern,
        )
        for attachment in concern.attachments.filter(commitment__isnull=True):
            ConcernAttachment.objects.create(
                concern=new,
                file=attachment.file.name,
                kind=attachment.kind,
                original_name=attachment.original_name,
                size=attachment.size,
                uploaded_by=attachment.uploaded_by,
            )
        _history(
            new,
            actor=actor,
            action=TransitionAction.SUBMITTED,
            from_state="",
            note=gettext("Referred by %(unit)s (%(code)s).")
            % {"unit": concern.unit.name, "code": concern.tracking_code}
            + (f" {note}" if note else ""),
            is_public=True,
        )
        _audit(actor, "submitted", new, {"channel": ConcernChannel.REFERRAL, "from": concern.pk})
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
    fields = _end(concern, ConcernState.REFERRED)
    _save(concern, [*fields, "referred_to"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.REFERRED,
        from_state=from_state,
        note=_clean_text(note),
        is_public=True,
        public_note=public_note,
    )
    _audit(
        actor, "referred", concern, {"to": concern.referred_to, "in_portal": to_unit is not None}
    )
    return concern


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
    concern = _lock(concern, version)
    if concern.state not in OPEN_STATES:
        raise _state_error(concern)
    _check_choice(reason, DeclineReason)
    note_to_citizen = _clean_text(note_to_citizen, required_message=MSG_NOTE_TO_CITIZEN_REQUIRED)
    from_state = concern.state
    concern.decline_reason = reason
    fields = _end(concern, ConcernState.DECLINED)
    _save(concern, [*fields, "decline_reason"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.DECLINED,
        from_state=from_state,
        note=_clean_text(note),
        is_public=True,
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
    concern = _lock(concern, version)
    if concern.state not in OPEN_STATES:
        raise _state_error(concern)
    if target.unit_id != concern.unit_id or target.state in EXIT_STATES:
        raise ValidationError(MSG_MERGE_TARGET, code="merge_target")
    from_state = concern.state
    concern.merged_into = target
    fields = _end(concern, ConcernState.MERGED)
    _save(concern, [*fields, "merged_into"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.MERGED,
        from_state=from_state,
        note=gettext("Merged into %(code)s.") % {"code": target.tracking_code}
        + (f" {note}" if note else ""),
        is_public=True,
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
    concern = _lock(concern, version)
    if concern.state not in OPEN_STATES:
        raise _state_error(concern)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    from_state = concern.state
    fields = _end(concern, ConcernState.WITHDRAWN)
    _save(concern, fields)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.WITHDRAWN,
        from_state=from_state,
        note=note,
        is_public=True,
        public_note=gettext("Withdrawn at the submitter's request."),
    )
    _audit(actor, "withdrawn", concern)
    return concern


# ---------------------------------------------------------------------------------------
# Answering


def _check_answer(concern: Concern) -> None:
    if not concern.answer_text.strip() or not concern.answer_public_text.strip():
        raise ValidationError(MSG_ANSWER_REQUIRED, code="answer_required")
    if concern.type == ConcernType.FEEDBACK:
        if concern.verdict not in AnswerVerdict.values:
            raise ValidationError(MSG_VERDICT_REQUIRED, code="verdict_required")
        if concern.verdict != AnswerVerdict.ACCEPTED and not concern.verdict_explanation.strip():
            raise ValidationError(
                MSG_VERDICT_EXPLANATION_REQUIRED, code="verdict_explanation_required"
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
    concern = _lock(concern, version)
    if concern.state != ConcernState.ASSIGNED:
        raise _state_error(concern)
    if concern.answer_status not in (AnswerStatus.NONE, AnswerStatus.DRAFT, AnswerStatus.RETURNED):
        raise ValidationError(MSG_ANSWER_NOT_EDITABLE, code="not_editable")
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


def _publish(concern: Concern, *, actor, from_action_note: str = "") -> None:
    after_dispute = concern.dispute_count > 0
    concern.state = ConcernState.ANSWERED
    concern.answer_status = AnswerStatus.PUBLISHED
    concern.answer_published_at = clock.now()
    concern.citizen_verdict = ""
    concern.citizen_verdict_at = None
    _save(
        concern,
        [
            "state",
            "answer_status",
            "answer_published_at",
            "citizen_verdict",
            "citizen_verdict_at",
            "answer_approved_by",
        ],
    )
    window = clocks.citizen_window(concern)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWERED,
        from_state=ConcernState.ASSIGNED,
        note=from_action_note,
        is_public=True,
        public_note=gettext("You may accept or dispute this answer until %(date)s.")
        % {"date": _fmt(window.due)},
    )
    _audit(actor, "answered", concern, {"after_dispute": after_dispute})
    if concern.submitter_email:
        _after_commit(notifications.send_answer, concern, after_dispute=after_dispute)


@_portal_language
@transaction.atomic
def concern_answer_submit(
    *, actor, concern: Concern, version: int | None, note: str = ""
) -> Concern:
    """Send the draft on: to the head when the rule asks for approval, else publish it."""
    concern = _lock(concern, version)
    if concern.state != ConcernState.ASSIGNED:
        raise _state_error(concern)
    if concern.answer_status not in (AnswerStatus.DRAFT, AnswerStatus.RETURNED):
        raise ValidationError(MSG_ANSWER_REQUIRED, code="answer_required")
    if concern.is_paused:
        raise ValidationError(MSG_PAUSED, code="paused")
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
        concern.answer_approved_by = None
        _publish(concern, actor=actor, from_action_note=note)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_approve(
    *, actor, concern: Concern, version: int | None, note: str = ""
) -> Concern:
    """The unit head signs the answer off; it is published at once."""
    concern = _lock(concern, version)
    if not has_capability(actor, Capability.SIGN_OFF, concern.unit):
        raise ValidationError(MSG_NOT_HEAD, code="not_head")
    if concern.state != ConcernState.ASSIGNED or concern.answer_status != AnswerStatus.PENDING:
        raise ValidationError(MSG_NO_PENDING_ANSWER, code="no_pending_answer")
    _check_answer(concern)
    concern.answer_approved_by = actor
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWER_APPROVED,
        from_state=concern.state,
        note=_clean_text(note),
    )
    _audit(actor, "answer_approved", concern)
    _publish(concern, actor=actor)
    return concern


@_portal_language
@transaction.atomic
def concern_answer_return(*, actor, concern: Concern, version: int | None, note: str) -> Concern:
    """Return an answer for rework: the head (waiting for approval) or a reviewer.

    A reviewer may also return an answer already published while the citizen's window is
    open; the concern goes back to handling and the answer comes off the public page.
    """
    concern = _lock(concern, version)
    note = _clean_text(note, required_message=MSG_NOTE_REQUIRED)
    is_head = has_capability(actor, Capability.SIGN_OFF, concern.unit)
    is_reviewer = has_capability(actor, Capability.RETURN_FOR_REWORK, concern.unit)
    pending = (
        concern.state == ConcernState.ASSIGNED and concern.answer_status == AnswerStatus.PENDING
    )
    published = concern.state == ConcernState.ANSWERED and concern.citizen_verdict == ""
    if not (pending or published):
        raise ValidationError(MSG_NOT_RETURNABLE, code="not_returnable")
    if not (is_reviewer or (pending and is_head)):
        raise ValidationError(MSG_CANNOT_RETURN, code="cannot_return")
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


def _open_commitments(concern: Concern) -> bool:
    return concern.commitments.filter(done_at__isnull=True).exists()


def _finish(concern: Concern, *, actor, action: str, note: str = "", public_note: str = "") -> None:
    """From an accepted (or no longer disputable) answer: follow up, or close."""
    from_state = concern.state
    if _open_commitments(concern):
        concern.state = ConcernState.FOLLOWING_UP
        fields = ["state"]
    else:
        fields = _end(concern, ConcernState.CLOSED)
    _save(concern, [*fields, "citizen_verdict", "citizen_verdict_at"])
    _history(
        concern,
        actor=actor,
        action=action,
        from_state=from_state,
        note=note,
        is_public=True,
        public_note=public_note,
    )


@_portal_language
@transaction.atomic
def concern_close(*, actor, concern: Concern, version: int | None, note: str = "") -> Concern:
    """Close after the answer: at once if nothing is promised, else into follow-up.

    Possible when the citizen accepted, or once their window to dispute has ended.
    """
    concern = _lock(concern, version)
    note = _clean_text(note)
    if concern.state == ConcernState.FOLLOWING_UP:
        if _open_commitments(concern):
            raise ValidationError(MSG_COMMITMENTS_OPEN, code="commitments_open")
        fields = _end(concern, ConcernState.CLOSED)
        _save(concern, fields)
        _history(
            concern,
            actor=actor,
            action=TransitionAction.CLOSED,
            from_state=ConcernState.FOLLOWING_UP,
            note=note,
            is_public=True,
        )
        _audit(actor, "closed", concern)
        return concern
    if concern.state != ConcernState.ANSWERED:
        raise _state_error(concern)
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


# ---------------------------------------------------------------------------------------
# The citizen's verdict (public pages; no actor, no version)


def _check_window(concern: Concern) -> None:
    if concern.state != ConcernState.ANSWERED:
        raise ValidationError(MSG_WINDOW_CLOSED, code="window_closed")
    if concern.citizen_verdict:
        raise ValidationError(MSG_ALREADY_DECIDED, code="already_decided")
    window = clocks.citizen_window(concern)
    if window is None or clocks.today() > window.due:
        raise ValidationError(MSG_WINDOW_CLOSED, code="window_closed")


@_portal_language
@transaction.atomic
def concern_citizen_accept(*, concern: Concern) -> Concern:
    """The citizen accepts the answer: follow-up if something was promised, else closed."""
    concern = _lock(concern)
    _check_window(concern)
    concern.citizen_verdict = CitizenVerdict.ACCEPTED
    concern.citizen_verdict_at = clock.now()
    _finish(concern, actor=None, action=TransitionAction.CITIZEN_ACCEPTED)
    _audit(None, "citizen_accepted", concern)
    return concern


@_portal_language
@transaction.atomic
def concern_citizen_dispute(*, concern: Concern, reason: str) -> Concern:
    """The citizen disputes the answer: the concern reopens with its own deadline."""
    concern = _lock(concern)
    _check_window(concern)
    reason = _clean_text(reason, required_message=MSG_DISPUTE_REASON_REQUIRED, limit=5000)
    now = clock.now()
    due = _due_from_rule(concern, clocks.local_date(now))
    from_state = concern.state
    concern.citizen_verdict = CitizenVerdict.DISPUTED
    concern.citizen_verdict_at = now
    concern.dispute_count += 1
    concern.state = ConcernState.ASSIGNED
    concern.answer_status = AnswerStatus.DRAFT
    concern.answer_approved_by = None
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
            "answer_approved_by",
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


# ---------------------------------------------------------------------------------------
# Follow-up commitments


@_portal_language
@transaction.atomic
def commitment_add(
    *, actor, concern: Concern, version: int | None, what: str, who: str, due: date
) -> FollowUpCommitment:
    """Record what the answer promises: what, by whom, by when."""
    concern = _lock(concern, version)
    if concern.state not in (
        ConcernState.ASSIGNED,
        ConcernState.ANSWERED,
        ConcernState.FOLLOWING_UP,
    ):
        raise _state_error(concern)
    what = _clean_text(what, required_message=MSG_CONTENT_REQUIRED, limit=2000)
    who = _clean_text(who, required_message=MSG_CONTENT_REQUIRED, limit=200)
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
    concern = _lock(commitment.concern_id)
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
        fields = _end(concern, ConcernState.CLOSED)
        _save(concern, fields)
        _history(
            concern,
            actor=actor,
            action=TransitionAction.CLOSED,
            from_state=ConcernState.FOLLOWING_UP,
            note=gettext("Every follow-up commitment is done."),
            is_public=True,
        )
        _audit(actor, "closed", concern)
    else:
        _save(concern, [])
    return commitment


# ---------------------------------------------------------------------------------------
# Extensions and pauses


@_portal_language
@transaction.atomic
def concern_extension_request(
    *, actor, concern: Concern, version: int | None, new_due: date, reason: str
) -> Extension:
    """Ask the unit head for a later due date, with a reason."""
    concern = _lock(concern, version)
    if (
        concern.state not in (ConcernState.ACCEPTED, ConcernState.ASSIGNED)
        or concern.due_at is None
    ):
        raise _state_error(concern)
    reason = _clean_text(reason, required_message=MSG_REASON_REQUIRED, limit=5000)
    if concern.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError(MSG_EXTENSION_PENDING, code="extension_pending")
    limit = clocks.rule_for(concern.type).max_extensions
    if concern.extensions.filter(status=ExtensionStatus.APPROVED).count() >= limit:
        raise ValidationError(MSG_EXTENSION_LIMIT, code="extension_limit", params={"limit": limit})
    if new_due <= concern.due_at:
        raise ValidationError(
            MSG_EXTENSION_NOT_LATER, code="not_later", params={"due": _fmt(concern.due_at)}
        )
    extension = Extension.objects.create(
        concern=concern,
        reason=reason,
        requested_by=actor,
        old_due=concern.due_at,
        new_due=new_due,
        requested_at=clock.now(),
    )
    _save(concern, [])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.EXTENSION_REQUESTED,
        from_state=concern.state,
        note=gettext("Asked to move the due date from %(old)s to %(new)s: %(reason)s")
        % {"old": _fmt(extension.old_due), "new": _fmt(new_due), "reason": reason},
    )
    _audit(actor, "extension_requested", concern, {"new_due": str(new_due)})
    return extension


@_portal_language
@transaction.atomic
def concern_extension_decide(
    *, actor, extension: Extension, version: int | None, approve: bool, note: str = ""
) -> Extension:
    """The unit head approves (the due date moves, visibly) or refuses an extension."""
    concern = _lock(extension.concern_id, version)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if not has_capability(actor, Capability.SIGN_OFF, concern.unit):
        raise ValidationError(MSG_NOT_HEAD, code="not_head")
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError(MSG_EXTENSION_DECIDED, code="decided")
    if concern.state not in (ConcernState.ACCEPTED, ConcernState.ASSIGNED):
        raise _state_error(concern)
    note = _clean_text(note)
    if not approve and not note:
        raise ValidationError(MSG_REASON_REQUIRED, code="reason_required")
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.approved_by = actor
    extension.decided_at = clock.now()
    extension.decision_note = note
    extension.save(update_fields=["status", "approved_by", "decided_at", "decision_note"])
    if approve:
        old_due = concern.due_at
        concern.due_at = extension.new_due
        concern.due_explanation = gettext(
            "Extended from %(old)s to %(new)s, approved by %(who)s."
        ) % {
            "old": _fmt(old_due),
            "new": _fmt(extension.new_due),
            "who": actor.get_full_name() or actor.get_username(),
        }
        _save(concern, ["due_at", "due_explanation"])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.EXTENSION_APPROVED,
            from_state=concern.state,
            note=note,
            is_public=True,
            public_note=gettext("The deadline was extended from %(old)s to %(new)s.")
            % {"old": _fmt(old_due), "new": _fmt(extension.new_due)},
        )
    else:
        _save(concern, [])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.EXTENSION_REFUSED,
            from_state=concern.state,
            note=note,
        )
    _audit(
        actor,
        "extension_approved" if approve else "extension_refused",
        concern,
        {"extension": extension.pk},
    )
    return extension


@_portal_language
@transaction.atomic
def concern_pause_start(*, actor, concern: Concern, version: int | None, reason: str) -> Pause:
    """Stop the clock while waiting for the citizen (e.g. for missing documents)."""
    concern = _lock(concern, version)
    if concern.state not in OPEN_STATES:
        raise _state_error(concern)
    if concern.is_paused:
        raise ValidationError(MSG_ALREADY_PAUSED, code="already_paused")
    reason = _clean_text(reason, required_message=MSG_REASON_REQUIRED, limit=2000)
    pause = Pause.objects.create(
        concern=concern, reason=reason, started_by=actor, started_at=clock.now()
    )
    concern.paused_since = pause.started_at
    _save(concern, ["paused_since"])
    _history(
        concern,
        actor=actor,
        action=TransitionAction.PAUSED,
        from_state=concern.state,
        note=reason,
        is_public=True,
        public_note=gettext("Waiting for information from you; the deadline is on hold."),
    )
    _audit(actor, "paused", concern)
    return pause


@_portal_language
@transaction.atomic
def concern_pause_end(*, actor, concern: Concern, version: int | None, note: str = "") -> Pause:
    """Restart the clock; the due date moves on by the length of the pause."""
    concern = _lock(concern, version)
    if not concern.is_paused:
        raise ValidationError(MSG_NOT_PAUSED, code="not_paused")
    pause = Pause.objects.select_for_update().get(concern=concern, ended_at__isnull=True)
    now = clock.now()
    pause.ended_at = now
    pause.ended_by = actor
    pause.save(update_fields=["ended_at", "ended_by"])
    started, ended = clocks.local_date(pause.started_at), clocks.local_date(now)
    fields = ["paused_since"]
    concern.paused_since = None
    moved = ""
    if concern.state == ConcernState.RECEIVED and concern.ack_due_at:
        old = concern.ack_due_at
        concern.ack_due_at = (
            clocks.add_working_days(old, clocks.count_working_days(started, ended))
            if started != ended
            else old
        )
        fields.append("ack_due_at")
        moved = (old, concern.ack_due_at)
    elif concern.due_at:
        old = concern.due_at
        concern.due_at = clocks.shift_for_pause(old, concern.type, started, ended)
        fields.append("due_at")
        if concern.due_at != old:
            concern.due_explanation = (
                f"{concern.due_explanation} "
                + gettext("Moved from %(old)s to %(new)s for the pause of %(start)s–%(end)s.")
                % {
                    "old": _fmt(old),
                    "new": _fmt(concern.due_at),
                    "start": _fmt(started),
                    "end": _fmt(ended),
                }
            ).strip()
            fields.append("due_explanation")
        moved = (old, concern.due_at)
    _save(concern, fields)
    public_note = gettext("The deadline runs again.")
    if moved and moved[0] != moved[1]:
        public_note = gettext("The deadline runs again and moves from %(old)s to %(new)s.") % {
            "old": _fmt(moved[0]),
            "new": _fmt(moved[1]),
        }
    _history(
        concern,
        actor=actor,
        action=TransitionAction.RESUMED,
        from_state=concern.state,
        note=_clean_text(note),
        is_public=True,
        public_note=public_note,
    )
    _audit(actor, "resumed", concern)
    return pause


# ---------------------------------------------------------------------------------------
# Notes, privacy


@_portal_language
@transaction.atomic
def concern_add_note(*, actor, concern: Concern, text: str) -> ConcernNote:
    """An internal note (never public)."""
    text = _clean_text(text, required_message=MSG_NOTE_REQUIRED, limit=5000)
    note = ConcernNote.objects.create(
        concern=concern, author=actor, text=text, created_at=clock.now()
    )
    _audit(actor, "note_added", concern)
    return note


def concern_record_identity_view(*, actor, concern: Concern, ip_address: str | None = None) -> None:
    """Audit that ``actor`` saw a denunciation's submitter (every view is logged)."""
    _audit(actor, "identity_viewed", concern, ip_address=ip_address)


# ---------------------------------------------------------------------------------------
# Opinions raised at a session


@_portal_language
@transaction.atomic
def concern_record_opinion(
    *,
    session,
    actor,
    raised_by: str,
    content: str,
    category,
    outcome: str,
    answer: str = "",
    assignee_unit=None,
    assignee=None,
    due_at=None,
    referred_to: str = "",
) -> Concern:
    """Record one opinion raised at a session, with its outcome.

    "answered": answered on the spot, stored and closed. "assigned": a concern assigned
    to ``assignee`` in ``assignee_unit`` (default: the session's unit) due ``due_at``
    (default: the rule). "referred": sent to ``referred_to``.
    """
    if outcome not in ("answered", "assigned", "referred"):
        raise ValidationError(MSG_OUTCOME, code="outcome")
    raised_by = _clean_text(raised_by, limit=200)
    content = _clean_text(content, required_message=MSG_CONTENT_REQUIRED)
    answer = _clean_text(answer)
    referred_to = _clean_text(referred_to, limit=300)
    if outcome == "answered" and not answer:
        raise ValidationError(MSG_ANSWER_ON_THE_SPOT, code="answer_required")
    if outcome == "referred" and not referred_to:
        raise ValidationError(MSG_REFERRED_TO_REQUIRED, code="referred_to_required")
    if outcome == "assigned":
        _check_assignee(assignee_unit or session.unit, assignee)
        if due_at is not None and due_at < clocks.today():
            raise ValidationError(MSG_DUE_IN_PAST, code="due_in_past")
    now = clock.now()
    type_ = ConcernType.RECOMMENDATION
    concern = _create_concern(
        unit=session.unit,
        channel=ConcernChannel.SESSION,
        type=type_,
        category=category,
        content=content,
        submitter_name=raised_by,
        session=session,
        submitted_by=actor,
        received_at=now,
        ack_due_at=clocks.acknowledge_due(type_, clocks.local_date(now)).due,
    )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.SUBMITTED,
        from_state="",
        note=gettext("Raised at the session “%(topic)s”.") % {"topic": session.topic},
        is_public=True,
    )
    _audit(actor, "submitted", concern, {"channel": ConcernChannel.SESSION, "session": session.pk})
    concern = _lock(concern)
    if outcome == "referred":
        concern.referred_to = referred_to
        fields = _end(concern, ConcernState.REFERRED)
        _save(concern, [*fields, "referred_to"])
        _history(
            concern,
            actor=actor,
            action=TransitionAction.REFERRED,
            from_state=ConcernState.RECEIVED,
            is_public=True,
            public_note=gettext("Referred to %(body)s, which is competent for it.")
            % {"body": referred_to},
        )
        _audit(actor, "referred", concern, {"to": referred_to, "in_portal": False})
        return concern
    due = _due_from_rule(concern, clocks.local_date(now))
    concern.accepted_at = now
    concern.due_at = due.due
    concern.due_explanation = due.explanation()
    concern.state = ConcernState.ACCEPTED
    _save(concern, ["accepted_at", "due_at", "due_explanation", "state"])
    _history(
        concern, actor=actor, action=TransitionAction.ACCEPTED, from_state=ConcernState.RECEIVED
    )
    if outcome == "answered":
        concern.assignee = actor
        concern.assigned_at = now
        concern.answer_text = answer
        concern.answer_public_text = answer
        concern.answer_status = AnswerStatus.PUBLISHED
        concern.answer_published_at = now
        concern.answer_drafted_by = actor
        concern.answered_at_session = True
        concern.state = ConcernState.ANSWERED
        _save(
            concern,
            [
                "answered_at_session",
                "assignee",
                "assigned_at",
                "answer_text",
                "answer_public_text",
                "answer_status",
                "answer_published_at",
                "answer_drafted_by",
                "state",
            ],
        )
        _history(
            concern,
            actor=actor,
            action=TransitionAction.ANSWERED,
            from_state=ConcernState.ACCEPTED,
            is_public=True,
            public_note=gettext("Answered on the spot at the session."),
        )
        fields = _end(concern, ConcernState.CLOSED)
        _save(concern, fields)
        _history(
            concern,
            actor=actor,
            action=TransitionAction.CLOSED,
            from_state=ConcernState.ANSWERED,
            is_public=True,
        )
        _audit(actor, "answered", concern, {"on_the_spot": True})
        return concern
    _apply_assignment(
        concern,
        actor=actor,
        unit=assignee_unit or session.unit,
        assignee=assignee,
        due_at=due_at,
        enforce_rule=False,
        note="",
    )
    return concern


# ---------------------------------------------------------------------------------------
# Personal data: anonymisation after the retention period, and the person's requests


def _anonymise(concern: Concern, *, actor, note: str) -> None:
    """Remove the submitter's personal data from an ended concern; nothing else changes.

    State, type, channel, unit, category, dates, answer and dispute count stay as they
    were, so every dashboard figure is the same before and after. The folded search text
    drops the name with it (``Concern.save`` recomputes it).
    """
    concern.submitter_name = ""
    concern.submitter_phone = ""
    concern.submitter_email = ""
    concern.submitter_address = ""
    concern.anonymised_at = clock.now()
    _save(
        concern,
        [
            "submitter_name",
            "submitter_phone",
            "submitter_email",
            "submitter_address",
            "anonymised_at",
        ],
    )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANONYMISED,
        from_state=concern.state,
        note=note,
        is_public=True,
        public_note=gettext("The submitter's contact details were removed from this record."),
    )


@_portal_language
def concerns_anonymise_expired(
    *, now=None, years: int | None = None, dry_run: bool = False, batch_size: int = 200
) -> int:
    """Anonymise every concern that ended more than ``years`` (the setting) ago.

    Idempotent: an anonymised concern no longer matches. Runs in batches, each in its own
    transaction; one audit entry per run carries the count (and no personal data).
    ``dry_run`` only counts.
    """
    now = now or clock.now()
    years = selectors.retention_years() if years is None else years
    cutoff = selectors.retention_cutoff(now, years)
    expired = Concern.objects.retention_expired(cutoff)
    if dry_run:
        return expired.count()
    note = gettext("Retention period over: the concern ended more than %(years)s year(s) ago.") % {
        "years": years
    }
    count = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                expired.filter(pk__gt=last_pk).select_for_update().order_by("pk")[:batch_size]
            )
            for concern in batch:
                _anonymise(concern, actor=None, note=note)
        if not batch:
            break
        count += len(batch)
        last_pk = batch[-1].pk
    audit_record(
        actor=None,
        action="personal_data.retention_anonymised",
        data={"anonymised": count, "years": years, "ended_before": cutoff.isoformat()},
    )
    return count


@dataclass
class ErasureResult:
    erased: int
    kept_open: int


def _count_by_unit(concerns) -> dict:
    counts: dict = {}
    for concern in concerns:
        counts[concern.unit_id] = counts.get(concern.unit_id, 0) + 1
    return counts


def _audit_person(actor, action: str, key, per_unit: dict, ip_address=None, **extra) -> None:
    """One entry per unit concerned (who, when, how many, which unit); never the contact."""
    units = Unit.objects.in_bulk(list(per_unit))
    for unit_id, count in sorted(per_unit.items()) or [(None, 0)]:
        audit_record(
            actor=actor,
            action=f"personal_data.{action}",
            unit=units.get(unit_id),
            data={"concerns": count, **extra, **key.audit_data()},
            ip_address=ip_address,
        )


def personal_data_record_lookup(*, actor, key, concerns, ip_address=None) -> None:
    """Audit a search for one person's concerns (the list shows personal data)."""
    _audit_person(actor, "looked_up", key, _count_by_unit(concerns), ip_address)


def personal_data_record_export(*, actor, key, concerns, ip_address=None) -> None:
    """Audit that one person's data was exported (the download itself is the view's)."""
    _audit_person(actor, "exported", key, _count_by_unit(concerns), ip_address)


@_portal_language
@transaction.atomic
def personal_data_erase(
    *, actor, units, key, expected: int, ip_address: str | None = None
) -> ErasureResult:
    """Anonymise, at the person's request, their concerns in ``units`` that have ended.

    Concerns still being handled are kept (and counted): they cannot be handled without
    the person's identity. ``expected`` is the number the user confirmed; if it no longer
    matches, nothing is erased.
    """
    found = list(
        selectors.concerns_of_person(units, key)
        .select_related(None)
        .select_for_update()
        .order_by("pk")
    )
    ended = [c for c in found if c.state in FINAL_STATES]
    kept = [c for c in found if c.state not in FINAL_STATES]
    if not ended:
        raise ValidationError(MSG_ERASE_NOTHING, code="nothing_to_erase")
    if len(ended) != expected:
        raise ValidationError(MSG_ERASE_CHANGED, code="changed", params={"count": len(ended)})
    who = actor.get_full_name() or actor.get_username()
    note = gettext("Erased at the person's request, recorded by %(who)s.") % {"who": who}
    for concern in ended:
        _anonymise(concern, actor=actor, note=note)
    per_unit = _count_by_unit(ended)
    kept_per_unit = _count_by_unit(kept)
    units_touched = Unit.objects.in_bulk(list(per_unit))
    for unit_id, count in sorted(per_unit.items()):
        audit_record(
            actor=actor,
            action="personal_data.erased",
            unit=units_touched[unit_id],
            data={
                "concerns": count,
                "kept_open": kept_per_unit.get(unit_id, 0),
                **key.audit_data(),
            },
            ip_address=ip_address,
        )
    return ErasureResult(erased=len(ended), kept_open=len(kept))
