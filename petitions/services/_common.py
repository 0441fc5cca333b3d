"""The shared steps of every concern service: lock, save, history, audit, mail on commit,
clean text, attachments, and the steps several transitions compose (assign, publish, end)."""

import functools
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.text import refuse_control_characters
from dialogue_portal.lib.uploads import random_upload_name, validate_upload
from units.models import Membership, Rank, Unit
from units.permissions import Capability, has_capability, roles_with

from .. import clocks, notifications
from ..institutions import body_name
from ..messages import (
    MSG_ANSWER_REQUIRED,
    MSG_ASSIGNEE_NOT_IN_UNIT,
    MSG_ASSIGNEE_OTHER_BODY,
    MSG_CONTENT_TOO_LONG,
    MSG_DUE_AFTER_RULE,
    MSG_DUE_IN_PAST,
    MSG_IDENTITY_REQUIRED,
    MSG_STALE,
    MSG_TOO_MANY_FILES,
    MSG_UNKNOWN_BODY,
    MSG_UNKNOWN_CHOICE,
    MSG_VERDICT_EXPLANATION_REQUIRED,
    MSG_VERDICT_REQUIRED,
)
from ..models import (
    AddressedTo,
    AnswerStatus,
    AnswerVerdict,
    Concern,
    ConcernAttachment,
    ConcernChannel,
    ConcernState,
    ConcernTransition,
    ConcernType,
    Pause,
    TransitionAction,
)
from ..tracking import generate_code

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


def _fmt(day: date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def _begin(concern: Concern | int, action: str, *, actor, version: int | None) -> Concern:
    """Lock the concern and check, in this order, that ``actor`` may take ``action``
    (403), that the version the user saw is current (stale), and that the concern's
    state allows the action now (the table's message). Returns the locked row."""
    from ..transitions import TRANSITIONS

    pk = concern.pk if isinstance(concern, Concern) else concern
    locked = Concern.objects.select_for_update().select_related("unit").get(pk=pk)
    TRANSITIONS.require_permission(actor, locked, action)
    if version is not None and int(version) != locked.version:
        raise ValidationError(MSG_STALE, code="stale")
    refusal = TRANSITIONS.refusal(locked, action, actor)
    if refusal is not None:
        raise refusal
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


def _limit(model, field_name: str) -> int:
    """A text field's length limit, as the model states it (one place for each limit)."""
    return model._meta.get_field(field_name).max_length


def _clean_text(value: str, *, required_message=None, limit: int = CONTENT_LIMIT) -> str:
    # Pasted line breaks become newlines; any other control character is refused, so
    # text that reaches a service by another road than a form is as safe as a form's.
    value = refuse_control_characters((value or "").strip())
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


def _linked_copy(concern: Concern, to_unit: Unit, *, actor, identity: dict, note: str) -> Concern:
    """The case ``to_unit`` handles from now on: ``concern`` copied there (content, type,
    category, the submitter as ``identity`` gives it, the person denounced, its files), with
    its own acknowledgement clock from today and ``note`` as its first, public history row.
    Used by a referral and by the transfer of a denunciation."""
    now = clock.now()
    new = _create_concern(
        unit=to_unit,
        # The same body of the other unit: a Party matter stays with a Party committee.
        addressed_to=concern.addressed_to,
        channel=ConcernChannel.REFERRAL,
        type=concern.type,
        category=concern.category,
        content=concern.content,
        address=concern.address,
        **identity,
        accused_role=concern.accused_role,
        accused_name=concern.accused_name,
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
        note=note,
        is_public=True,
    )
    _audit(actor, "submitted", new, {"channel": ConcernChannel.REFERRAL, "from": concern.pk})
    return new


def _is_member(user, unit, roles) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, unit=unit, role__in=roles, is_active=True).exists()


def _due_from_rule(concern: Concern, start: date) -> clocks.DueDate:
    return clocks.answer_due(concern.type, start, is_complex=concern.is_complex)


def _check_body(addressed_to: str) -> None:
    if addressed_to not in AddressedTo.values:
        raise ValidationError(
            MSG_UNKNOWN_BODY, code="invalid_choice", params={"value": str(addressed_to)[:40]}
        )


