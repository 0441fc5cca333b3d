"""A denunciator is never exposed (Luật Tố cáo năm 2018 Điều 47, 48): who saw a submitter,
reclassifying a case (a phản ánh that turns out to be a tố cáo is protected at once and
goes where it may be resolved), and anonymous information kept for inspection (Điều 25)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from units.models import ROLE_INSTITUTION, ROLE_RANK, Membership, Unit

from .. import clocks, selectors
from ..institutions import body_name
from ..messages import (
    MSG_CONTENT_REQUIRED,
    MSG_RECLASSIFY_NOT_RESOLVER,
    MSG_RECLASSIFY_REASON,
    MSG_RECLASSIFY_SAME,
    MSG_REVIEW_STATUS,
    MSG_UNIT_INACTIVE,
)
from ..models import (
    IDENTITY_TYPES,
    AnonymousInformation,
    AnonymousInformationStatus,
    Concern,
    ConcernState,
    ConcernType,
    IdentityExposure,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _check_choice,
    _clean_text,
    _due_from_rule,
    _history,
    _limit,
    _portal_language,
    _require_identity,
    _save,
)
from .competence import Competence, about_unit, competence_for

# ---------------------------------------------------------------------------------------
# Who saw a submitter


def record_exposure(user, concerns: Iterable[Concern], *, where: str) -> None:
    """Record that ``user`` saw the submitter (name or contact details) of ``concerns``:
    one row per concern and person, counting the views. One query when every one was seen
    before, three at most whatever the number of concerns (an export records all its rows
    at once)."""
    if not getattr(user, "is_authenticated", False):
        return
    ids = {c.pk for c in concerns if c.submitter_name or c.submitter_phone or c.submitter_email}
    if not ids:
        return
    now = clock.now()
    updated = IdentityExposure.objects.filter(user=user, concern_id__in=ids).update(
        last_seen_at=now, times=F("times") + 1
    )
    if updated == len(ids):  # seen before, every one: the usual case, one query
        return
    seen = set(
        IdentityExposure.objects.filter(user=user, concern_id__in=ids).values_list(
            "concern_id", flat=True
        )
    )
    new = ids - seen
    if new:
        IdentityExposure.objects.bulk_create(
            [
                IdentityExposure(
                    concern_id=pk, user=user, first_seen_at=now, last_seen_at=now, where=where
                )
                for pk in sorted(new)
            ],
            ignore_conflicts=True,
        )


def _exposure_snapshot(concern: Concern) -> list[dict]:
    """Who had seen the submitter until now: kept in the audit entry of the
    reclassification, so the report says who saw the identity before it was protected."""
    rows = selectors.identity_exposure_report(concern)
    positions = {}
    users = [row["user"] for row in rows]
    for membership in Membership.objects.filter(user__in=users, is_active=True).select_related(
        "unit"
    ):
        positions.setdefault(membership.user_id, []).append(
            f"{membership.title} · {membership.unit.name}"
        )
    return [
        {
            "user": row["user"].pk,
            "username": row["user"].get_username(),
            "name": person_name(row["user"]),
            "positions": positions.get(row["user"].pk, []),
            "first_seen_at": row["first_seen_at"].isoformat(),
            "last_seen_at": row["last_seen_at"].isoformat(),
            "times": row["times"],
            "where": sorted(row["where"]),
        }
        for row in rows
    ]


# ---------------------------------------------------------------------------------------
# Reclassification


def check_type_change(actor, concern: Concern, new_type: str) -> None:
    """A denunciation's type is changed only by whoever may see its denunciator."""
    if new_type == concern.type:
        return
    if concern.type == ConcernType.DENUNCIATION and not selectors.may_see_denunciator(
        actor, concern
    ):
        raise ValidationError(MSG_RECLASSIFY_NOT_RESOLVER, code="not_resolver")


