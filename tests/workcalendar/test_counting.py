"""Adding and counting working days: zero, negative, across year boundaries."""

from datetime import date

import pytest

from workcalendar.calendar import (
    add_calendar_days,
    add_working_days,
    compute_due,
    count_working_days,
)

pytestmark = pytest.mark.django_db


def test_adding_zero_working_days_to_a_working_day_keeps_it():
    assert add_working_days(date(2026, 3, 4), 0) == date(2026, 3, 4)


def test_adding_zero_working_days_to_a_sunday_gives_monday():
    assert add_working_days(date(2026, 3, 8), 0) == date(2026, 3, 9)


def test_adding_zero_working_days_in_tet_gives_the_first_day_back_at_work():
    assert add_working_days(date(2026, 2, 17), 0) == date(2026, 2, 23)


def test_adding_zero_calendar_days_to_a_saturday_gives_monday():
    assert add_calendar_days(date(2026, 3, 7), 0) == date(2026, 3, 9)


def test_the_first_working_day_after_a_friday_is_monday():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_a_deadline_from_a_saturday_counts_from_monday():
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)


def test_adding_working_days_across_new_year_skips_1_january():
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert add_working_days(date(2025, 12, 29), 5) == date(2026, 1, 6)


def test_counting_working_days_across_new_year():
    # 31/12/2025 (Wed) → 05/01/2026 (Mon): 01/01 is a holiday, 03–04/01 a weekend.
    assert count_working_days(date(2025, 12, 31), date(2026, 1, 5)) == 2
    assert count_working_days(date(2026, 12, 30), date(2027, 1, 4)) == 2


def test_counting_excludes_the_start_and_includes_the_end():
    assert count_working_days(date(2026, 3, 2), date(2026, 3, 3)) == 1
    assert count_working_days(date(2026, 3, 2), date(2026, 3, 6)) == 4


def test_counting_gives_zero_when_the_end_is_not_after_the_start():
    assert count_working_days(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert count_working_days(date(2026, 3, 6), date(2026, 3, 2)) == 0


def test_negative_working_days_go_back_to_before_the_start():
    # Five working days' notice before a session on Monday 23/02/2026, just after Tết.
    assert add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert add_working_days(date(2026, 2, 23), -5) == date(2026, 2, 9)
    assert count_working_days(date(2026, 2, 9), date(2026, 2, 23)) == 5


def test_negative_calendar_days_are_refused():
    with pytest.raises(ValueError):
        add_calendar_days(date(2026, 3, 2), -1)
    with pytest.raises(ValueError):
        compute_due(date(2026, 3, 2), -1, working=True)


def test_a_deadline_of_400_working_days_lands_in_the_right_year():
    due = add_working_days(date(2025, 6, 2), 400)
    assert count_working_days(date(2025, 6, 2), due) == 400
    assert due.year == 2027
