"""Internal notes, audited identity views and personal data: anonymisation after the
retention period and the person's own requests."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from units.models import Unit

from .. import selectors
from ..messages import (
    MSG_ERASE_CHANGED,
    MSG_ERASE_NOTHING,
    MSG_NOTE_REQUIRED,
)
from ..models import (
    FINAL_STATES,
    Concern,
    ConcernNote,
    TransitionAction,
)
from ._common import (
    _audit,
    _begin,
    _clean_text,
    _history,
    _portal_language,
    _save,
)


@_portal_language
@transaction.atomic
def concern_add_note(*, actor, concern: Concern, text: str) -> ConcernNote:
    """An internal note (never public)."""
    concern = _begin(concern, "note_add", actor=actor, version=None)
    text = _clean_text(text, required_message=MSG_NOTE_REQUIRED, limit=5000)
    note = ConcernNote.objects.create(
        concern=concern, author=actor, text=text, created_at=clock.now()
    )
    _audit(actor, "note_added", concern)
    return note


def concern_record_identity_view(*, actor, concern: Concern, ip_address: str | None = None) -> None:
    """Audit that ``actor`` saw a denunciation's submitter (every view is logged)."""
    _audit(actor, "identity_viewed", concern, ip_address=ip_address)


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
        selectors.concerns_of_person(units, key, user=actor)
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
    who = person_name(actor)
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
