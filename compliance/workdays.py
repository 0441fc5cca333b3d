"""Working days counted inside the database, through :class:`~compliance.models.WorkingDayIndex`.

``ordinal(d)`` is the number of working days from the index's first day up to and
including ``d``, so the working days in ``(a, b]`` (``workcalendar.calendar
.count_working_days(a, b)``) are ``ordinal(b) - ordinal(a)``: one primary-key lookup per
date, on SQLite and PostgreSQL alike.

The index mirrors ``workcalendar.calendar.is_working_day`` (weekends, the ``holidays``
package's Vietnamese public holidays and swaps, and the administrator's ``CalendarDay``
exceptions). When an administrator changes a ``CalendarDay`` the index is emptied (signal
below, in the same transaction) and the next page that needs it rebuilds it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery

from workcalendar.calendar import is_working_day

from .models import WorkingDayIndex

# The index starts on 1 January of this year (setting COMPLIANCE_INDEX_FIRST_YEAR), or of
# the year of the oldest concern if older (the rollup refresh extends it back that far).
FLOOR_YEAR = 2020
# ...and reaches this many years past the latest date asked for.
YEARS_AHEAD = 2


def first_year() -> int:
    from django.conf import settings

    return int(getattr(settings, "COMPLIANCE_INDEX_FIRST_YEAR", FLOOR_YEAR))


def _build(first: date, last: date) -> int:
    rows = []
    ordinal = 0
    day = first
    while day <= last:
        working = is_working_day(day)
        ordinal += int(working)
        rows.append(WorkingDayIndex(day=day, ordinal=ordinal, is_working=working))
        day += timedelta(days=1)
    WorkingDayIndex.objects.all().delete()
    WorkingDayIndex.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def ensure_index(*, through: date, since: date | None = None) -> None:
    """Make sure the index covers ``[since or FLOOR_YEAR-01-01, through]``: one query when it does.

    Otherwise it is rebuilt from scratch (ordinals are cumulative, so a change in one
    year shifts every later one), reaching ``YEARS_AHEAD`` years past ``through``.
    """
    floor = date(first_year(), 1, 1)
    since = min(since or floor, floor)
    bounds = WorkingDayIndex.objects.aggregate(first=Min("day"), last=Max("day"))
    if bounds["first"] is not None and bounds["first"] <= since and bounds["last"] >= through:
        return
    first = date(min(since.year, (bounds["first"] or since).year), 1, 1)
    last = date(max(through.year, (bounds["last"] or through).year) + YEARS_AHEAD, 12, 31)
    with transaction.atomic():
        _build(first, last)


def rebuild() -> int:
    """Rebuild the index now over its current span (or the default one); return the rows."""
    bounds = WorkingDayIndex.objects.aggregate(first=Min("day"), last=Max("day"))
    first = bounds["first"] or date(first_year(), 1, 1)
    last = bounds["last"] or date(date.today().year + YEARS_AHEAD, 12, 31)
    with transaction.atomic():
        return _build(first, last)


def invalidate(**kwargs) -> None:
    """The calendar changed: drop the index; the next reader rebuilds it."""
    WorkingDayIndex.objects.all().delete()


def ordinal_of(outer_date_field: str) -> Subquery:
    """The ordinal of the date held in the outer query's (date-valued) ``outer_date_field``."""
    return Subquery(
        WorkingDayIndex.objects.filter(day=OuterRef(outer_date_field))
        .order_by()
        .values("ordinal")[:1]
    )
