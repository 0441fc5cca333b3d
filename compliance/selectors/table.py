"""The figure table: one :class:`Figures` per unit and their total, in a fixed number of
queries (conditional counts grouped by unit, the frequency rules, the percentiles)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import accumulate

from django.db.models import Count
from django.utils import timezone

from petitions.models import Concern, ConcernTransition, FollowUpCommitment, TransitionAction
from sessions.models import (
    HELD_STATES,
    DialogueSession,
    FrequencyRule,
    RuleHost,
    SessionHosts,
    TimingRule,
    TimingRuleKind,
)
from units.models import Unit

from .. import workdays
from ..dbfunctions import LocalDate
from ..periods import Period, rule_period_bounds, rule_periods_touching
from .conditions import (
    CommitmentConditions,
    ConcernConditions,
    SessionConditions,
    unit_level,
    with_concern_dates,
)
from .percentiles import PERCENTILE_FIELDS, duration_percentiles


@dataclass(frozen=True)
class StillDue:
    """A rule period not over yet in which the rule is not met so far."""

    rule: FrequencyRule
    missing: int
    by: date


@dataclass
class Figures:
    """The figures of one unit (or the total of several) for one period."""

    unit: Unit | None = None
    sessions_has_rules: bool = False
    sessions_required: int = 0
    sessions_shortfall: int = 0
    still_due: list[StillDue] = field(default_factory=list)
    sessions_held: int = 0
    sessions_with_notice: int = 0
    conclusions_on_time: int = 0
    conclusions_late: int = 0
    conclusions_pending: int = 0
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue: int = 0
    disputed: int = 0
    acknowledged: int = 0
    ack_late: int = 0
    answer_median: float | None = None
    answer_p90: float | None = None
    ack_median: float | None = None
    ack_p90: float | None = None
    commitments_due: int = 0
    commitments_done: int = 0
    commitments_overdue: int = 0

    SUMMED = (
        "sessions_required",
        "sessions_shortfall",
        "sessions_held",
        "sessions_with_notice",
        "conclusions_on_time",
        "conclusions_late",
        "conclusions_pending",
        "received",
        "answered",
        "answered_on_time",
        "overdue",
        "disputed",
        "acknowledged",
        "ack_late",
        "commitments_due",
        "commitments_done",
        "commitments_overdue",
    )

    @property
    def on_time_rate(self) -> float | None:
        """answered on time ÷ (answered + currently overdue); None when both are 0."""
        basis = self.answered + self.overdue
        return self.answered_on_time / basis if basis else None

    @property
    def rate_basis(self) -> int:
        return self.answered + self.overdue

    @property
    def answered_late(self) -> int:
        return self.answered - self.answered_on_time

    @property
    def late_notice(self) -> int:
        return self.sessions_held - self.sessions_with_notice

    @property
    def sessions_credited(self) -> int:
        return self.sessions_required - self.sessions_shortfall

    @property
    def still_due_count(self) -> int:
        return sum(item.missing for item in self.still_due)


@dataclass
class FigureTable:
    period: Period
    today: date
    rows: list[Figures]
    total: Figures
    notice_days: int
    conclusions_days: int
    # When the figures were read (tables are kept a few minutes: compliance.figure_cache).
    computed_at: datetime = field(default_factory=timezone.now)


def _by_unit(rows, key: str = "unit_id") -> dict[int, dict]:
    return {row.pop(key): row for row in rows}


def _concern_counts(unit_ids: list[int], cond: ConcernConditions) -> dict[int, dict]:
    qs = (
        with_concern_dates(Concern.objects.filter(unit_id__in=unit_ids))
        .filter(cond.touched)
        .order_by()
        .values("unit_id")
        .annotate(
            received=Count("id", filter=cond.received),
            answered=Count("id", filter=cond.answered),
            answered_on_time=Count("id", filter=cond.answered_on_time),
            overdue=Count("id", filter=cond.overdue),
            acknowledged=Count("id", filter=cond.acknowledged),
            ack_late=Count("id", filter=cond.ack_late),
        )
    )
    return _by_unit(list(qs))


def _dispute_counts(unit_ids: list[int], period: Period) -> dict[int, dict]:
    qs = (
        ConcernTransition.objects.filter(
            concern__unit_id__in=unit_ids,
            action=TransitionAction.DISPUTED,
            created_at__gte=period.start_datetime(),
            created_at__lt=period.end_datetime(),
        )
        .order_by()
        .values("concern__unit_id")
        .annotate(disputed=Count("concern_id", distinct=True))
    )
    return _by_unit(list(qs), "concern__unit_id")


def _commitment_counts(unit_ids: list[int], cond: CommitmentConditions) -> dict[int, dict]:
    qs = (
        FollowUpCommitment.objects.filter(concern__unit_id__in=unit_ids)
        .filter(cond.due)
        .order_by()
        .values("concern__unit_id")
        .annotate(
            commitments_due=Count("id"),
            commitments_done=Count("id", filter=cond.done),
            commitments_overdue=Count("id", filter=cond.overdue),
        )
    )
    return _by_unit(list(qs), "concern__unit_id")


def _session_counts(unit_ids: list[int], cond: SessionConditions) -> dict[int, dict]:
    qs = (
        DialogueSession.objects.filter(unit_id__in=unit_ids)
        .filter(cond.held)
        .order_by()
        .values("unit_id")
        .annotate(
            sessions_held=Count("id"),
            sessions_with_notice=Count("id", filter=cond.with_notice),
            conclusions_on_time=Count("id", filter=cond.conclusions_on_time),
            conclusions_late=Count("id", filter=cond.conclusions_late),
            conclusions_pending=Count("id", filter=cond.conclusions_pending),
        )
    )
    return _by_unit(list(qs))


def _bucket_range(period: Period, today: date) -> tuple[date, date]:
    """The days whose sessions can count towards a rule period touching ``period``."""
    first = min(
        rule_period_bounds("week", period.start)[0], rule_period_bounds("year", period.start)[0]
    )
    return first, max(period.end, today)


def _session_buckets(unit_ids: list[int], period: Period, today: date) -> dict[int, list]:
    first, last = _bucket_range(period, today)
    span = Period.custom(first, last)
    qs = (
        DialogueSession.objects.filter(
            unit_id__in=unit_ids,
            state__in=HELD_STATES,
            actual_start__gte=span.start_datetime(),
            actual_start__lt=span.end_datetime(),
        )
        .annotate(day=LocalDate("actual_start"))
        .order_by()
        .values("unit_id", "kind", "hosts", "day")
        .annotate(n=Count("id"))
    )
    buckets: dict[int, list] = defaultdict(list)
    for row in qs:
        buckets[row["unit_id"]].append((row["day"], row["kind"], row["hosts"], row["n"]))
    return buckets


def active_rules() -> dict[str, list[FrequencyRule]]:
    rules: dict[str, list[FrequencyRule]] = defaultdict(list)
    for rule in FrequencyRule.objects.filter(is_active=True).order_by(
        "unit_level", "session_kind", "host"
    ):
        rules[rule.unit_level].append(rule)
    return rules


def _matches(rule: FrequencyRule, kind: str, hosts: str) -> bool:
    if kind != rule.session_kind:
        return False
    return rule.host == RuleHost.ANY or hosts in (rule.host, SessionHosts.BOTH)


def apply_rules(
    figures: Figures,
    unit: Unit,
    rules: dict[str, list[FrequencyRule]],
    buckets: list,
    period: Period,
    today: date,
) -> None:
    """Fill the required / shortfall / still-due figures of ``unit`` from its held sessions."""
    level = unit_level(unit)
    unit_rules = rules.get(level, []) if level else []
    figures.sessions_has_rules = bool(unit_rules)
    for rule in unit_rules:
        # Held sessions matching the rule, by day, with running totals for range sums.
        matching = sorted(
            (day, n) for day, kind, hosts, n in buckets if _matches(rule, kind, hosts)
        )
        days = [day for day, _n in matching]
        totals = [0, *accumulate(n for _day, n in matching)]
        for first, last in rule_periods_touching(rule.period, period.start, period.end):
            if unit.valid_from and last < unit.valid_from:
                continue
            if unit.valid_to and first > unit.valid_to:
                continue
            held = totals[bisect_right(days, last)] - totals[bisect_left(days, first)]
            if last < today and period.start <= last <= period.end:
                figures.sessions_required += rule.minimum
                figures.sessions_shortfall += max(0, rule.minimum - held)
            elif last >= today and held < rule.minimum:
                figures.still_due.append(StillDue(rule=rule, missing=rule.minimum - held, by=last))


# --- the table ------------------------------------------------------------------------------


def timing_days() -> tuple[int, int]:
    """The general notice and conclusions rules' days, for the formulas' wording (one query)."""
    days = dict(TimingRule.objects.filter(session_kind="").values_list("kind", "days"))
    return days.get(TimingRuleKind.NOTICE, 5), days.get(TimingRuleKind.CONCLUSIONS, 10)


def unit_figures(
    units: list[Unit], period: Period, today: date, *, durations: bool = True
) -> FigureTable:
    """One :class:`Figures` per unit and their total, in a fixed number of queries.

    ``durations=False`` leaves out the medians and percentiles (and their queries).
    """
    unit_ids = [unit.pk for unit in units]
    ccond = ConcernConditions(period, today)
    scond = SessionConditions(period, today)
    kcond = CommitmentConditions(period, today)
    counts = [
        _concern_counts(unit_ids, ccond),
        _dispute_counts(unit_ids, period),
        _commitment_counts(unit_ids, kcond),
        _session_counts(unit_ids, scond),
    ]
    per_unit_pct, total_pct = {}, {}
    if durations:
        workdays.check_index(through=today)
        per_unit_pct, total_pct = duration_percentiles(unit_ids, ccond)
    buckets = _session_buckets(unit_ids, period, today)
    rules = active_rules()
    notice_days, conclusions_days = timing_days()

    rows = []
    total = Figures()
    for unit in units:
        figures = Figures(unit=unit)
        for table in counts:
            for key, value in table.get(unit.pk, {}).items():
                setattr(figures, key, value)
        for key, value in per_unit_pct.get(unit.pk, {}).items():
            setattr(figures, key, value)
        apply_rules(figures, unit, rules, buckets.get(unit.pk, []), period, today)
        rows.append(figures)
        for key in Figures.SUMMED:
            setattr(total, key, getattr(total, key) + getattr(figures, key))
        total.still_due.extend(figures.still_due)
        total.sessions_has_rules |= figures.sessions_has_rules
    for key in PERCENTILE_FIELDS:
        setattr(total, key, total_pct.get(key))
    return FigureTable(
        period=period,
        today=today,
        rows=rows,
        total=total,
        notice_days=notice_days,
        conclusions_days=conclusions_days,
    )
