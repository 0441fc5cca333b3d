"""Every change to a dialogue session, one function per action.

Each function: ``transaction.atomic`` → ``select_for_update`` re-fetch → guard (raise
``ValidationError`` with one of the message constants below) → change →
``save(update_fields=...)`` → history row → audit entry → e-mail on commit.

State machine (domain.md §4)::

    draft ──approve──▶ planned ──announce──▶ announced ──record held──▶ held
      │                  │                    │   ▲                       │
      │                  │              postpone  re-announce      issue conclusions
      │                  │                    ▼   │                       ▼
      └──cancel──────────┴──cancel──▶ cancelled ◀─postponed        concluded ──close──▶ closed

A held (or later) session can never be cancelled.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import person_sort_key
from dialogue_portal.lib.people import PERSON, person_name
from dialogue_portal.lib.text import refuse_control_characters
from dialogue_portal.lib.transitions import ActionForbidden
from dialogue_portal.lib.uploads import random_upload_name, validate_upload
from units.models import Institution, Membership, Rank, Unit
from units.permissions import Capability, has_capability, roles_with

from . import hooks, notifications

# Every refusal message, re-exported: views and tests import them from here.
from .messages import *  # noqa: F403
from .messages import (
    MSG_ANNOUNCE_PAST,
    MSG_CLOSE_BLOCKED,
    MSG_CONCLUSIONS_INCOMPLETE,
    MSG_CONFERENCE_CHAIRED_BY_UBND,
    MSG_DELEGATED_BY_REQUIRED,
    MSG_END_BEFORE_START,
    MSG_HOLD_IN_FUTURE,
    MSG_HOST_NAME_REQUIRED,
    MSG_HOSTS_NOT_YOURS,
    MSG_LATE_NOTICE_NOT_HEAD,
    MSG_LATE_NOTICE_REASON,
    MSG_NEW_DATE_IN_PAST,
    MSG_NEW_DATE_UNCHANGED,
    MSG_NOT_A_SIGNER,
    MSG_ONLINE_NEEDS_LINK,
    MSG_PLACE_REQUIRED,
    MSG_REASON_REQUIRED,
    MSG_STALE_EDIT,
    MSG_UNIT_NOT_ALLOWED,
)
from .models import (
    CHAIR_INSTITUTION,
    AttachmentKind,
    ChairRole,
    DelegatingHead,
    DialogueSession,
    SessionAction,
    SessionAttachment,
    SessionFormat,
    SessionKind,
    SessionState,
    SessionTransition,
    TimingRuleKind,
)
from .selectors import local_date, timing_rule
from .transitions import TRANSITIONS

# Audit action codes and their human text (registered in apps.py).
AUDIT_ACTIONS = {
    "session.created": _("created a session plan"),
    "session.updated": _("changed a session plan"),
    "session.submitted": _("submitted a session plan for approval"),
    "session.approved": _("approved a session plan"),
    "session.announced": _("announced a session"),
    "session.postponed": _("postponed a session"),
    "session.cancelled": _("cancelled a session"),
    "session.held": _("recorded a session as held"),
    "session.attachment_added": _("added a file to a session"),
    "session.attachment_downloaded": _("downloaded a session file"),
    "session.conclusions_saved": _("saved the draft conclusions of a session"),
    "session.conclusions_issued": _("issued the conclusions notice of a session"),
    "session.closed": _("closed a session"),
    "session.reminder_sent": _("sent a session reminder"),
}

# Plan fields the create and edit forms may set.
PLAN_FIELDS = (
    "kind",
    "format",
    "online_link",
    "topic",
    "description",
    "place",
    "planned_start",
    "planned_end",
    "target_audience",
    "expected_attendance",
    "how_to_take_part",
    "hosts",
    "party_secretary_name",
    "chair_name",
    "delegate_name",
    "delegate_position",
    "co_organisers",
    "other_co_organisers",
)
# Changes to these move the event in subscribers' calendars (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("planned_start", "planned_end", "place", "format", "online_link", "topic")


# --- Helpers ----------------------------------------------------------------------------


def _dt(value: datetime) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i")


def _locked(session_id: int) -> DialogueSession:
    return DialogueSession.objects.select_for_update().select_related("unit").get(pk=session_id)


def _begin(session_id: int, action: str, *, actor, expected_version: int | None) -> DialogueSession:
    """Lock the session, check the table allows ``action`` now, then the version seen.

    ``expected_version`` is the version the user saw (every staff form sends it); when it
    no longer matches, someone else changed the session and nothing is done. System
    callers (the demo, commands) pass None.
    """
    session = _locked(session_id)
    TRANSITIONS.require(session, action, actor)
    if expected_version is not None and session.version != int(expected_version):
        raise ValidationError(MSG_STALE_EDIT, code="stale")
    return session


def _history(
    session: DialogueSession,
    *,
    actor,
    action: SessionAction,
    from_state: str,
    to_state: str,
    note: str = "",
    data: dict | None = None,
) -> SessionTransition:
    """One history row; its ``actor_name`` is filled from the actor (family name first)."""
    is_user = getattr(actor, "is_authenticated", False)
    return SessionTransition.objects.create(
        session=session,
        actor=actor if is_user else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data or {},
    )


def _audit(session: DialogueSession, *, actor, action: str, data: dict | None = None) -> None:
    audit_record(actor=actor, action=action, obj=session, unit=session.unit, data=data)


def _move(
    session: DialogueSession,
    *,
    actor,
    to_state: str,
    fields: list[str],
    action: str,
    note: str = "",
    data: dict | None = None,
) -> None:
    """Save ``fields`` plus the new state, write the history row and the audit entry."""
    from_state = session.state
    session.state = to_state
    session.version += 1
    session.save(update_fields=[*fields, "state", "version"])
    _history(
        session,
        actor=actor,
        action=SessionAction(action.removeprefix("session.")),
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data,
    )
    _audit(
        session,
        actor=actor,
        action=action,
        data={"from": from_state, "to": to_state, **(data or {})},
    )


def clean_texts(fields: dict) -> dict:
    """The same fields with their text safe to store: pasted line breaks become newlines;
    any other control character is refused, named under its field."""
    cleaned, errors = dict(fields), {}
    for key, value in fields.items():
        if isinstance(value, str):
            try:
                cleaned[key] = refuse_control_characters(value)
            except ValidationError as exc:
                errors[key] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


def validate_plan(fields: dict) -> None:
    """The plan's own consistency rules (the DB constraints enforce them too); field errors."""
    errors: dict[str, list] = {}
    start, end = fields.get("planned_start"), fields.get("planned_end")
    if start and end and end <= start:
        errors.setdefault("planned_end", []).append(MSG_END_BEFORE_START)
    fmt = fields.get("format")
    if fmt in (SessionFormat.ONLINE, SessionFormat.HYBRID) and not fields.get("online_link"):
        errors.setdefault("online_link", []).append(MSG_ONLINE_NEEDS_LINK)
    if (
        fmt in (SessionFormat.IN_PERSON, SessionFormat.HYBRID)
        and not (fields.get("place") or "").strip()
    ):
        errors.setdefault("place", []).append(MSG_PLACE_REQUIRED)
    if not any(fields.get(f) for f in ("party_secretary_name", "chair_name", "delegate_name")):
        errors.setdefault("party_secretary_name", []).append(MSG_HOST_NAME_REQUIRED)
    if errors:
        raise ValidationError(errors)


