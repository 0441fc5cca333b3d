"""Properties that hold for any date: counting undoes adding."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.calendar import make_day_off, make_working_day
from workcalendar.calendar import (
    add_calendar_days,
    add_working_days,
    count_working_days,
    is_working_day,
)

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@pytest.fixture
def exceptions(db):
    make_working_day(date(2026, 3, 7), "Làm bù")
    make_day_off(date(2026, 3, 9), "Nghỉ bù")


@pytest.mark.django_db
@settings(max_examples=300, deadline=None)
@given(start=starts, days=counts)
def test_counting_working_days_undoes_adding_them(start, days):
    if not is_working_day(start):
        start = add_working_days(start, 0)
    assert count_working_days(start, add_working_days(start, days)) == days


# The rows are made once and only read by the examples, so sharing them is what we want.
@pytest.mark.django_db
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=counts, offset=st.integers(min_value=0, max_value=30))
def test_counting_undoes_adding_across_admin_exceptions(exceptions, days, offset):
    start = add_working_days(date(2026, 2, 1) + timedelta(days=offset), 0)
    assert count_working_days(start, add_working_days(start, days)) == days


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(start=starts, days=counts)
def test_adding_working_days_always_lands_on_a_working_day(start, days):
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert due >= start


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(start=starts, days=counts)
def test_calendar_deadline_is_the_first_working_day_from_start_plus_days(start, days):
    due = add_calendar_days(start, days)
    assert is_working_day(due)
    nominal = start + timedelta(days=days)
    assert due >= nominal
    assert count_working_days(nominal - timedelta(days=1), due - timedelta(days=1)) == 0


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(min_value=1, max_value=400))
def test_going_back_undoes_going_forward_from_a_working_day(start, days):
    start = add_working_days(start, 0)
    assert add_working_days(add_working_days(start, days), -days) == start