@_portal_language
@transaction.atomic
def concern_reclassify(
    *,
    actor,
    concern: Concern,
    version: int | None,
    type: str,
    reason: str,
    accused_role: str = "",
    accused_name: str = "",
) -> Concern:
    """Change the type of a case before any answer goes out, with a reason.

    When it becomes a denunciation: its submitter is hidden at once from everyone who
    does not resolve it (the privacy rule reads the type), it goes where it may be
    resolved (a ward's heads denounced: the level above; a Party member: the inspection
    committee), and the audit entry keeps who saw the submitter before (the
    reclassification report)."""
    concern = _begin(concern, "reclassify", actor=actor, version=version)
    _check_choice(type, ConcernType)
    reason = _clean_text(reason, required_message=MSG_RECLASSIFY_REASON, limit=2000)
    check_type_change(actor, concern, type)
    becomes_denunciation = type == ConcernType.DENUNCIATION
    if not becomes_denunciation:
        accused_role, accused_name = "", ""
    accused_name = _clean_text(accused_name, limit=_limit(Concern, "accused_name"))
    if type == concern.type and (accused_role or "") == concern.accused_role:
        raise ValidationError(MSG_RECLASSIFY_SAME, code="same_type")
    _require_identity(
        type,
        name=concern.submitter_name,
        phone=concern.submitter_phone,
        email=concern.submitter_email,
        address=concern.submitter_address,
    )
    old = {
        "type": concern.type,
        "unit": concern.unit_id,
        "addressed_to": concern.addressed_to,
        "assignee": concern.assignee_id,
    }
    protected_now = becomes_denunciation and concern.type != ConcernType.DENUNCIATION
    snapshot = _exposure_snapshot(concern) if protected_now else None
    if concern.type == ConcernType.DENUNCIATION and not becomes_denunciation:
        # No longer a denunciation: it stays with those who resolved it, never goes back to
        # the unit of the person it named (who would then read who wrote it).
        where = Competence(
            unit=concern.unit, addressed_to=concern.addressed_to, origin_unit=concern.origin_unit
        )
    else:
        where = competence_for(
            unit=about_unit(concern),
            type=type,
            addressed_to=concern.addressed_to,
            accused_role=accused_role or "",
        )
    moved = where.unit.pk != concern.unit_id or where.addressed_to != concern.addressed_to
    concern.type = type
    concern.accused_role = where.accused_role
    concern.accused_name = accused_name
    concern.unit = where.unit
    concern.origin_unit = where.origin_unit
    concern.addressed_to = where.addressed_to
    fields = ["type", "accused_role", "accused_name", "unit", "origin_unit", "addressed_to"]
    from_state = concern.state
    if moved and concern.assignee_id is not None:
        # The officer of the body that had it does not resolve it: the resolving body's
        # head assigns it again (the clocks keep counting from receipt).
        concern.assignee = None
        concern.assigned_at = None
        fields += ["assignee", "assigned_at"]
        if concern.state == ConcernState.ASSIGNED:
            concern.state = ConcernState.ACCEPTED
            fields.append("state")
    if type in IDENTITY_TYPES and concern.state in (ConcernState.ACCEPTED, ConcernState.ASSIGNED):
        # A complaint is accepted by the head's notice, a denunciation by decision: back to
        # received, for that step (the clock of acknowledgement still runs from receipt).
        concern.state = ConcernState.RECEIVED
        concern.accepted_at = None
        concern.assigned_at = None
        concern.assignee = None
        concern.due_at = None
        concern.due_explanation = ""
        fields += ["state", "accepted_at", "assigned_at", "assignee", "due_at", "due_explanation"]
    # The clocks of the new type, counted from the same days.
    concern.ack_due_at = clocks.acknowledge_due(type, clocks.local_date(concern.received_at)).due
    fields.append("ack_due_at")
    if concern.accepted_at is not None:
        due = _due_from_rule(concern, clocks.local_date(concern.accepted_at))
        concern.due_at = due.due
        concern.due_explanation = due.explanation()
        fields += ["due_at", "due_explanation"]
    _save(concern, fields)
    public_note = gettext("The case is now handled as: %(type)s.") % {
        "type": concern.get_type_display()
    }
    if moved:
        public_note += " " + gettext("It is resolved by %(body)s.") % {
            "body": body_name(concern.unit, concern.addressed_to)
        }
    _history(
        concern,
        actor=actor,
        action=TransitionAction.RECLASSIFIED,
        from_state=from_state,
        note=reason,
        is_public=True,
        public_note=public_note,
    )
    data = {
        "old_type": old["type"],
        "type": type,
        "old_addressed_to": old["addressed_to"],
        "addressed_to": concern.addressed_to,
        "old_unit": old["unit"],
        "unit": concern.unit_id,
        "accused_role": concern.accused_role,
        "protected": protected_now,
    }
    if snapshot is not None:
        data["exposures"] = snapshot
    _audit(actor, "reclassified", concern, data)
    if moved and old["unit"] != concern.unit_id:
        # Also in the log of the unit it left, without the case's identity.
        audit_record(
            actor=actor,
            action="concern.reclassified",
            obj=concern,
            unit=Unit.objects.get(pk=old["unit"]),
            data={"moved": True},
        )
    return concern