def _notice(session: DialogueSession, today: date) -> int:
    """Notice the session gets if announced today, in the rule's unit (working or calendar days)."""
    from workcalendar.calendar import count_working_days

    rule = timing_rule(TimingRuleKind.NOTICE, session.kind)
    start = local_date(session.planned_start)
    if rule.working_days:
        return count_working_days(today, start)
    return (start - today).days


# --- Plan -------------------------------------------------------------------------------


def _check_hosts_are_yours(session: DialogueSession, actor) -> None:
    """A Party officer plans the Party committee's sessions, an officer of the UBND office
    the UBND's: the hosts (and the kind) decide whose session it is."""
    if not any(
        has_capability(actor, Capability.MANAGE_SESSIONS, session.unit, institution=institution)
        for institution in session.institutions
    ):
        raise ValidationError({"hosts": [MSG_HOSTS_NOT_YOURS]})


@transaction.atomic
def session_create(*, actor, unit: Unit, fields: dict) -> DialogueSession:
    """Create a draft plan for ``unit``."""
    if not has_capability(actor, Capability.MANAGE_SESSIONS, unit):
        raise ActionForbidden(MSG_UNIT_NOT_ALLOWED)
    fields = clean_texts({k: v for k, v in fields.items() if k in PLAN_FIELDS})
    validate_plan(fields)
    if fields.get("format") == SessionFormat.IN_PERSON:
        fields["online_link"] = ""
    session = DialogueSession(unit=unit, created_by=actor, state=SessionState.DRAFT, **fields)
    _check_hosts_are_yours(session, actor)
    session.full_clean(exclude=["co_organisers"])
    session.save()
    _history(
        session,
        actor=actor,
        action=SessionAction.CREATED,
        from_state="",
        to_state=SessionState.DRAFT,
        note="",
    )
    _audit(session, actor=actor, action="session.created", data={"topic": session.topic})
    return session


