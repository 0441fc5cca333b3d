"""Travel in time, so the other apps' services record events on the dates a test needs.

Stands the portal's one clock (``dialogue_portal.lib.clock``) at a moment: services,
selectors and views ask it for the time, and the time stamps of model fields follow it
(``default=clock.now`` and ``ClockedDateTimeField``). Nothing is patched: the ``clock``
fixture stops the clock at the real time when the test starts, and puts the real time
back after the test.
"""

from datetime import date, datetime

from dialogue_portal.lib import clock


class Clock:
    def __init__(self) -> None:
        self.moment = clock.now()

    @property
    def moment(self) -> datetime:
        return self._moment

    @moment.setter
    def moment(self, value: datetime) -> None:
        self._moment = value
        clock.set_moment(value)

    def now(self) -> datetime:
        return self.moment

    def to(self, year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
        """Set the clock to a Ho Chi Minh City wall-clock time; return it."""
        self.moment = clock.at(date(year, month, day), hour, minute)
        return self.moment

    def stop(self) -> None:
        """Back to the real time (the fixture calls this after the test)."""
        clock.set_moment(None)
