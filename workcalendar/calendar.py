"""Working days in Viet Nam: weekends, public holidays, and the administrator's exceptions.

A day is a working day unless it is a Saturday or Sunday, a public holiday of the
``holidays`` package's Vietnam calendar (Tết and Hùng Kings' day follow the lunar
calendar; the package also knows the government's day swaps, e.g. Saturday 26/04/2025
worked for Friday 02/05/2025 off), or a ``CalendarDay`` day off. A ``CalendarDay``
working day (làm bù) makes any date a working day. Precedence, strongest first:
``CalendarDay`` row (either kind) → package holiday → package worked weekend day →
Saturday/Sunday → working day.

Caching (other apps call these functions in loops):

- The package's data (``workcalendar.national``) is computed once per year and process
  (it never changes).
- All ``CalendarDay`` rows are read in ONE query and kept in the process until they
  change. Saving or deleting a row (also the admin's bulk delete) drops this process's
  copy at once, and when the transaction commits, writes a new version token into
  Django's cache (shared between app servers when ``CACHE_URL`` is Redis). Every
  process compares its token with the shared one at the start of each request (and at
  least once a minute outside requests), so at most one cache read per request. The
  receivers are connected in ``WorkcalendarConfig.ready()``.
- ``clear_cache()`` drops everything held by this process (tests call it between tests:
  rolled-back test transactions do not tell anyone that their rows disappeared).

Days are counted forwards; ``add_working_days`` also accepts a negative count
(the n-th working day before ``start``). ``add_calendar_days`` and ``compute_due``
refuse negative counts.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext, ngettext

from . import national
from .national import package_reason

__all__ = [
    "DueDate",
    "add_calendar_days",
    "add_working_days",
    "calendar_changed",
    "clear_cache",
    "compute_due",
    "count_working_days",
    "forget_exceptions",
    "is_working_day",
    "non_working_reason",
    "package_reason",
]

VERSION_CACHE_KEY = "workcalendar:version"
# Outside requests (management commands, shells) the shared version is re-read this often.
RECHECK_SECONDS = 60.0

ONE_DAY = timedelta(days=1)


# ---------------------------------------------------------------------------------------
# Cached data


@dataclass(frozen=True)
class _Year:
    off: frozenset[date]  # weekdays or weekend days that are not worked
    working: frozenset[date]  # weekend days (or holidays) that are worked


@dataclass(frozen=True)
class _Exceptions:
    """One snapshot of the ``CalendarDay`` rows and the years computed from it.

    The years live in the snapshot so that a thread still working on an old snapshot
    can never store its result next to a newer one.
    """

    days_off: dict[date, str]  # date → name
    working_days: dict[date, str]
    version: str | None
    years: dict[int, _Year] = field(default_factory=dict)


_exceptions: _Exceptions | None = None
_recheck_at = 0.0  # monotonic time after which the shared version is compared again


def clear_cache() -> None:
    """Forget everything this process holds; the next call reads afresh."""
    global _exceptions, _recheck_at
    _exceptions = None
    _recheck_at = 0.0
    national.clear_cache()


def calendar_changed() -> None:
    """Tell every process that the ``CalendarDay`` rows changed (called on commit)."""
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
    forget_exceptions()


def forget_exceptions() -> None:
    """Drop this process's copy of the ``CalendarDay`` rows (the package data stays)."""
    global _exceptions
    _exceptions = None


def recheck_at_request_start(**kwargs) -> None:
    """Compare the shared version at the next call (``request_started`` receiver)."""
    global _recheck_at
    _recheck_at = 0.0


def calendar_day_changed(**kwargs) -> None:
    """A ``CalendarDay`` was saved or deleted (receiver connected in ``ready()``): drop the
    cached calendar now, and tell the other processes once the change commits.

    Signals rather than ``save()``/``delete()`` overrides so that the admin's bulk
    "delete selected" (a queryset delete) invalidates too.
    """
    forget_exceptions()
    transaction.on_commit(calendar_changed, using=kwargs.get("using"))


