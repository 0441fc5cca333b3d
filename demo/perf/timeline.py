"""Times in Ho Chi Minh City and the working-day calendar, cached for the replay.

Not the portal's clock (``dialogue_portal.lib.clock``): nothing here asks what time it is.
Every moment of the seed derives from the configured ``today``, so the same seed and day
give the same rows.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from datetime import timezone as dt_timezone

from django.utils import timezone

from workcalendar.calendar import add_working_days, compute_due


class Timeline:
    """Times in Ho Chi Minh City (a fixed +07:00: the city keeps no daylight saving)."""

    def __init__(self, today: date, rng: random.Random):
        offset = timezone.get_default_timezone().utcoffset(datetime(today.year, 1, 1))
        self.tz = dt_timezone(offset)
        self.today = today
        self.cutoff = datetime(today.year, today.month, today.day, tzinfo=self.tz)
        self.rng = rng
        self._due: dict[tuple, tuple[date, str]] = {}
        self._add: dict[tuple[date, int], date] = {}

    def at(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.tz)

    def office(self, day: date) -> datetime:
        """A moment in office hours (07:30–17:00) of ``day``."""
        return self.at(day, self.rng.randint(450, 1019))

    def due(self, start: date, days: int, working: bool) -> tuple[date, str]:
        """``compute_due`` (due date and its Vietnamese explanation), once per argument set."""
        key = (start, days, working)
        found = self._due.get(key)
        if found is None:
            due = compute_due(start, days, working=working)
            found = self._due[key] = (due.due, due.explanation())
        return found

    def add_working(self, start: date, days: int) -> date:
        key = (start, days)
        found = self._add.get(key)
        if found is None:
            found = self._add[key] = add_working_days(start, days)
        return found

    def add_calendar(self, start: date, days: int) -> date:
        return self.due(start, days, False)[0]


def dmy(day: date) -> str:
    """``day`` as the services write it in history notes (dd/mm/yyyy)."""
    return day.strftime("%d/%m/%Y")
