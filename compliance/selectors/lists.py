"""The items behind each number (drill-down), and the unit dashboard's short lists."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import BooleanField, Case, ExpressionWrapper, F, QuerySet, When

from petitions.models import Concern, ConcernState, FollowUpCommitment
from sessions.models import DialogueSession
from units.models import Unit

from .. import workdays
from ..periods import Period
from .conditions import (
    CommitmentConditions,
    ConcernConditions,
    SessionConditions,
    disputed_in,
    with_concern_dates,
    with_working_days,
)

CONCERN_FIGURES = (
    "received",
    "answered",
    "answered_on_time",
    "answered_late",
    "overdue",
    "disputed",
    "rate_basis",
    "acknowledged",
    "ack_late",
)
SESSION_FIGURES = (
    "sessions_held",
    "sessions_with_notice",
    "sessions_late_notice",
    "conclusions_on_time",
    "conclusions_late",
    "conclusions_pending",
)
COMMITMENT_FIGURES = ("commitments_due", "commitments_done", "commitments_overdue")
DRILLDOWN_FIGURES = (*CONCERN_FIGURES, *SESSION_FIGURES, *COMMITMENT_FIGURES)


def drilldown(
    figure: str, unit_ids: list[int], period: Period, today: date
) -> tuple[str, QuerySet]:
    """The items behind ``figure`` for ``unit_ids``: ("concerns" | "sessions" | "commitments", qs).

    The same conditions as the counts, so the list has exactly as many rows as the number.
    """
    if figure in CONCERN_FIGURES:
        workdays.check_index(through=today)
        cond = ConcernConditions(period, today)
        qs = with_working_days(Concern.objects.filter(unit_id__in=unit_ids))
        if figure == "disputed":
            qs = qs.filter(disputed_in(period))
        else:
            qs = qs.filter(getattr(cond, figure))
        qs = qs.annotate(
            is_on_time=ExpressionWrapper(cond.answered_on_time, output_field=BooleanField()),
            is_overdue=ExpressionWrapper(cond.overdue, output_field=BooleanField()),
        ).select_related("unit", "assignee__person")
        if figure in ("acknowledged", "ack_late"):
            return "concerns", qs.order_by("-ack_days", "received_at", "pk")
        if figure in ("answered", "answered_on_time", "answered_late"):
            return "concerns", qs.order_by("-answer_days", "received_at", "pk")
        return "concerns", qs.order_by("received_at", "pk")
    if figure in SESSION_FIGURES:
        cond = SessionConditions(period, today)
        name = {"sessions_held": "held", "sessions_with_notice": "with_notice"}.get(
            figure, figure.removeprefix("sessions_")
        )
        qs = DialogueSession.objects.filter(unit_id__in=unit_ids).filter(getattr(cond, name))
        return "sessions", qs.select_related("unit").order_by("actual_start", "pk")
    if figure in COMMITMENT_FIGURES:
        cond = CommitmentConditions(period, today)
        qs = FollowUpCommitment.objects.filter(concern__unit_id__in=unit_ids).filter(
            getattr(cond, figure.removeprefix("commitments_"))
        )
        return "commitments", qs.select_related("concern", "concern__unit").order_by("due", "pk")
    raise ValueError(f"unknown figure {figure!r}")


# ---------------------------------------------------------------------------------------
# The unit dashboard


# Sessions "coming up": this many days ahead.
UPCOMING_DAYS = 30
# Lists on the unit dashboard show at most this many rows (with a link to all of them).
LIST_LIMIT = 20


def upcoming_sessions(unit: Unit, today: date) -> list[DialogueSession]:
    from sessions.models import SessionState

    window = Period.custom(today, today + timedelta(days=UPCOMING_DAYS))
    return list(
        DialogueSession.objects.filter(
            unit=unit,
            state__in=(SessionState.PLANNED, SessionState.ANNOUNCED, SessionState.POSTPONED),
            planned_start__gte=window.start_datetime(),
            planned_start__lt=window.end_datetime(),
        ).order_by("planned_start", "pk")[:LIST_LIMIT]
    )


def concerns_due_this_week(unit: Unit, today: date) -> list[Concern]:
    """Open, not paused, with the current deadline from today to 7 days on."""
    end = today + timedelta(days=7)
    return list(
        Concern.objects.filter(unit=unit, paused_since__isnull=True)
        .due_between(today, end)
        .select_related("assignee__person")
        .order_by("due_at", "ack_due_at", "pk")[:LIST_LIMIT]
    )


def concerns_overdue_now(unit: Unit, today: date) -> tuple[list[Concern], int]:
    """Every concern of the unit overdue today (whatever the period), oldest deadline first."""
    qs = Concern.objects.filter(unit=unit).overdue(today)
    items = list(
        qs.select_related("assignee__person").order_by("due_at", "ack_due_at", "pk")[:LIST_LIMIT]
    )
    return items, (len(items) if len(items) < LIST_LIMIT else qs.count())


def commitments_overdue_now(unit: Unit, today: date) -> list[FollowUpCommitment]:
    return list(
        FollowUpCommitment.objects.filter(concern__unit=unit, done_at__isnull=True, due__lt=today)
        .select_related("concern")
        .order_by("due", "pk")[:LIST_LIMIT]
    )


def notable_overdue(unit_ids: list[int], period: Period, today: date, limit: int = 20):
    """The report's "notable overdue items": overdue with a deadline in the period, oldest first."""
    cond = ConcernConditions(period, today)
    qs = with_concern_dates(Concern.objects.filter(unit_id__in=unit_ids)).filter(cond.overdue)
    qs = qs.annotate(
        deadline=Case(When(state=ConcernState.RECEIVED, then=F("ack_due_at")), default=F("due_at"))
    )
    return list(qs.select_related("unit").order_by("deadline", "received_at", "pk")[:limit])