def _shared_version() -> str | None:
    token = cache.get(VERSION_CACHE_KEY)
    if token is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(VERSION_CACHE_KEY)
    return token


def _current_exceptions() -> _Exceptions:
    global _exceptions, _recheck_at
    now = time.monotonic()
    if _exceptions is not None and now >= _recheck_at:
        _recheck_at = now + RECHECK_SECONDS
        if _shared_version() != _exceptions.version:
            _exceptions = None
    if _exceptions is None:
        from .models import CalendarDay, CalendarDayKind

        version = _shared_version()  # read before the rows: a later change bumps it again
        days_off: dict[date, str] = {}
        working_days: dict[date, str] = {}
        for day, kind, name in CalendarDay.objects.values_list("date", "kind", "name"):
            (working_days if kind == CalendarDayKind.WORKING_DAY else days_off)[day] = name
        _exceptions = _Exceptions(days_off, working_days, version)
        _recheck_at = now + RECHECK_SECONDS
    return _exceptions


def _year(year: int) -> _Year:
    exceptions = _current_exceptions()
    data = exceptions.years.get(year)
    if data is None:
        package = national.package_year(year)
        days_off = {d for d in exceptions.days_off if d.year == year}
        working_days = {d for d in exceptions.working_days if d.year == year}
        data = _Year(
            off=frozenset((set(package.holidays) - working_days) | days_off),
            working=frozenset((package.worked_weekend_days - days_off) | working_days),
        )
        exceptions.years[year] = data
    return data


# ---------------------------------------------------------------------------------------
# Public API


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a weekend day, a public holiday or an extra day off."""
    data = _year(day.year)
    if day in data.working:
        return True
    return day not in data.off and day.weekday() < national.SATURDAY


def non_working_reason(day: date) -> str | None:
    """Why ``day`` is not worked ("Saturday", "Tết Nguyên Đán", ...); ``None`` if it is."""
    if is_working_day(day):
        return None
    exceptions = _current_exceptions()
    if day in exceptions.days_off:
        return exceptions.days_off[day]
    if day in national.package_year(day.year).holidays:
        return national.holiday_name(day)
    return national.weekday_name(day)


def _next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (the first working day after it is 1).

    ``days=0`` gives ``start`` if it is a working day, else the next working day.
    A negative count goes backwards: -1 is the last working day before ``start``.
    """
    if days == 0:
        return _next_working_day(start)
    step = ONE_DAY if days > 0 else -ONE_DAY
    remaining = abs(days)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def add_calendar_days(start: date, days: int) -> date:
    """``start + days``, moved to the next working day when that is a day off."""
    if days < 0:
        raise ValueError("add_calendar_days() counts forwards: days must be >= 0")
    return _next_working_day(start + timedelta(days=days))


def count_working_days(start: date, end: date) -> int:
    """Working days in ``(start, end]``; 0 when ``end <= start``."""
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


def _is_named(day: date) -> bool:
    """A day off for a reason other than being a Saturday or Sunday."""
    return day in _current_exceptions().days_off or day in _year(day.year).off


def _run_names(first: date, last: date) -> list[str]:
    """The distinct named reasons (holidays, extra days off) inside a run of days off."""
    days_off = _current_exceptions().days_off
    names: list[str] = []
    substituted: list[str] = []
    day = first
    while day <= last:
        if day in days_off:
            name = days_off[day]
        elif day in _year(day.year).off:
            name = national.family_name(day)
            if name is None:
                substituted.append(national.holiday_name(day))
        else:
            name = None
        if name is not None and name not in names:
            names.append(name)
        day += ONE_DAY
    if not names:
        names = list(dict.fromkeys(substituted))
    return names


