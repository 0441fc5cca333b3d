"""The compliance figures (domain.md §7), computed in the database.

Every page reads through :func:`unit_figures`, :func:`monthly_series`, :func:`drilldown`
and friends. Each runs a fixed number of queries, whatever the number of units and items:
conditional aggregation (``Count(..., filter=Q(...))``) grouped by unit, ``TruncMonth`` for
the series, and percentiles (``percentile_cont`` on PostgreSQL; the same interpolation in
Python over one ``values_list`` query elsewhere).

Definitions (the pages print them next to each figure; ``P`` is the period, a range of
Ho Chi Minh City dates, and "today" the date the page is computed on):

Sessions
- *held*: sessions recorded as held (states held, concluded, closed) whose actual start
  falls in ``P``. Cancelled sessions, and postponed ones not yet held, never count.
- *with enough notice*: held sessions not recorded as late notice (announced at least the
  notice rule's working days ahead, counted when announced).
- *conclusions on time*: held sessions whose conclusions notice is issued and dated no
  later than its due date. *Late*: issued after it, or not issued and the due date past.
- *required*: for each active frequency rule of the unit's level (commune or city), the
  rule's minimum for every rule period (Monday–Sunday week, calendar month or year) that
  ended within ``P`` and before today while the unit existed. *Shortfall*: the sessions
  missing in those rule periods (sessions matching the rule's kind and host, held in the
  rule period). Rule periods not over yet are "still due".

Concerns
- *received*: received in ``P``; duplicates merged into another concern are left out (the
  surviving concern stands for them).
- *answered*: an answer in force (states answered, following up, closed) published in
  ``P``. A concern reopened by a dispute, or whose answer was returned, is open again.
- *answered on time*: answered, published no later than the due date in force (moved by
  approved extensions, by pauses and, after a dispute, set anew).
- *currently overdue*: open today (received, accepted, assigned), not paused, with its
  current deadline (acknowledgement while received, answer afterwards) in ``P`` and
  before today. Each overdue item counts in the period its deadline fell in.
- *disputed*: concerns the citizen disputed in ``P``.
- *on-time rate* = answered on time ÷ (answered + currently overdue).
- *acknowledged*: accepted in ``P``, or (without acceptance) referred or declined in ``P``;
  *acknowledged late*: after the acknowledgement deadline.
- *working days to answer*: working days in (date received, date the answer in force was
  published] minus, for each pause that began before that publication, the working days
  in (pause start date, pause end date]; never below 0. The same count from receipt to
  acknowledgement gives the *working days to acknowledge*. Median and 90th percentile are
  ``percentile_cont`` (linear interpolation) over the items answered (acknowledged) in ``P``.
  This is ``petitions.clocks.response_working_days`` computed in SQL.

Follow-up commitments: *due* in ``P``; of those *done* (at any time so far) and *overdue*
(not done, due before today).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from petitions.models import (
    ANSWERED_STATES,
    Concern,
    ConcernState,
    ConcernTransition,
    FollowUpCommitment,
    Pause,
    TransitionAction,
)
from sessions.models import (
    HELD_STATES,
    DialogueSession,
    FrequencyRule,
    RuleHost,
    SessionHosts,
    TimingRule,
    TimingRuleKind,
    UnitLevel,
)
from units.models import Unit

from . import workdays
from .aggregates import percentile
from .dbfunctions import LocalDate, LocalMonth
from .models import WorkingDayIndex
from .periods import Period, rule_period_bounds, rule_periods_touching

ACK_STATES_WITHOUT_ACCEPTANCE = (ConcernState.REFERRED, ConcernState.DECLINED)
CURRENT_STATES = (ConcernState.ACCEPTED, ConcernState.ASSIGNED)


# ---------------------------------------------------------------------------------------
# Units in a period


def units_in_period(units: QuerySet[Unit], period: Period) -> QuerySet[Unit]:
    """The units of ``units`` that existed during ``period`` (active, or valid into it)."""
    return (
        units.filter(Q(is_active=True) | Q(valid_to__gte=period.start))
        .exclude(valid_from__gt=period.end)
        .order_by("path")
    )


def unit_level(unit: Unit) -> str | None:
    """The frequency rules' level of a unit: commune level, city, or none (old districts)."""
    if unit.kind == Unit.Kind.CITY:
        return UnitLevel.CITY
    if unit.is_commune_level or unit.kind == Unit.Kind.TOWN:
        return UnitLevel.COMMUNE
    return None


