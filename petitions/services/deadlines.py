"""Deadlines: extensions the unit head decides, and pauses of the clock.

Each type's rule says what the law allows (``ConcernRule``): a complaint has no extension
(Luật Khiếu nại năm 2011) and no pause; a denunciation no pause (only a formal suspension,
``denunciations.denunciation_suspend``) and at most ``max_extensions`` (2) extensions of at
most ``max_extension_days`` (30) days each beyond the current due date (Luật Tố cáo năm 2018
Điều 30), each one a decision of the head (Quyết định gia hạn giải quyết tố cáo). The
transitions table refuses what the rule forbids outright; the length is checked here, where
the new date is known.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name

from .. import clocks
from ..messages import (
    MSG_EXTENSION_COUNT_BY_LAW,
    MSG_EXTENSION_DECIDED,
    MSG_EXTENSION_LIMIT,
    MSG_EXTENSION_NOT_LATER,
    MSG_EXTENSION_TOO_LONG,
    MSG_EXTENSION_TOO_LONG_BY_LAW,
    MSG_REASON_REQUIRED,
)
from ..models import (
    LAW_OF_TYPE,
    Concern,
    ConcernDocumentKind,
    ConcernState,
    ConcernType,
    Extension,
    ExtensionStatus,
    Pause,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _clean_text,
    _fmt,
    _history,
    _portal_language,
    _save,
)


def _check_extension_count(concern: Concern, rule) -> None:
    approved = concern.extensions.filter(status=ExtensionStatus.APPROVED).count()
    if approved < rule.max_extensions:
        return
    if concern.type in LAW_OF_TYPE and rule.max_extensions:
        raise ValidationError(
            MSG_EXTENSION_COUNT_BY_LAW,
            code="extension_limit",
            params={"law": LAW_OF_TYPE[concern.type], "limit": rule.max_extensions},
        )
    raise ValidationError(
        MSG_EXTENSION_LIMIT, code="extension_limit", params={"limit": rule.max_extensions}
    )


def _check_extension_length(concern: Concern, rule, old_due: date, new_due: date) -> None:
    """At most ``rule.max_extension_days`` beyond the due date in force (none: no limit)."""
    days = rule.max_extension_days
    if not days or (new_due - old_due).days <= days:
        return
    params = {
        "days": days,
        "due": _fmt(old_due),
        "latest": _fmt(old_due + timedelta(days=days)),
    }
    if concern.type in LAW_OF_TYPE:
        raise ValidationError(
            MSG_EXTENSION_TOO_LONG_BY_LAW,
            code="extension_too_long",
            params={**params, "law": LAW_OF_TYPE[concern.type]},
        )
    raise ValidationError(MSG_EXTENSION_TOO_LONG, code="extension_too_long", params=params)


@_portal_language
@transaction.atomic
def concern_extension_request(
    *, actor, concern: Concern, version: int | None, new_due: date, reason: str
) -> Extension:
    """Ask the unit head for a later due date, with a reason."""
    concern = _begin(concern, "extension_request", actor=actor, version=version)
    reason = _clean_text(reason, required_message=MSG_REASON_REQUIRED, limit=5000)
    rule = clocks.rule_of(concern)
    _check_extension_count(concern, rule)
    if new_due <= concern.due_at:
        raise ValidationError(
            MSG_EXTENSION_NOT_LATER, code="not_later", params={"due": _fmt(concern.due_at)}
        )
    _check_extension_length(concern, rule, concern.due_at, new_due)
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
    concern = _begin(extension.concern_id, "extension_decide", actor=actor, version=version)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError(MSG_EXTENSION_DECIDED, code="decided")
    note = _clean_text(note)
    if not approve and not note:
        raise ValidationError(MSG_REASON_REQUIRED, code="reason_required")
    if approve:
        # The rule in force when the head decides: the law's count and length.
        rule = clocks.rule_of(concern)
        _check_extension_count(concern, rule)
        _check_extension_length(concern, rule, concern.due_at, extension.new_due)
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
            "who": person_name(actor),
        }
        decision = None
        if concern.type == ConcernType.DENUNCIATION:
            decision = _issue_extension_decision(concern, extension, actor=actor, old_due=old_due)
            concern.due_explanation += " " + gettext("Decision No. %(number)s.") % {
                "number": decision.outgoing.label
            }
        _save(concern, ["due_at", "due_explanation"])
        public_note = gettext("The deadline was extended from %(old)s to %(new)s.") % {
            "old": _fmt(old_due),
            "new": _fmt(extension.new_due),
        }
        if decision is not None:
            public_note += " " + gettext("Decision No. %(number)s.") % {
                "number": decision.outgoing.label
            }
        _history(
            concern,
            actor=actor,
            action=TransitionAction.EXTENSION_APPROVED,
            from_state=concern.state,
            note=note,
            is_public=True,
            public_note=public_note,
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


def _issue_extension_decision(concern: Concern, extension: Extension, *, actor, old_due: date):
    """Quyết định gia hạn giải quyết tố cáo (Luật Tố cáo năm 2018 Điều 30), numbered from the
    register of the body resolving the case."""
    from documents.layout import vietnamese_date

    from ..documents import issue_document
    from .denunciations import LAW, resolver_name

    approved = concern.extensions.filter(status=ExtensionStatus.APPROVED).count()
    days = (extension.new_due - old_due).days
    body = "\n\n".join(
        [
            f"Căn cứ Điều 30 {LAW}; xét đề nghị gia hạn của người được giao xác minh (mã hồ sơ "
            f"{concern.tracking_code}): {extension.reason}",
            f"Điều 1. Gia hạn giải quyết tố cáo lần thứ {approved} thêm {days} ngày, từ "
            f"{vietnamese_date(old_due)} đến hết {vietnamese_date(extension.new_due)}.",
            f"Điều 2. {resolver_name(concern)}, người được giao xác minh và các cơ quan, tổ "
            "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ]
    )
    return issue_document(
        concern=concern,
        kind=ConcernDocumentKind.EXTENSION_DECISION,
        actor=actor,
        title="Về việc gia hạn giải quyết tố cáo",
        body=body,
        data={
            "extension": extension.pk,
            "number": approved,
            "old_due": str(old_due),
            "new_due": str(extension.new_due),
            "days": days,
        },
        recipients=["Như Điều 2", "Người bị tố cáo", "Người tố cáo (thông báo riêng)"],
        symbol="QĐ",
        personal=concern.addressed_to == "state",
    )


@_portal_language
@transaction.atomic
def concern_pause_start(*, actor, concern: Concern, version: int | None, reason: str) -> Pause:
    """Stop the clock while waiting for the citizen (e.g. for missing documents)."""
    concern = _begin(concern, "pause_start", actor=actor, version=version)
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
    concern = _begin(concern, "pause_end", actor=actor, version=version)
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
