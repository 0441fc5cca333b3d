"""The national calendar: weekends and the ``holidays`` package's Vietnamese public
holidays and day swaps, with their names. No database: ``workcalendar.models`` checks an
administrator's entry against it, ``workcalendar.calendar`` lays the entries over it.

The package's data is computed once per year and process (it never changes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import holidays
from django.utils.translation import get_language, gettext, pgettext

SATURDAY, SUNDAY = 5, 6

# The package names every holiday in Vietnamese by default; these are the stable keys.
_TET = "Tết Nguyên Đán"
_SUFFIX = re.compile(r" \((?:nghỉ bù|dự kiến|nghỉ bù, dự kiến)\)$")
_SUBSTITUTED = re.compile(r"^Ngày nghỉ \(thay cho ngày (\d\d/\d\d/\d{4})\)$")


@dataclass(frozen=True)
class PackageYear:
    holidays: dict[date, str]  # date → Vietnamese name (the package's key language)
    worked_weekend_days: frozenset[date]  # Saturdays/Sundays worked for a swapped day off


_package: dict[int, PackageYear] = {}
_names: dict[tuple[int, str], dict[date, str]] = {}


def clear_cache() -> None:
    """Forget the package data computed so far."""
    _package.clear()
    _names.clear()


def package_year(year: int) -> PackageYear:
    """The package's holidays and worked weekend days of ``year`` (computed once)."""
    data = _package.get(year)
    if data is None:
        # A swap may take its worked day from the neighbouring year (27/12/2014 was worked
        # for 02/01/2015 off), so the worked days come from three years of data.
        years = [y for y in (year - 1, year, year + 1) if 1 <= y <= 9999]
        package = holidays.Vietnam(years=years, language="vi")
        data = PackageYear(
            holidays={day: name for day, name in package.items() if day.year == year},
            worked_weekend_days=frozenset(d for d in package.weekend_workdays if d.year == year),
        )
        _package[year] = data
    return data


def _package_language() -> str:
    return "en_US" if (get_language() or "vi").lower().startswith("en") else "vi"


def _display_names(year: int) -> dict[date, str]:
    """The package's holiday names for ``year`` in the active language."""
    language = _package_language()
    names = _names.get((year, language))
    if names is None:
        vietnamese = package_year(year).holidays
        if language == "vi":
            names = dict(vietnamese)
        else:
            package = holidays.Vietnam(years=year, language=language)
            names = {day: package.get(day, name) for day, name in vietnamese.items()}
        _names[(year, language)] = names
    return names


def holiday_name(day: date) -> str:
    """The package holiday ``day``'s name in the active language."""
    vietnamese = package_year(day.year).holidays[day]
    substituted = _SUBSTITUTED.match(vietnamese)
    if substituted:
        # The package writes the English date the American way; ours is dd/mm/YYYY.
        return gettext("Day off (in lieu of %(date)s)") % {"date": substituted.group(1)}
    return _display_names(day.year)[day]


def family_name(day: date) -> str | None:
    """The name a run of days off is known by: every day of Tết is "Tết Nguyên Đán".

    ``None`` for a package day off swapped with a worked Saturday (it is named after the
    holiday it bridges when one lies in the same run).
    """
    vietnamese = package_year(day.year).holidays[day]
    if _SUBSTITUTED.match(vietnamese):
        return None
    key = _SUFFIX.sub("", vietnamese)
    if _TET in key or key == "29 Tết":
        key = _TET
    names = _display_names(day.year)
    for other, name in package_year(day.year).holidays.items():
        if name == key:
            return names[other]
    return names[day]


def weekday_name(day: date) -> str:
    """ "Saturday" or "Sunday", as a day off."""
    if day.weekday() == SATURDAY:
        return pgettext("day off", "Saturday")
    return pgettext("day off", "Sunday")


def package_reason(day: date) -> str | None:
    """Why ``day`` is off by weekends and the package alone, ignoring ``CalendarDay`` rows."""
    package = package_year(day.year)
    if day in package.worked_weekend_days:
        return None
    if day in package.holidays:
        return holiday_name(day)
    return weekday_name(day) if day.weekday() >= SATURDAY else None