def reclassification_reports(concern: Concern) -> list[dict]:
    """Each time the case became a denunciation: when, by whom, and who had seen the
    submitter before (name, positions, first and last view, how many times)."""
    from audit.models import AuditEntry

    reports = []
    entries = (
        AuditEntry.objects.for_object(concern)
        .filter(action="concern.reclassified", data__protected=True)
        .order_by("created_at", "id")
    )
    for entry in entries:
        viewers = []
        for row in entry.data.get("exposures", []):
            viewers.append(
                {
                    **row,
                    "first_seen_at": _parse(row["first_seen_at"]),
                    "last_seen_at": _parse(row["last_seen_at"]),
                }
            )
        reports.append(
            {
                "at": entry.created_at,
                "by": entry.actor_username,
                "old_type": ConcernType(entry.data["old_type"]).label,
                "viewers": viewers,
            }
        )
    return reports


def _parse(value: str):
    from datetime import datetime

    return datetime.fromisoformat(value)


# ---------------------------------------------------------------------------------------
# Anonymous information (Luật Tố cáo năm 2018 Điều 25)


def _anonymous_reference() -> str:
    from ..tracking import generate_code

    for _attempt in range(8):
        reference = "TT-" + generate_code().replace("-", "")[:10]
        if not AnonymousInformation.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free reference")  # pragma: no cover


@_portal_language
@transaction.atomic
def anonymous_information_receive(
    *, unit: Unit, content: str, subject: str = "", evidence: str = "", address: str = ""
) -> AnonymousInformation:
    """Keep an anonymous letter as information for inspection. Nothing about the person
    who sent it is stored (no name, no contact, no IP address) and no answer is given."""
    if unit is None or not unit.is_active:
        raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
    content = _clean_text(content, required_message=MSG_CONTENT_REQUIRED)
    info = AnonymousInformation.objects.create(
        reference=_anonymous_reference(),
        unit=unit,
        content=content,
        subject=_clean_text(subject, limit=_limit(AnonymousInformation, "subject")),
        evidence=_clean_text(evidence),
        address=_clean_text(address, limit=_limit(AnonymousInformation, "address")),
        received_at=clock.now(),
    )
    audit_record(
        actor=None,
        action="anonymous_information.received",
        obj=info,
        unit=unit,
        data={"reference": info.reference},
    )
    return info


@_portal_language
@transaction.atomic
def anonymous_information_review(
    *, actor, info: AnonymousInformation, status: str, note: str = ""
) -> AnonymousInformation:
    """Record what became of the information: kept for inspection, or used by it."""
    if status not in (AnonymousInformationStatus.KEPT, AnonymousInformationStatus.USED):
        raise ValidationError(MSG_REVIEW_STATUS, code="invalid_choice")
    info = AnonymousInformation.objects.select_for_update().get(pk=info.pk)
    old = info.status
    info.status = status
    info.review_note = _clean_text(note, limit=5000)
    info.reviewed_by = actor
    info.reviewed_at = clock.now()
    info.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=actor,
        action="anonymous_information.reviewed",
        obj=info,
        unit=info.unit,
        data={"from": old, "to": status, "note": info.review_note},
    )
    return info


def may_review_anonymous(user, unit: Unit) -> bool:
    """Heads of the unit, its inspection committee, city reviewers."""
    from units.permissions import Capability, has_capability

    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if user.is_superuser:
        return True
    if has_capability(user, Capability.RETURN_FOR_REWORK, unit):  # reviewers of the subtree
        return True
    return Membership.objects.filter(
        user=user,
        unit=unit,
        is_active=True,
        role__in=[
            role
            for role, rank in ROLE_RANK.items()
            if rank == "head" or ROLE_INSTITUTION.get(role) == "inspection"
        ],
    ).exists()