@transaction.atomic
def session_update_plan(
    *, actor, session_id: int, expected_version: int, fields: dict
) -> DialogueSession:
    """Change the plan. Refused for held sessions and for a stale form (optimistic lock)."""
    session = _begin(session_id, "edit", actor=actor, expected_version=expected_version)
    fields = clean_texts({k: v for k, v in fields.items() if k in PLAN_FIELDS})
    validate_plan(fields)
    if fields.get("format") == SessionFormat.IN_PERSON:
        fields["online_link"] = ""
    changed = [k for k, v in fields.items() if getattr(session, k) != v]
    if not changed:
        return session
    old = {k: _jsonable(getattr(session, k)) for k in changed}
    old_start = session.planned_start
    for key in changed:
        setattr(session, key, fields[key])
    _check_hosts_are_yours(session, actor)
    session.full_clean(exclude=["co_organisers"])
    update = [*changed, "version"]
    session.version += 1
    if session.announced_at is not None and any(k in CALENDAR_FIELDS for k in changed):
        session.sequence += 1
        update.append("sequence")
    session.save(update_fields=update)
    data = {"changed": changed, "old": old, "new": {k: _jsonable(fields[k]) for k in changed}}
    if session.announced_at is not None and {"planned_start", "planned_end"} & set(changed):
        # An announced session moved: keep the old date in its history.
        _history(
            session,
            actor=actor,
            action=SessionAction.RESCHEDULED,
            from_state=session.state,
            to_state=session.state,
            data={
                "event": "rescheduled",
                "old_start": old_start.isoformat(),
                "new_start": session.planned_start.isoformat(),
                **data,
            },
        )
    _audit(session, actor=actor, action="session.updated", data=data)
    return session


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@transaction.atomic
def session_submit(
    *, actor, session_id: int, note: str = "", expected_version: int | None = None
) -> DialogueSession:
    """Send a draft to the unit head for approval."""
    session = _begin(session_id, "submit", actor=actor, expected_version=expected_version)
    session.submitted_at = clock.now()
    session.version += 1
    session.save(update_fields=["submitted_at", "version"])
    _history(
        session,
        actor=actor,
        action=SessionAction.SUBMITTED,
        from_state=SessionState.DRAFT,
        to_state=SessionState.DRAFT,
        note=note,
        data={"event": "submitted"},
    )
    _audit(session, actor=actor, action="session.submitted")
    transaction.on_commit(lambda: notifications.plan_submitted(session))
    return session


@transaction.atomic
def session_approve(
    *, actor, session_id: int, note: str = "", expected_version: int | None = None
) -> DialogueSession:
    """The unit head approves the plan as they saw it: draft → planned."""
    session = _begin(session_id, "approve", actor=actor, expected_version=expected_version)
    session.approved_at = clock.now()
    session.approved_by = actor
    _move(
        session,
        actor=actor,
        to_state=SessionState.PLANNED,
        fields=["approved_at", "approved_by"],
        action="session.approved",
        note=note,
    )
    transaction.on_commit(lambda: notifications.plan_approved(session))
    return session


# --- Announce, postpone, cancel -----------------------------------------------------------


