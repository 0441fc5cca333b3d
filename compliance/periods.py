"""Reporting periods: the ones Kết luận 215-KL/TW sets (month, Q1, 6 months, 9 months,
year, ad hoc) plus any quarter, and the rule periods (week, month, year) the frequency
rules count in.

A period is a closed range of local dates ``[start, end]``. Database filters use the
half-open range of aware datetimes ``[start 00:00, end+1 00:00)`` in Ho Chi Minh City time,
which an index on the timestamp column serves.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ONE_DAY = timedelta(days=1)


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    Q1 = "q1"
    HALF = "6m"
    NINE = "9m"
    YEAR = "year"
    CUSTOM = "custom"

    CHOICES = [
        (MONTH, gettext_lazy("Month")),
        (QUARTER, gettext_lazy("Quarter")),
        (Q1, gettext_lazy("First quarter (Q1)")),
        (HALF, gettext_lazy("6 months")),
        (NINE, gettext_lazy("9 months")),
        (YEAR, gettext_lazy("Year")),
        (CUSTOM, gettext_lazy("Ad hoc (chosen dates)")),
    ]
    VALUES = [value for value, _label in CHOICES]


# An ad hoc period spans at most this many days (the dashboard reads it in one go).
MAX_CUSTOM_DAYS = 3 * 366 + 1


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    year: int | None = None
    month: int | None = None
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    # --- construction -----------------------------------------------------------------

    @classmethod
    def for_month(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, date(year, month, 1), _last_day(year, month), year, month)

    @classmethod
    def for_quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(
            PeriodKind.QUARTER,
            date(year, first, 1),
            _last_day(year, first + 2),
            year,
            quarter=quarter,
        )

    @classmethod
    def year_to(cls, kind: str, year: int) -> Period:
        """Q1, 6 months, 9 months and the year: from 1 January to the end of a quarter."""
        months = {PeriodKind.Q1: 3, PeriodKind.HALF: 6, PeriodKind.NINE: 9, PeriodKind.YEAR: 12}[
            kind
        ]
        return cls(kind, date(year, 1, 1), _last_day(year, months), year)

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        return cls(PeriodKind.CUSTOM, start, end)

    @classmethod
    def last_12_months(cls, today: date) -> Period:
        """The current month and the eleven before it, up to today."""
        first = add_months(date(today.year, today.month, 1), -11)
        return cls(PeriodKind.CUSTOM, first, today)

    # --- reading ----------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def start_datetime(self) -> datetime:
        return local_midnight(self.start)

    def end_datetime(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return local_midnight(self.end + ONE_DAY)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("Month %(month)02d/%(year)d") % {"month": self.month, "year": self.year}
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(quarter)d/%(year)d") % {"quarter": self.quarter, "year": self.year}
        if self.kind == PeriodKind.Q1:
            return _("First quarter of %(year)d") % {"year": self.year}
        if self.kind == PeriodKind.HALF:
            return _("First 6 months of %(year)d") % {"year": self.year}
        if self.kind == PeriodKind.NINE:
            return _("First 9 months of %(year)d") % {"year": self.year}
        if self.kind == PeriodKind.YEAR:
            return _("Year %(year)d") % {"year": self.year}
        return _("%(start)s to %(end)s") % {"start": fmt(self.start), "end": fmt(self.end)}

    def range_text(self) -> str:
        return _("from %(start)s to %(end)s") % {"start": fmt(self.start), "end": fmt(self.end)}

    def query(self) -> dict[str, str]:
        """The GET parameters that select this period again."""
        params = {"period": self.kind}
        if self.kind == PeriodKind.CUSTOM:
            params.update(start=self.start.isoformat(), end=self.end.isoformat())
            return params
        params["year"] = str(self.year)
        if self.kind == PeriodKind.MONTH:
            params["month"] = str(self.month)
        if self.kind == PeriodKind.QUARTER:
            params["quarter"] = str(self.quarter)
        return params

    def slug(self) -> str:
        """A file-name-safe name: ``2026-03``, ``2026-q2``, ``2026-6m``, ``2026-01-05_2026-02-10``."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-q{self.quarter}"
        if self.kind == PeriodKind.CUSTOM:
            return f"{self.start.isoformat()}_{self.end.isoformat()}"
        return f"{self.year}-{self.kind}"


def fmt(day: date | None) -> str:
    return date_format(day, "d/m/Y") if day else "—"


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` away from ``day``'s month (``day`` is a 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month touching ``[start, end]``."""
    months = []
    current = date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def default_period(today: date) -> Period:
    return Period.for_month(today.year, today.month)


# --- Rule periods -----------------------------------------------------------------------


def rule_period_bounds(period: str, day: date) -> tuple[date, date]:
    """The rule period (``week`` Monday–Sunday, ``month``, ``year``) that contains ``day``."""
    if period == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if period == "month":
        return date(day.year, day.month, 1), _last_day(day.year, day.month)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def rule_periods_touching(period: str, start: date, end: date) -> list[tuple[date, date]]:
    """Every rule period overlapping ``[start, end]``, in order."""
    found = []
    first, last = rule_period_bounds(period, start)
    while first <= end:
        found.append((first, last))
        first, last = rule_period_bounds(period, last + ONE_DAY)
    return found
