"""The portal's one clock: what time it is for services, demo replays and tests.

Services ask ``clock.now()`` / ``clock.today()`` instead of ``django.utils.timezone``.
Normally that is the real time. ``clock.travel(moment)`` makes it ``moment`` for the
code run inside the ``with`` block (and only that code: the override lives in a context
variable, so another thread or request is not affected). The demo replays months of
history through the real services this way, and tests travel with the ``clock`` fixture;
nothing patches ``timezone.now``.

Model fields that stamp times take ``default=clock.now`` (or are ``ClockedDateTimeField``
for ``auto_now``/``auto_now_add``), so rows written during travel carry travelled times.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time

from django.utils import timezone

_moment: ContextVar[datetime | None] = ContextVar("portal_clock_moment", default=None)


def now() -> datetime:
    """The current time (aware), or the travelled-to time inside ``travel``."""
    moment = _moment.get()
    return moment if moment is not None else timezone.now()


def today() -> date:
    """Today's date in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localdate(now())


def local_date(moment: datetime | None) -> date | None:
    """The date of ``moment`` in the portal's time zone."""
    if moment is None:
        return None
    return timezone.localdate(moment)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """``day`` at ``hour:minute`` on a Ho Chi Minh City wall clock (aware)."""
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_default_timezone()
    )


@contextmanager
def travel(moment: datetime) -> Iterator[datetime]:
    """Run the block as if it were ``moment`` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("clock.travel needs an aware datetime")
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)


def set_moment(moment: datetime | None) -> None:
    """Stand the clock at ``moment`` until set again (``None``: real time).

    For tests only, through the ``clock`` fixture, which always puts it back.
    """
    _moment.set(moment)
