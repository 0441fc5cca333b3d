"""Date truncation the figures use, without a Python call per row on SQLite.

Django's ``TruncDate`` and ``TruncMonth`` convert each timestamp to local time on SQLite
through a Python function registered with the connection: on 100,000 concerns the
dashboards spent most of their time there. Ho Chi Minh City has kept UTC+07:00 since
1975, so the same conversion is SQLite's own ``date(ts, '+420 minutes')``. The native
form is used only when the configured time zone has had one offset since 1976 (checked
once); otherwise, and on PostgreSQL, these are Django's functions unchanged.
"""

from __future__ import annotations

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DateTimeField
from django.db.models.functions import TruncDate, TruncMonth


@functools.lru_cache(maxsize=8)
def _fixed_offset_minutes(zone: str) -> int | None:
    tz = ZoneInfo(zone)
    offsets = {
        datetime(year, month, 1, 12, tzinfo=tz).utcoffset()
        for year in range(1976, 2101)
        for month in (1, 4, 7, 10)
    }
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


def _offset() -> int | None:
    if not settings.USE_TZ:
        return None
    return _fixed_offset_minutes(settings.TIME_ZONE)


class LocalDate(TruncDate):
    """``TruncDate`` (the local date of a timestamp)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _offset()
        if offset is None:
            return super().as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{offset:+d} minutes")


class LocalMonth(TruncMonth):
    """``TruncMonth`` (the local month of a timestamp, as the first instant of the month)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _offset()
        if offset is None or not isinstance(self.lhs.output_field, DateTimeField):
            return super().as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-%%m-01 00:00:00', {sql}, %s)", (*params, f"{offset:+d} minutes")
