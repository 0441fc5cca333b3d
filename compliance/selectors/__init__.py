"""The compliance figures (domain.md §7), computed in the database.

A package along its seams, every name importable from ``compliance.selectors``:
``conditions`` (what each figure counts), ``table`` (figures per unit and their total),
``percentiles`` (durations), ``series`` (months), ``lists`` (the items behind a number and
the unit dashboard's lists), ``history`` (the rollup).

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
  surviving concern stands for them), and so is a concern referred to another unit of the
  portal (the receiving unit's case stands for it and names where it came from: counted
  once in a subtree).
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

from .conditions import (
    ACK_STATES_WITHOUT_ACCEPTANCE,
    CURRENT_STATES,
    CommitmentConditions,
    ConcernConditions,
    SessionConditions,
    disputed_in,
    unit_level,
    units_in_period,
    with_concern_dates,
    with_working_days,
)
from .history import History, all_history
from .lists import (
    COMMITMENT_FIGURES,
    CONCERN_FIGURES,
    DRILLDOWN_FIGURES,
    LIST_LIMIT,
    SESSION_FIGURES,
    UPCOMING_DAYS,
    commitments_overdue_now,
    concerns_due_this_week,
    concerns_overdue_now,
    drilldown,
    notable_overdue,
    upcoming_sessions,
)
from .percentiles import PERCENTILE_FIELDS, duration_percentiles
from .series import MonthPoint, busiest_unit, monthly_series
from .table import (
    Figures,
    FigureTable,
    StillDue,
    active_rules,
    apply_rules,
    timing_days,
    unit_figures,
)

__all__ = [
    "ACK_STATES_WITHOUT_ACCEPTANCE",
    "COMMITMENT_FIGURES",
    "CONCERN_FIGURES",
    "CURRENT_STATES",
    "DRILLDOWN_FIGURES",
    "LIST_LIMIT",
    "PERCENTILE_FIELDS",
    "SESSION_FIGURES",
    "UPCOMING_DAYS",
    "CommitmentConditions",
    "ConcernConditions",
    "FigureTable",
    "Figures",
    "History",
    "MonthPoint",
    "SessionConditions",
    "StillDue",
    "active_rules",
    "all_history",
    "apply_rules",
    "busiest_unit",
    "commitments_overdue_now",
    "concerns_due_this_week",
    "concerns_overdue_now",
    "disputed_in",
    "drilldown",
    "duration_percentiles",
    "monthly_series",
    "notable_overdue",
    "timing_days",
    "unit_figures",
    "unit_level",
    "units_in_period",
    "upcoming_sessions",
    "with_concern_dates",
    "with_working_days",
]