@dataclass(frozen=True)
class NoticeCheck:
    """How much notice announcing now would give, against the rule."""

    required: int
    actual: int
    working_days: bool
    legal_basis: str

    @property
    def is_late(self) -> bool:
        return self.actual < self.required

    def _days(self, n: int) -> str:
        if self.working_days:
            return str(_("%(n)s working days")) % {"n": n}
        return str(_("%(n)s days")) % {"n": n}

    @property
    def required_text(self) -> str:
        return self._days(self.required)

    @property
    def actual_text(self) -> str:
        return self._days(max(self.actual, 0))


def notice_check(session: DialogueSession, *, today: date | None = None) -> NoticeCheck:
    today = today or clock.today()
    rule = timing_rule(TimingRuleKind.NOTICE, session.kind)
    return NoticeCheck(
        required=rule.days,
        actual=_notice(session, today),
        working_days=rule.working_days,
        legal_basis=rule.legal_basis,
    )


@transaction.atomic
def session_announce(
    *, actor, session_id: int, late_reason: str = "", expected_version: int | None = None
) -> DialogueSession:
    """Publish the session: planned (or postponed, at its new date) → announced.

    With less notice than the rule asks, only the unit head may announce, with a reason;
    the session is then recorded as late notice. The notice given is stored either way.
    """
    session = _begin(session_id, "announce", actor=actor, expected_version=expected_version)
    now = clock.now()
    if session.planned_start <= now:
        raise ValidationError(MSG_ANNOUNCE_PAST, params={"start": _dt(session.planned_start)})
    check = notice_check(session, today=timezone.localdate(now))
    late_reason = clean_texts({"late_reason": (late_reason or "").strip()})["late_reason"]
    if check.is_late:
        params = {"required": check.required_text, "actual": check.actual_text}
        if not any(
            has_capability(actor, Capability.APPROVE, session.unit, institution=institution)
            for institution in session.institutions
        ):
            raise ValidationError(MSG_LATE_NOTICE_NOT_HEAD, params=params)
        if not late_reason:
            raise ValidationError(
                {"late_reason": [ValidationError(MSG_LATE_NOTICE_REASON, params=params)]}
            )
    session.announced_at = now
    session.notice_working_days = check.actual
    session.is_late_notice = check.is_late
    session.late_notice_reason = late_reason if check.is_late else ""
    fields = ["announced_at", "notice_working_days", "is_late_notice", "late_notice_reason"]
    data = {
        "event": "announced",
        "notice": check.actual,
        "required": check.required,
        "working_days": check.working_days,
        "late": check.is_late,
        "start": session.planned_start.isoformat(),
    }
    note = late_reason if check.is_late else ""
    _move(
        session,
        actor=actor,
        to_state=SessionState.ANNOUNCED,
        fields=fields,
        action="session.announced",
        note=note,
        data=data,
    )
    return session


@transaction.atomic
def session_postpone(
    *,
    actor,
    session_id: int,
    reason: str,
    new_start: datetime,
    new_end: datetime,
    expected_version: int | None = None,
) -> DialogueSession:
    """Move an announced session to a new date: announced → postponed.

    The old date stays in the history; subscribers' calendars move (SEQUENCE rises). The
    session is then announced again at its new date.
    """
    session = _begin(session_id, "postpone", actor=actor, expected_version=expected_version)
    errors: dict[str, list] = {}
    reason = clean_texts({"reason": (reason or "").strip()})["reason"]
    if not reason:
        errors["reason"] = [MSG_REASON_REQUIRED]
    if new_start <= clock.now():
        errors["new_start"] = [MSG_NEW_DATE_IN_PAST]
    if new_end <= new_start:
        errors["new_end"] = [MSG_END_BEFORE_START]
    if not errors and new_start == session.planned_start and new_end == session.planned_end:
        errors["new_start"] = [MSG_NEW_DATE_UNCHANGED]
    if errors:
        raise ValidationError(errors)
    data = {
        "event": "postponed",
        "old_start": session.planned_start.isoformat(),
        "old_end": session.planned_end.isoformat(),
        "new_start": new_start.isoformat(),
        "new_end": new_end.isoformat(),
    }
    session.planned_start = new_start
    session.planned_end = new_end
    session.postponed_reason = reason
    session.sequence += 1
    _move(
        session,
        actor=actor,
        to_state=SessionState.POSTPONED,
        fields=["planned_start", "planned_end", "postponed_reason", "sequence"],
        action="session.postponed",
        note=reason,
        data=data,
    )
    transaction.on_commit(lambda: notifications.session_postponed(session))
    return session


