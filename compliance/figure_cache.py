"""Figure tables kept for a few minutes in the shared cache, computed ahead by cron.

A year of the city's figures reads every concern of the year (about 500,000) and its
working days: seconds of database work, the same for every reviewer who opens the
dashboard, the report or its exports. The computed table is kept for
``COMPLIANCE_FIGURES_CACHE_SECONDS`` (default 300; 0 turns the cache off) under a key
naming the units, the period and today's date, and each page says when its figures were
computed. ``warm_compliance_figures`` (cron, every few minutes) computes the city's
default periods (this month, this quarter, this year) before anyone asks, so the first
reviewer of the morning does not wait either. The lists behind each number are always
read live.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date

from django.conf import settings
from django.core.cache import cache

from units.models import Unit

from . import selectors
from .periods import Period, PeriodKind


def _key(units: list[Unit], period: Period, today: date, durations: bool) -> str:
    ids = ",".join(str(unit.pk) for unit in units)
    raw = f"{ids}|{period.kind}|{period.start}|{period.end}|{today}|{durations}"
    return "compliance:figures:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def unit_figures(
    units: list[Unit], period: Period, today: date, *, durations: bool = True, fresh: bool = False
) -> selectors.FigureTable:
    """:func:`compliance.selectors.unit_figures`, from the cache while it is recent."""
    seconds = settings.COMPLIANCE_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return selectors.unit_figures(units, period, today, durations=durations)
    key = _key(units, period, today, durations)
    table = None if fresh else cache.get(key)
    if table is None:
        table = selectors.unit_figures(units, period, today, durations=durations)
        cache.set(key, table, seconds)
    return table


def default_periods(today: date) -> list[Period]:
    """What the dashboards open on and reviewers ask for most: month, quarter, year."""
    quarter = (today.month - 1) // 3 + 1
    return [
        Period.for_month(today.year, today.month),
        Period.for_quarter(today.year, quarter),
        Period.year_to(PeriodKind.YEAR, today.year),
    ]


def default_root(scope: list[Unit]) -> Unit:
    """The top of a scope: the city for the city's reviewers and administrators."""
    top = min(len(u.path) for u in scope)
    candidates = [u for u in scope if len(u.path) == top]
    active = [u for u in candidates if u.is_active]
    return (active or candidates)[0]


def subtree(scope: list[Unit], root: Unit, period: Period) -> list[Unit]:
    """``root`` and the units of ``scope`` below it that existed during ``period``."""
    return [
        u
        for u in scope
        if u.path.startswith(root.path)
        and (u.is_active or (u.valid_to and u.valid_to >= period.start))
        and not (u.valid_from and u.valid_from > period.end)
    ]


def city_units(period: Period) -> list[Unit]:
    """Every unit a city reviewer's dashboard lists for ``period`` (the same key)."""
    scope = list(Unit.objects.order_by("path"))
    return subtree(scope, default_root(scope), period)


def warm(today: date) -> list[tuple[Period, float]]:
    """Compute the city's default periods now; how long each took (seconds)."""
    if not Unit.objects.exists():
        return []
    timings = []
    for period in default_periods(today):
        started = time.monotonic()
        unit_figures(city_units(period), period, today, fresh=True)
        timings.append((period, time.monotonic() - started))
    return timings