def _run_reason(first: date, last: date) -> str:
    names = _run_names(first, last)
    if names:
        return ", ".join(names)
    return national.weekday_name(first) if first == last else gettext("weekend")


def _runs(first: date, last: date) -> tuple[tuple[date, date, str], ...]:
    """Consecutive days off in ``[first, last]`` as (first, last, reason)."""
    runs = []
    day = first
    while day <= last:
        if is_working_day(day):
            day += ONE_DAY
            continue
        begin = day
        while day + ONE_DAY <= last and not is_working_day(day + ONE_DAY):
            day += ONE_DAY
        runs.append((begin, day, _run_reason(begin, day)))
        day += ONE_DAY
    return tuple(runs)


def _short(day: date, year: int) -> str:
    return day.strftime("%d/%m") if day.year == year else day.strftime("%d/%m/%Y")


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@dataclass(frozen=True)
class DueDate:
    """A deadline and how it was reached."""

    start: date
    days: int
    working: bool
    due: date
    # Runs of consecutive days off that were skipped: (first, last, reason), weekends
    # included; reasons in the language active when the deadline was computed.
    skipped: tuple[tuple[date, date, str], ...]

    def _skipped_text(self) -> str:
        items = []
        weekends = 0
        for first, last, _reason in self.skipped:
            # Working-day deadlines count plain weekends instead of listing them.
            if self.working and not any(
                _is_named(first + timedelta(days=n)) for n in range((last - first).days + 1)
            ):
                weekends += 1
                continue
            when = _short(first, self.start.year)
            if last != first:
                when = f"{when}–{_short(last, self.start.year)}"
            items.append(f"{when} ({_run_reason(first, last)})")
        if weekends:
            items.append(
                ngettext("%(count)d weekend", "%(count)d weekends", weekends) % {"count": weekends}
            )
        return _join(items)

    def explanation(self) -> str:
        """The deadline in words, in the active language.

        "5 working days from 13/02/2026, skipping 14/02–22/02 (Tết Nguyên Đán) →
        27/02/2026"; plain weekends are counted ("and 3 weekends"), holidays and extra
        days off are named.
        """
        values = {
            "days": self.days,
            "start": self.start.strftime("%d/%m/%Y"),
            "due": self.due.strftime("%d/%m/%Y"),
        }
        if self.skipped:
            values["skipped"] = self._skipped_text()
        if self.working:
            if self.skipped:
                text = ngettext(
                    "%(days)d working day from %(start)s, skipping %(skipped)s → %(due)s",
                    "%(days)d working days from %(start)s, skipping %(skipped)s → %(due)s",
                    self.days,
                )
            else:
                text = ngettext(
                    "%(days)d working day from %(start)s → %(due)s",
                    "%(days)d working days from %(start)s → %(due)s",
                    self.days,
                )
        elif self.skipped:
            values["end"] = (self.start + timedelta(days=self.days)).strftime("%d/%m/%Y")
            text = ngettext(
                "%(days)d day from %(start)s ends on %(end)s, a day off: skipping %(skipped)s → %(due)s",
                "%(days)d days from %(start)s end on %(end)s, a day off: skipping %(skipped)s → %(due)s",
                self.days,
            )
        else:
            text = ngettext(
                "%(days)d day from %(start)s → %(due)s",
                "%(days)d days from %(start)s → %(due)s",
                self.days,
            )
        return text % values


def compute_due(start: date, days: int, *, working: bool) -> DueDate:
    """The deadline ``days`` working (or calendar) days after ``start``, with its story."""
    if days < 0:
        raise ValueError("compute_due() counts forwards: days must be >= 0")
    if working:
        due = add_working_days(start, days)
        first = start if days == 0 else start + ONE_DAY
    else:
        due = add_calendar_days(start, days)
        first = start + timedelta(days=days)
    return DueDate(
        start=start,
        days=days,
        working=working,
        due=due,
        skipped=_runs(first, due - ONE_DAY),
    )
