"""Monthly figures (the trends page) and the busiest unit of a span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, When

from petitions.models import Concern, ConcernState
from sessions.models import DialogueSession
from units.models import Unit

from ..dbfunctions import LocalMonth
from ..periods import Period
from .conditions import ConcernConditions, SessionConditions, with_concern_dates


@dataclass
class MonthPoint:
    month: date
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue: int = 0
    sessions_held: int = 0

    @property
    def on_time_rate(self) -> float | None:
        basis = self.answered + self.overdue
        return self.answered_on_time / basis if basis else None


def monthly_series(
    unit_ids: list[int], focus_id: int | None, months: list[date], today: date
) -> tuple[list[MonthPoint], list[MonthPoint]]:
    """Monthly figures for all of ``unit_ids`` and for the one unit ``focus_id``.

    Four queries, each grouped by month with a conditional count for the focus unit:
    concerns received, concerns answered (and on time), currently overdue concerns by the
    month of their deadline, sessions held.
    """

    first = months[0]
    period = Period.custom(first, _month_end(months[-1]))
    ccond = ConcernConditions(period, today)
    scond = SessionConditions(period, today)
    focus = Q(unit_id=focus_id) if focus_id else Q(pk__in=[])
    city = {m: MonthPoint(m) for m in months}
    unit = {m: MonthPoint(m) for m in months}

    def add(rows, key_map):
        for row in rows:
            month = row["m"]
            month = month.date() if hasattr(month, "date") else month
            if month not in city:
                continue
            for target, suffix in ((city[month], "all"), (unit[month], "focus")):
                for name in key_map:
                    setattr(target, name, getattr(target, name) + row[f"{name}_{suffix}"])

    base = with_concern_dates(Concern.objects.filter(unit_id__in=unit_ids)).order_by()
    received = (
        base.filter(ccond.received)
        .annotate(m=LocalMonth("received_at"))
        .values("m")
        .annotate(received_all=Count("id"), received_focus=Count("id", filter=focus))
    )
    add(received, ["received"])
    answered = (
        base.filter(ccond.answered)
        .annotate(m=LocalMonth("answer_published_at"))
        .values("m")
        .annotate(
            answered_all=Count("id"),
            answered_focus=Count("id", filter=focus),
            answered_on_time_all=Count("id", filter=ccond.answered_on_time),
            answered_on_time_focus=Count("id", filter=ccond.answered_on_time & focus),
        )
    )
    add(answered, ["answered", "answered_on_time"])
    overdue = (
        base.filter(ccond.overdue)
        .annotate(
            deadline=Case(
                When(state=ConcernState.RECEIVED, then=F("ack_due_at")), default=F("due_at")
            )
        )
        .annotate(m=LocalMonth("deadline"))
        .values("m")
        .annotate(overdue_all=Count("id"), overdue_focus=Count("id", filter=focus))
    )
    add(overdue, ["overdue"])
    held = (
        DialogueSession.objects.filter(unit_id__in=unit_ids)
        .filter(scond.held)
        .order_by()
        .annotate(m=LocalMonth("actual_start"))
        .values("m")
        .annotate(sessions_held_all=Count("id"), sessions_held_focus=Count("id", filter=focus))
    )
    add(held, ["sessions_held"])
    return [city[m] for m in months], [unit[m] for m in months]


def busiest_unit(units: list[Unit], span: Period) -> Unit | None:
    """The unit (other than a lone root) that received the most concerns in ``span``."""
    by_pk = {u.pk: u for u in units}
    row = (
        Concern.objects.filter(
            unit_id__in=list(by_pk),
            received_at__gte=span.start_datetime(),
            received_at__lt=span.end_datetime(),
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")
        .first()
    )
    if row:
        return by_pk[row["unit_id"]]
    return next((u for u in units if len(units) == 1 or u.path != units[0].path), None)


def _month_end(month: date) -> date:
    from ..periods import add_months

    return add_months(month, 1) - timedelta(days=1)
