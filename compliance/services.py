"""Writes of the compliance app: the all-history rollup, the audit of every export, and the
number a periodic report takes from its Party committee's register."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name
from documents.models import OutgoingDocument
from documents.numbering import take_number
from petitions.models import Concern, ConcernTransition, TransitionAction
from sessions.models import DialogueSession
from units.models import Unit

from . import workdays
from .dbfunctions import LocalMonth
from .models import RollupRun, UnitMonthRollup
from .periods import Period
from .report_document import (
    INSTITUTION,
    SYMBOL,
    issuing_unit,
    party_secretary,
    registered_entry,
    report_reference,
    report_subject,
    signing_membership,
)
from .selectors import ConcernConditions, SessionConditions, with_concern_dates

AUDIT_ACTIONS = {
    "compliance.report_exported": _("exported a compliance report"),
    "compliance.report_registered": _("registered and numbered a periodic report"),
    "compliance.rollup_refreshed": _("refreshed the compliance rollup"),
}

# A full refresh covers everything from this date (older records do not exist).
HISTORY_START = date(1990, 1, 1)

COUNTED = (
    "sessions_held",
    "sessions_with_notice",
    "conclusions_on_time",
    "concerns_received",
    "concerns_answered",
    "concerns_answered_on_time",
    "concerns_disputed",
)


def _month(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _collect(into: dict, rows: QuerySet, unit_key: str = "unit_id") -> None:
    for row in rows:
        key = (row.pop(unit_key), _month(row.pop("m")))
        for name, value in row.items():
            into[key][name] += value


def rollup_rows(*, since: date, today: date) -> list[UnitMonthRollup]:
    """The rollup rows of every unit and month from ``since`` on, as the figures define them."""
    period = Period.custom(since, today)
    ccond = ConcernConditions(period, today)
    scond = SessionConditions(period, today)
    counts: dict[tuple[int, date], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTED, 0))
    _collect(
        counts,
        DialogueSession.objects.filter(scond.held)
        .order_by()
        .annotate(m=LocalMonth("actual_start"))
        .values("unit_id", "m")
        .annotate(
            sessions_held=Count("id"),
            sessions_with_notice=Count("id", filter=scond.with_notice),
            conclusions_on_time=Count("id", filter=scond.conclusions_on_time),
        ),
    )
    concerns = with_concern_dates(Concern.objects.all()).order_by()
    _collect(
        counts,
        concerns.filter(ccond.received)
        .annotate(m=LocalMonth("received_at"))
        .values("unit_id", "m")
        .annotate(concerns_received=Count("id")),
    )
    _collect(
        counts,
        concerns.filter(ccond.answered)
        .annotate(m=LocalMonth("answer_published_at"))
        .values("unit_id", "m")
        .annotate(
            concerns_answered=Count("id"),
            concerns_answered_on_time=Count("id", filter=ccond.answered_on_time),
        ),
    )
    _collect(
        counts,
        ConcernTransition.objects.filter(
            action=TransitionAction.DISPUTED,
            created_at__gte=period.start_datetime(),
            created_at__lt=period.end_datetime(),
        )
        .order_by()
        .annotate(m=LocalMonth("created_at"))
        .values("concern__unit_id", "m")
        .annotate(concerns_disputed=Count("concern_id", distinct=True)),
        unit_key="concern__unit_id",
    )
    return [
        UnitMonthRollup(unit_id=unit_id, month=month, **values)
        for (unit_id, month), values in sorted(counts.items())
    ]


def rollup_refresh(*, since: date | None = None, today: date | None = None) -> RollupRun:
    """Recompute the rollup from the month of ``since`` (default: all history) up to today.

    Runs in one transaction: readers see either the old rows or the new ones.
    """
    started = clock.now()
    today = today or clock.today()
    first = date(since.year, since.month, 1) if since else HISTORY_START
    rows = rollup_rows(since=first, today=today)
    with transaction.atomic():
        stale = UnitMonthRollup.objects.all()
        if since:
            stale = stale.filter(month__gte=first)
        stale.delete()
        UnitMonthRollup.objects.bulk_create(rows, batch_size=1000)
        run = RollupRun.objects.create(
            started_at=started,
            finished_at=clock.now(),
            first_month=first if since else None,
            rows=len(rows),
        )
    # Keep the working-day index reaching today (the pages only read it), back to the
    # oldest concern on record.
    workdays.refresh_index(today=today)
    return run


def report_export_record(*, actor, fmt: str, root, period: Period, units: int) -> None:
    """Audit one export of the periodic report (who, what format, which scope and period)."""
    audit_record(
        actor=actor,
        action="compliance.report_exported",
        unit=root,
        data={
            "format": fmt,
            "period": period.slug(),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "units": units,
        },
    )


@transaction.atomic
def report_register(*, actor, root, period: Period, today: date) -> tuple[OutgoingDocument, bool]:
    """Register the periodic report on ``root`` for ``period`` in its Party committee's
    outgoing-document register ("3-BC/ĐU"): once. Returns the entry and whether it is new;
    a report already registered keeps its number.

    The issuing unit's row is locked first, so two clicks at once give one number. The
    person registering signs: the Bí thư (T/M), a Phó Bí thư (K/T) or the head of the
    office (T/L); a superuser without such a role records the Bí thư's name. The caller
    checks that ``actor`` holds ``Capability.SIGN_OFF`` for the Party committee there.
    """
    unit = issuing_unit(root)
    Unit.objects.select_for_update().get(pk=unit.pk)
    existing = registered_entry(root, period)
    if existing is not None:
        return existing, False
    signer = signing_membership(actor, unit) or party_secretary(unit)
    with translation.override("vi"):
        signer_position = signer.title if signer is not None else ""
    entry = take_number(
        unit=unit,
        institution=INSTITUTION,
        symbol=SYMBOL,
        issued_on=today,
        title=report_subject(period),
        actor=actor,
        reference=report_reference(root, period),
        signer_name=person_name(signer.user) if signer is not None else "",
        signer_position=signer_position,
    )
    audit_record(
        actor=actor,
        action="compliance.report_registered",
        obj=entry,
        unit=root,
        data={
            "number": entry.label,
            "reference": entry.reference,
            "period": period.slug(),
            "issued_on": entry.issued_on.isoformat(),
            "signer": entry.signer_name,
        },
    )
    return entry, True