# ---------------------------------------------------------------------------------------
# Conditions shared by the figures and the lists behind them


def with_concern_dates(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    """Annotate the dates the conditions compare: answered_on, ack_at, ack_on."""
    return qs.annotate(
        answered_on=LocalDate("answer_published_at"),
        ack_at=Case(
            When(accepted_at__isnull=False, then=F("accepted_at")),
            When(state__in=ACK_STATES_WITHOUT_ACCEPTANCE, then=F("closed_at")),
            default=None,
            output_field=DateTimeField(),
        ),
    ).annotate(ack_on=LocalDate("ack_at"))


@dataclass(frozen=True)
class ConcernConditions:
    """The Q objects of each concern figure for one period (on :func:`with_concern_dates`)."""

    period: Period
    today: date

    def _in(self, name: str) -> Q:
        return Q(
            **{
                f"{name}__gte": self.period.start_datetime(),
                f"{name}__lt": self.period.end_datetime(),
            }
        )

    @property
    def received(self) -> Q:
        return self._in("received_at") & ~Q(state=ConcernState.MERGED)

    @property
    def answered(self) -> Q:
        return Q(state__in=ANSWERED_STATES) & self._in("answer_published_at")

    @property
    def answered_on_time(self) -> Q:
        return self.answered & (Q(due_at__isnull=True) | Q(answered_on__lte=F("due_at")))

    @property
    def answered_late(self) -> Q:
        return self.answered & Q(answered_on__gt=F("due_at"))

    @property
    def overdue(self) -> Q:
        start, end, today = self.period.start, self.period.end, self.today
        return Q(paused_since__isnull=True) & (
            Q(
                state=ConcernState.RECEIVED,
                ack_due_at__lt=today,
                ack_due_at__gte=start,
                ack_due_at__lte=end,
            )
            | Q(state__in=CURRENT_STATES, due_at__lt=today, due_at__gte=start, due_at__lte=end)
        )

    @property
    def acknowledged(self) -> Q:
        return self._in("ack_at")

    @property
    def ack_late(self) -> Q:
        return self.acknowledged & Q(ack_on__gt=F("ack_due_at"))

    @property
    def rate_basis(self) -> Q:
        return self.answered | self.overdue

    @property
    def touched(self) -> Q:
        """A coarse condition the indexes can serve: any row some figure may count."""
        return (
            self._in("received_at")
            | self._in("answer_published_at")
            | self._in("accepted_at")
            | self._in("closed_at")
            | Q(due_at__gte=self.period.start, due_at__lte=self.period.end)
            | Q(ack_due_at__gte=self.period.start, ack_due_at__lte=self.period.end)
        )


def disputed_in(period: Period) -> Exists:
    return Exists(
        ConcernTransition.objects.filter(
            concern=OuterRef("pk"),
            action=TransitionAction.DISPUTED,
            created_at__gte=period.start_datetime(),
            created_at__lt=period.end_datetime(),
        )
    )


def _paused_working_days(until_field: str):
    """Working days spent in the concern's pauses that began before ``until_field``."""
    pauses = (
        Pause.objects.filter(
            concern=OuterRef("pk"),
            started_at__lt=OuterRef(until_field),
            ended_at__isnull=False,
        )
        .annotate(started_on=LocalDate("started_at"), ended_on=LocalDate("ended_at"))
        .annotate(
            started_ord=workdays.ordinal_of("started_on"),
            ended_ord=workdays.ordinal_of("ended_on"),
        )
        .order_by()
        .values("concern")
        .annotate(total=Sum(F("ended_ord") - F("started_ord")))
        .values("total")
    )
    return Coalesce(Subquery(pauses, output_field=IntegerField()), Value(0))


def with_working_days(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    """Annotate ``answer_days`` and ``ack_days`` (see the module's definitions)."""
    qs = with_concern_dates(qs).annotate(
        received_on=LocalDate("received_at"),
        received_ord=workdays.ordinal_of("received_on"),
        answered_ord=workdays.ordinal_of("answered_on"),
        ack_ord=workdays.ordinal_of("ack_on"),
        answer_paused=_paused_working_days("answer_published_at"),
        ack_paused=_paused_working_days("ack_at"),
    )
    # Never below 0 without a clamp: every pause counted lies inside (received, event].
    return qs.annotate(
        answer_days=ExpressionWrapper(
            F("answered_ord") - F("received_ord") - F("answer_paused"),
            output_field=IntegerField(),
        ),
        ack_days=ExpressionWrapper(
            F("ack_ord") - F("received_ord") - F("ack_paused"), output_field=IntegerField()
        ),
    )


@dataclass(frozen=True)
class SessionConditions:
    period: Period
    today: date

    @property
    def held(self) -> Q:
        return Q(
            state__in=HELD_STATES,
            actual_start__gte=self.period.start_datetime(),
            actual_start__lt=self.period.end_datetime(),
        )

    @property
    def with_notice(self) -> Q:
        return self.held & Q(is_late_notice=False)

    @property
    def late_notice(self) -> Q:
        return self.held & Q(is_late_notice=True)

    @property
    def conclusions_on_time(self) -> Q:
        return (
            self.held
            & Q(conclusions_issued_at__isnull=False)
            & (Q(conclusions_due__isnull=True) | Q(conclusions_date__lte=F("conclusions_due")))
        )

    @property
    def conclusions_late(self) -> Q:
        return self.held & (
            Q(conclusions_issued_at__isnull=False, conclusions_date__gt=F("conclusions_due"))
            | Q(conclusions_issued_at__isnull=True, conclusions_due__lt=self.today)
        )

    @property
    def conclusions_pending(self) -> Q:
        return (
            self.held
            & Q(conclusions_issued_at__isnull=True)
            & (Q(conclusions_due__isnull=True) | Q(conclusions_due__gte=self.today))
        )


@dataclass(frozen=True)
class CommitmentConditions:
    period: Period
    today: date

    @property
    def due(self) -> Q:
        return Q(due__gte=self.period.start, due__lte=self.period.end)

    @property
    def done(self) -> Q:
        return self.due & Q(done_at__isnull=False)

    @property
    def overdue(self) -> Q:
        return self.due & Q(done_at__isnull=True, due__lt=self.today)


# ---------------------------------------------------------------------------------------
# Figures per unit


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
        rule_period_bounds("week", period.start)[0],
        rule_period_bounds("year", period.start)[0],
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


# --- percentiles ---------------------------------------------------------------------------


PERCENTILE_FIELDS = ("answer_median", "answer_p90", "ack_median", "ack_p90")


def _duration_rows(unit_ids: list[int], cond: ConcernConditions) -> QuerySet[Concern]:
    return (
        with_working_days(Concern.objects.filter(unit_id__in=unit_ids))
        .filter(cond.answered | cond.acknowledged)
        .order_by()
    )


# One pass over the period's rows (a year of the city is some 400,000): the rows and their
# pause totals are read once (MATERIALIZED keeps PostgreSQL from inlining them into each
# aggregate), the working-day ordinals come from hash joins with the index rather than a
# lookup per row and date, both percentiles of a measure come from one sort
# (percentile_cont over an array), and ROLLUP adds the all-units row (unit_id NULL).
# The measures are with_working_days' answer_days and ack_days: ordinal of the event date
# minus ordinal of the receipt date minus the pauses' working days.
_PERCENTILES_SQL = """
WITH r AS MATERIALIZED ({rows})
SELECT r.unit_id,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
           ORDER BY wa.ordinal - wr.ordinal - r.answer_paused) FILTER (WHERE r.is_answered),
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
           ORDER BY wk.ordinal - wr.ordinal - r.ack_paused) FILTER (WHERE r.is_acknowledged)
FROM r
LEFT JOIN {index} wr ON wr.day = r.received_on
LEFT JOIN {index} wa ON wa.day = r.answered_on
LEFT JOIN {index} wk ON wk.day = r.ack_on
GROUP BY ROLLUP (r.unit_id)
"""


def _percentiles_postgresql(rows: QuerySet[Concern], cond: ConcernConditions):
    inner = rows.annotate(
        is_answered=ExpressionWrapper(cond.answered, output_field=BooleanField()),
        is_acknowledged=ExpressionWrapper(cond.acknowledged, output_field=BooleanField()),
    ).values_list(  # (the ordinal annotations are not selected: no per-row lookups)
        "unit_id",
        "received_on",
        "answered_on",
        "ack_on",
        "answer_paused",
        "ack_paused",
        "is_answered",
        "is_acknowledged",
    )
    sql, params = inner.query.sql_with_params()
    query = _PERCENTILES_SQL.format(rows=sql, index=WorkingDayIndex._meta.db_table)
    per_unit, total = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for unit_id, answer, ack in cursor.fetchall():
            stats = {
                "answer_median": answer[0] if answer else None,
                "answer_p90": answer[1] if answer else None,
                "ack_median": ack[0] if ack else None,
                "ack_p90": ack[1] if ack else None,
            }
            if unit_id is None:
                total = stats
            else:
                per_unit[unit_id] = stats
    return per_unit, total


def _percentiles(unit_ids: list[int], cond: ConcernConditions) -> tuple[dict[int, dict], dict]:
    """Median and 90th percentile of the working days to answer and to acknowledge.

    PostgreSQL: ``percentile_cont`` per unit and for all units in one query (above).
    Elsewhere: one ``values_list`` query and :func:`percentile` in Python.
    """
    rows = _duration_rows(unit_ids, cond)
    if connection.vendor == "postgresql":
        return _percentiles_postgresql(rows, cond)
    data = list(
        rows.annotate(
            is_answered=ExpressionWrapper(cond.answered, output_field=BooleanField()),
            is_acknowledged=ExpressionWrapper(cond.acknowledged, output_field=BooleanField()),
        ).values_list("unit_id", "answer_days", "ack_days", "is_answered", "is_acknowledged")
    )
    answers: dict[int | None, list] = defaultdict(list)
    acks: dict[int | None, list] = defaultdict(list)
    for unit_id, answer_days, ack_days, is_answered, is_acknowledged in data:
        if is_answered:
            answers[unit_id].append(answer_days)
            answers[None].append(answer_days)
        if is_acknowledged:
            acks[unit_id].append(ack_days)
            acks[None].append(ack_days)

    def stats(key):
        return {
            "answer_median": percentile(answers.get(key, ()), 0.5),
            "answer_p90": percentile(answers.get(key, ()), 0.9),
            "ack_median": percentile(acks.get(key, ()), 0.5),
            "ack_p90": percentile(acks.get(key, ()), 0.9),
        }

    per_unit = {unit_id: stats(unit_id) for unit_id in {*answers, *acks} if unit_id is not None}
    return per_unit, stats(None)


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
        per_unit_pct, total_pct = _percentiles(unit_ids, ccond)
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


# ---------------------------------------------------------------------------------------
# Monthly series (trends)


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
    from .periods import add_months

    return add_months(month, 1) - timedelta(days=1)


# ---------------------------------------------------------------------------------------
# The lists behind the numbers


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
        ).select_related("unit", "assignee")
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
        .select_related("assignee")
        .order_by("due_at", "ack_due_at", "pk")[:LIST_LIMIT]
    )