def _check_assignee(unit: Unit, assignee, addressed_to: str) -> None:
    """The assignee handles concerns in ``unit`` for the body the concern is addressed to:
    a Party officer never gets a concern of the UBND, an officer of the UBND office never
    one of the Party committee. An administrator, who may do anything, is assigned only
    where they hold a role, like anyone else."""
    if assignee is None or not has_capability(assignee, Capability.HANDLE_CONCERNS, unit):
        raise ValidationError(MSG_ASSIGNEE_NOT_IN_UNIT, code="assignee_not_in_unit")
    if assignee.is_superuser:
        if not _is_member(assignee, unit, roles_with(Capability.HANDLE_CONCERNS)):
            raise ValidationError(MSG_ASSIGNEE_NOT_IN_UNIT, code="assignee_not_in_unit")
        roles = roles_with(Capability.HANDLE_CONCERNS, addressed_to)
        allowed = _is_member(assignee, unit, roles)
    else:
        allowed = has_capability(
            assignee, Capability.HANDLE_CONCERNS, unit, institution=addressed_to
        )
    if not allowed:
        raise ValidationError(
            MSG_ASSIGNEE_OTHER_BODY,
            code="assignee_other_body",
            params={"body": body_name(unit, addressed_to)},
        )


# Who signs an answer, highest authority first: the head, a deputy ("KT."), the office head
# ("TL.").
SIGNER_RANK_ORDER = (Rank.HEAD, Rank.DEPUTY, Rank.OFFICE_HEAD)


def _signer_membership(concern: Concern, actor) -> Membership | None:
    """The membership under which ``actor`` approves: a head, deputy or office head of the
    body the concern is addressed to, in its unit (the highest rank first)."""
    if not getattr(actor, "is_authenticated", False):
        return None
    order = {rank: index for index, rank in enumerate(SIGNER_RANK_ORDER)}
    found = Membership.objects.filter(
        user=actor,
        unit=concern.unit_id,
        role__in=roles_with(Capability.SIGN_OFF, concern.addressed_to),
        is_active=True,
    )
    return min(found, key=lambda m: (order.get(m.rank, 3), m.pk), default=None)


def _record_signer(concern: Concern, actor) -> None:
    """Keep who approved and their authority as they are now: name, position as documents
    write it, rank (an administrator acting without a membership keeps a name only)."""
    membership = _signer_membership(concern, actor)
    concern.answer_approved_by = actor
    concern.answer_signer_name = person_name(actor)[: _limit(Concern, "answer_signer_name")]
    if membership is None:
        concern.answer_signer_position = ""
        concern.answer_signer_rank = ""
        return
    position = membership.position or f"{membership.get_role_display()} {concern.unit.name_in_text}"
    concern.answer_signer_position = position[: _limit(Concern, "answer_signer_position")]
    concern.answer_signer_rank = membership.rank if membership.rank in SIGNER_RANK_ORDER else ""


def _clear_signer(concern: Concern) -> None:
    """The answer goes out (or back to drafting) without anyone's approval."""
    concern.answer_approved_by = None
    concern.answer_signer_name = ""
    concern.answer_signer_position = ""
    concern.answer_signer_rank = ""


# The fields _record_signer and _clear_signer change.
SIGNER_FIELDS = [
    "answer_approved_by",
    "answer_signer_name",
    "answer_signer_position",
    "answer_signer_rank",
]


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
    _check_assignee(unit, assignee, concern.addressed_to)
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
                "who": person_name(actor),
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


def _leave(
    concern: Concern,
    state: str,
    *,
    actor,
    action: str,
    extra_fields: tuple[str, ...] = (),
    note: str = "",
    public_note: str = "",
) -> None:
    """End the concern in ``state`` (an exit, or closed): save it and write the public
    history row of that step."""
    from_state = concern.state
    fields = _end(concern, state)
    _save(concern, [*fields, *extra_fields])
    _history(
        concern,
        actor=actor,
        action=action,
        from_state=from_state,
        note=note,
        is_public=True,
        public_note=public_note,
    )


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


def _publish(
    concern: Concern,
    *,
    actor,
    from_action_note: str = "",
    public_note: str | None = None,
    audit_data: dict | None = None,
) -> None:
    """Publish the answer: the concern is answered and the citizen's window opens."""
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
            *SIGNER_FIELDS,
        ],
    )
    if public_note is None:
        window = clocks.citizen_window(concern)
        public_note = gettext("You may accept or dispute this answer until %(date)s.") % {
            "date": _fmt(window.due)
        }
    _history(
        concern,
        actor=actor,
        action=TransitionAction.ANSWERED,
        from_state=ConcernState.ASSIGNED,
        note=from_action_note,
        is_public=True,
        public_note=public_note,
    )
    _audit(actor, "answered", concern, audit_data or {"after_dispute": after_dispute})
    if concern.submitter_email:
        _after_commit(notifications.send_answer, concern, after_dispute=after_dispute)


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
