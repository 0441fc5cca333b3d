"""Working days counted inside the database, through :class:`~compliance.models.WorkingDayIndex`.

``ordinal(d)`` is the number of working days from the index's first day up to and
including ``d``, so the working days in ``(a, b]`` (``workcalendar.calendar
.count_working_days(a, b)``) are ``ordinal(b) - ordinal(a)``: one primary-key lookup per
date, on SQLite and PostgreSQL alike.

The index mirrors ``workcalendar.calendar.is_working_day`` (weekends, the ``holidays``
package's Vietnamese public holidays and swaps, and the administrator's ``CalendarDay``
exceptions). Pages only read it; it is written by:

- ``manage.py migrate`` (``post_migrate``, connected in ``ComplianceConfig.ready()``): built
  when missing or too short, from 1 January of ``COMPLIANCE_INDEX_FIRST_YEAR`` (or of the
  oldest concern's year) to ``YEARS_AHEAD`` years past today;
- an administrator's change of a ``CalendarDay`` (signal, connected in ``ready()``): rebuilt
  when the change commits;
- the rollup refresh and the figures' warm-up (cron), which keep it reaching today;
- ``manage.py rebuild_working_day_index`` (after an upgrade of the ``holidays`` package).

A page that finds the index too short (:func:`check_index`) still answers, and logs a
warning naming the command to run: durations of items dated outside it are left out.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from dialogue_portal.lib import clock
from workcalendar.calendar import is_working_day

from .models import WorkingDayIndex

logger = logging.getLogger(__name__)

# The index reaches this many years past the latest date asked for.
YEARS_AHEAD = 2


def first_year() -> int:
    """The first year the index covers at least (setting COMPLIANCE_INDEX_FIRST_YEAR)."""
    return settings.COMPLIANCE_INDEX_FIRST_YEAR


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


def _bounds() -> tuple[date | None, date | None]:
    bounds = WorkingDayIndex.objects.aggregate(first=Min("day"), last=Max("day"))
    return bounds["first"], bounds["last"]


def _floor(since: date | None) -> date:
    floor = date(first_year(), 1, 1)
    return min(since or floor, floor)


def check_index(*, through: date) -> bool:
    """Whether the index covers ``[COMPLIANCE_INDEX_FIRST_YEAR-01-01, through]`` (one query).

    Read-only (pages call it): when it does not, a warning is logged and the figures are
    computed from what there is.
    """
    first, last = _bounds()
    floor = _floor(None)
    if first is not None and first <= floor and last >= through:
        return True
    logger.warning(
        "The working-day index covers %s to %s, not %s to %s: durations outside it are left "
        "out. Run `manage.py rebuild_working_day_index` (cron runs "
        "`refresh_compliance_rollup`, which extends it).",
        first,
        last,
        floor,
        through,
    )
    return False


def ensure_index(*, through: date, since: date | None = None) -> None:
    """Make sure the index covers ``[since or FIRST_YEAR-01-01, through]``: one query when it does.

    Otherwise it is rebuilt from scratch (ordinals are cumulative, so a change in one
    year shifts every later one), reaching ``YEARS_AHEAD`` years past ``through``. A write:
    for commands and services, never for a page.
    """
    since = _floor(since)
    first, last = _bounds()
    if first is not None and first <= since and last >= through:
        return
    start = date(min(since.year, (first or since).year), 1, 1)
    end = date(max(through.year, (last or through).year) + YEARS_AHEAD, 12, 31)
    with transaction.atomic():
        _build(start, end)


def oldest_record() -> date | None:
    """The day the oldest concern was received (the index reaches back to it)."""
    from petitions.models import Concern

    oldest = Concern.objects.aggregate(first=Min("received_at"))["first"]
    return timezone.localtime(oldest).date() if oldest else None


def refresh_index(*, today: date | None = None) -> None:
    """Make the index reach from the oldest concern (or the first year) to today and beyond."""
    ensure_index(through=today or clock.today(), since=oldest_record())


def rebuild(*, today: date | None = None) -> int:
    """Rebuild the index now, over its current span or the one it needs; return the rows."""
    today = today or clock.today()
    first, last = _bounds()
    since = _floor(oldest_record())
    start = date(min(since.year, (first or since).year), 1, 1)
    end = max(last or today, date(today.year + YEARS_AHEAD, 12, 31))
    with transaction.atomic():
        return _build(start, end)


def rebuild_on_commit(sender=None, using: str | None = None, **kwargs) -> None:
    """A ``CalendarDay`` changed (signal receiver): rebuild the index once the change commits.

    Until then readers keep the index that matches the committed calendar.
    """
    transaction.on_commit(rebuild, using=using or DEFAULT_DB_ALIAS)


def build_after_migrate(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: build the index when it is missing or too short."""
    if WorkingDayIndex._meta.db_table not in connections[using].introspection.table_names():
        return  # compliance migrated backwards, or not yet
    refresh_index()


def ordinal_of(outer_date_field: str) -> Subquery:
    """The ordinal of the date held in the outer query's (date-valued) ``outer_date_field``."""
    return Subquery(
        WorkingDayIndex.objects.filter(day=OuterRef(outer_date_field))
        .order_by()
        .values("ordinal")[:1]
    )