def concerns_overdue_now(unit: Unit, today: date) -> tuple[list[Concern], int]:
    """Every concern of the unit overdue today (whatever the period), oldest deadline first."""
    qs = Concern.objects.filter(unit=unit).overdue(today)
    items = list(qs.select_related("assignee").order_by("due_at", "ack_due_at", "pk")[:LIST_LIMIT])
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


# ---------------------------------------------------------------------------------------
# All history (the rollup)


@dataclass(frozen=True)
class History:
    sessions_held: int
    sessions_with_notice: int
    conclusions_on_time: int
    concerns_received: int
    concerns_answered: int
    concerns_answered_on_time: int
    concerns_disputed: int
    last_updated: object  # datetime | None

    @property
    def on_time_share(self) -> float | None:
        if not self.concerns_answered:
            return None
        return self.concerns_answered_on_time / self.concerns_answered


def all_history(unit_ids: list[int]) -> History:
    """Totals since records began, from the rollup (two queries: sums, last refresh)."""
    from .models import RollupRun, UnitMonthRollup

    names = (
        "sessions_held",
        "sessions_with_notice",
        "conclusions_on_time",
        "concerns_received",
        "concerns_answered",
        "concerns_answered_on_time",
        "concerns_disputed",
    )
    sums = UnitMonthRollup.objects.filter(unit_id__in=unit_ids).aggregate(
        **{name: Coalesce(Sum(name), 0) for name in names}
    )
    last = RollupRun.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
    return History(**sums, last_updated=last)