@transaction.atomic
def session_cancel(
    *, actor, session_id: int, reason: str, expected_version: int | None = None
) -> DialogueSession:
    """Cancel a session that has not been held. It stays visible (marked) if it was public."""
    session = _begin(session_id, "cancel", actor=actor, expected_version=expected_version)
    reason = clean_texts({"reason": (reason or "").strip()})["reason"]
    if not reason:
        raise ValidationError({"reason": [MSG_REASON_REQUIRED]})
    session.cancelled_reason = reason
    session.cancelled_at = clock.now()
    fields = ["cancelled_reason", "cancelled_at"]
    if session.announced_at is not None:
        session.sequence += 1
        fields.append("sequence")
    was_public = session.announced_at is not None
    _move(
        session,
        actor=actor,
        to_state=SessionState.CANCELLED,
        fields=fields,
        action="session.cancelled",
        note=reason,
    )
    if was_public:
        transaction.on_commit(lambda: notifications.session_cancelled(session))
    return session


# --- Held, files, conclusions, close --------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    kind: str  # an AttachmentKind value
    file: object  # an UploadedFile


ALLOWED_CONTENT = {
    AttachmentKind.MINUTES: ["pdf"],
    AttachmentKind.PHOTO: ["jpeg", "png"],
    AttachmentKind.SIGN_IN_SHEET: ["pdf", "jpeg", "png"],
}


def check_upload(kind: str, upload) -> str:
    """Validate one upload by content for its kind; return its content kind."""
    return validate_upload(upload, allowed=ALLOWED_CONTENT[AttachmentKind(kind)])


