import pytest

from workcalendar.calendar import clear_cache


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Rolled-back test transactions never say their CalendarDay rows are gone: forget them."""
    clear_cache()
    yield
    clear_cache()