def _store(session: DialogueSession, *, actor, upload: Upload) -> SessionAttachment:
    content_kind = check_upload(upload.kind, upload.file)
    upload.file.seek(0)
    name = random_upload_name(f"sessions/{session.unit.code}", content_kind)
    attachment = SessionAttachment(
        session=session,
        kind=upload.kind,
        content_kind=content_kind,
        original_name=PurePosixPath(str(upload.file.name or "")).name[:120],
        size=upload.file.size,
        uploaded_by=actor,
    )
    attachment.file.save(name, ContentFile(upload.file.read()), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def session_record_held(
    *,
    actor,
    session_id: int,
    actual_start: datetime,
    actual_end: datetime | None,
    chaired_by_role: str,
    chaired_by_name: str,
    attendance_count: int | None,
    chaired_by_position: str = "",
    delegated_by: str = "",
    co_chairs: str = "",
    bodies_present: str = "",
    minutes_text: str = "",
    recording_link: str = "",
    uploads: list[Upload] | None = None,
    expected_version: int | None = None,
) -> DialogueSession:
    """Record that an announced session took place: announced → held.

    Computes the conclusions due date from the rule, counted from the day it was held.
    """
    from workcalendar.calendar import compute_due

    session = _begin(session_id, "record_held", actor=actor, expected_version=expected_version)
    errors: dict[str, list] = {}
    if actual_start > clock.now():
        errors["actual_start"] = [
            ValidationError(MSG_HOLD_IN_FUTURE, params={"start": _dt(actual_start)})
        ]
    if actual_end is not None and actual_end <= actual_start:
        errors["actual_end"] = [MSG_END_BEFORE_START]
    if chaired_by_role == ChairRole.DELEGATE and not delegated_by:
        errors["delegated_by"] = [MSG_DELEGATED_BY_REQUIRED]
    if session.kind == SessionKind.CONFERENCE and (
        CHAIR_INSTITUTION.get(chaired_by_role) == Institution.PARTY
        or (
            chaired_by_role == ChairRole.DELEGATE and delegated_by == DelegatingHead.PARTY_SECRETARY
        )
    ):
        errors["chaired_by_role"] = [MSG_CONFERENCE_CHAIRED_BY_UBND]
    if errors:
        raise ValidationError(errors)
    held_on = local_date(actual_start)
    rule = timing_rule(TimingRuleKind.CONCLUSIONS, session.kind)
    due = compute_due(held_on, rule.days, working=rule.working_days)
    session.actual_start = actual_start
    session.actual_end = actual_end
    session.chaired_by_role = chaired_by_role
    session.delegated_by = delegated_by if chaired_by_role == ChairRole.DELEGATE else ""
    texts = clean_texts(
        {
            "chaired_by_name": chaired_by_name.strip(),
            "chaired_by_position": chaired_by_position.strip()
            or chair_position(chaired_by_role, session.unit),
            "co_chairs": co_chairs,
            "bodies_present": bodies_present,
            "minutes_text": minutes_text,
            "recording_link": recording_link,
        }
    )
    session.chaired_by_name = texts["chaired_by_name"]
    session.chaired_by_position = texts["chaired_by_position"]
    session.co_chairs = texts["co_chairs"]
    session.attendance_count = attendance_count
    session.bodies_present = texts["bodies_present"]
    session.minutes_text = texts["minutes_text"]
    session.recording_link = texts["recording_link"]
    session.held_recorded_at = clock.now()
    session.conclusions_due = due.due
    stored = [_store(session, actor=actor, upload=u) for u in uploads or []]
    _move(
        session,
        actor=actor,
        to_state=SessionState.HELD,
        fields=[
            "actual_start",
            "actual_end",
            "chaired_by_role",
            "chaired_by_name",
            "chaired_by_position",
            "delegated_by",
            "co_chairs",
            "attendance_count",
            "bodies_present",
            "minutes_text",
            "recording_link",
            "held_recorded_at",
            "conclusions_due",
        ],
        action="session.held",
        data={
            "attendance": attendance_count,
            "files": [a.get_kind_display() for a in stored],
            "conclusions_due": due.due.isoformat(),
            "due_explanation": str(due.explanation()),
        },
    )
    return session


@transaction.atomic
def session_add_attachments(
    *, actor, session_id: int, uploads: list[Upload], expected_version: int | None = None
) -> list[SessionAttachment]:
    """Add minutes, photos or sign-in sheets to a session that has been held."""
    session = _begin(session_id, "add_attachments", actor=actor, expected_version=expected_version)
    stored = [_store(session, actor=actor, upload=u) for u in uploads]
    session.version += 1
    session.save(update_fields=["version"])
    _audit(
        session,
        actor=actor,
        action="session.attachment_added",
        data={"files": [a.get_kind_display() for a in stored]},
    )
    return stored


# What the office writes in the draft notice. The number comes from the register of the
# issuing body when the notice is issued; the signer is chosen among those who may sign.
CONCLUSIONS_FIELDS = (
    "conclusions_date",
    "conclusions_text",
)

# The position of a head or deputy who chaired, as documents write it (before the unit's
# name); official Vietnamese whatever the screen's language.
_CHAIR_POSITIONS = {
    ChairRole.PARTY_SECRETARY: "Bí thư Đảng ủy",
    ChairRole.PARTY_DEPUTY: "Phó Bí thư Đảng ủy",
    ChairRole.PEOPLE_COMMITTEE_CHAIR: "Chủ tịch Ủy ban nhân dân",
    ChairRole.VICE_CHAIR: "Phó Chủ tịch Ủy ban nhân dân",
}


def chair_position(role: str, unit: Unit) -> str:
    """ "Bí thư Đảng ủy phường Bến Thành" for a head or deputy who chaired; "" for a delegate
    (whose position the office writes)."""
    title = _CHAIR_POSITIONS.get(role)
    return f"{title} {unit.name_in_text}" if title else ""


def signers_for(session: DialogueSession) -> list[Membership]:
    """Who may sign the notice: the head, the deputies and the office head of the issuing
    body in the session's unit, head first."""
    roles = roles_with(Capability.SIGN_OFF, session.issuer_institution)
    order = {Rank.HEAD: 0, Rank.DEPUTY: 1, Rank.OFFICE_HEAD: 2}
    found = (
        Membership.objects.filter(
            unit=session.unit, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related(f"user__{PERSON}")
        .order_by("pk")
    )
    # Within a rank, Vietnamese order of names: by given name, then family name.
    return sorted(found, key=lambda m: (order.get(m.rank, 3), person_sort_key(person_name(m.user))))


def _signer_membership(session: DialogueSession, signer_id: int | None) -> Membership | None:
    if signer_id is None:
        return None
    for membership in signers_for(session):
        if membership.user_id == signer_id:
            return membership
    raise ValidationError({"conclusions_signer": [MSG_NOT_A_SIGNER]})


@transaction.atomic
def session_save_conclusions(
    *, actor, session_id: int, expected_version: int, fields: dict, signer_id: int | None = None
) -> DialogueSession:
    """Write (or rewrite) the draft conclusions notice of a held session, and choose who
    signs it (a head, deputy or office head of the issuing body)."""
    session = _begin(session_id, "conclusions", actor=actor, expected_version=expected_version)
    fields = clean_texts({k: v for k, v in fields.items() if k in CONCLUSIONS_FIELDS})
    membership = _signer_membership(session, signer_id)
    fields["conclusions_signer"] = membership.user if membership else None
    fields["conclusions_signer_name"] = person_name(membership.user) if membership else ""
    fields["conclusions_signer_position"] = membership.title if membership else ""
    fields["conclusions_signer_rank"] = membership.rank if membership else ""
    changed = [k for k, v in fields.items() if getattr(session, k) != v]
    for key in changed:
        setattr(session, key, fields[key])
    session.version += 1
    session.save(update_fields=[*changed, "version"])
    _audit(session, actor=actor, action="session.conclusions_saved", data={"changed": changed})
    return session


def conclusions_missing(session: DialogueSession) -> list[str]:
    labels = {
        "conclusions_date": _("a date"),
        "conclusions_signer_name": _("the person who signs"),
        "conclusions_text": _("the text of the conclusions"),
    }
    return [str(label) for field, label in labels.items() if not getattr(session, field)]


@transaction.atomic
def session_issue_conclusions(
    *, actor, session_id: int, expected_version: int | None = None
) -> DialogueSession:
    """Issue the conclusions notice as it was seen: held → concluded.

    The notice takes the next number of the register of the body that issues it (the Đảng ủy
    when the Bí thư's side chaired, the UBND otherwise), atomically: never a number twice.
    """
    from documents.numbering import take_number

    from .notice import SYMBOL, subtitle

    session = _begin(
        session_id, "issue_conclusions", actor=actor, expected_version=expected_version
    )
    missing = conclusions_missing(session)
    if missing:
        raise ValidationError(MSG_CONCLUSIONS_INCOMPLETE, params={"missing": ", ".join(missing)})
    entry = take_number(
        unit=session.unit,
        institution=session.issuer_institution,
        symbol=SYMBOL,
        issued_on=session.conclusions_date,
        title=f"Thông báo {subtitle(session)}",
        actor=actor,
        reference=f"session:{session.pk}",
        signer_name=session.conclusions_signer_name,
        signer_position=session.conclusions_signer_position,
    )
    session.conclusions_document = entry
    session.conclusions_number = entry.label
    session.conclusions_issued_at = clock.now()
    on_time = session.conclusions_due is None or session.conclusions_date <= session.conclusions_due
    _move(
        session,
        actor=actor,
        to_state=SessionState.CONCLUDED,
        fields=["conclusions_issued_at", "conclusions_document", "conclusions_number"],
        action="session.conclusions_issued",
        note=session.conclusions_number,
        data={
            "number": session.conclusions_number,
            "date": session.conclusions_date.isoformat(),
            "due": session.conclusions_due.isoformat() if session.conclusions_due else None,
            "on_time": on_time,
        },
    )
    return session


@transaction.atomic
def session_close(
    *, actor, session_id: int, note: str = "", expected_version: int | None = None
) -> DialogueSession:
    """Close a concluded session once every registered guard agrees: concluded → closed."""
    session = _begin(session_id, "close", actor=actor, expected_version=expected_version)
    reasons = hooks.close_blockers(session)
    if reasons:
        raise ValidationError(MSG_CLOSE_BLOCKED, params={"reasons": "; ".join(reasons)})
    session.closed_at = clock.now()
    _move(
        session,
        actor=actor,
        to_state=SessionState.CLOSED,
        fields=["closed_at"],
        action="session.closed",
        note=note,
    )
    return session
