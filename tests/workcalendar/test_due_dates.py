"""Due dates explained in words, in Vietnamese and in English."""

from dataclasses import FrozenInstanceError
from datetime import date

import pytest
from django.utils import translation

from workcalendar.calendar import DueDate, compute_due

pytestmark = pytest.mark.django_db


def test_five_working_days_from_13_february_2026_skip_tet():
    due = compute_due(date(2026, 2, 13), 5, working=True)
    assert due.due == date(2026, 2, 27)
    assert [(first, last) for first, last, _reason in due.skipped] == [
        (date(2026, 2, 14), date(2026, 2, 22))
    ]


def test_the_tet_explanation_in_vietnamese():
    with translation.override("vi"):
        due = compute_due(date(2026, 2, 13), 5, working=True)
        assert due.skipped[0][2] == "Tết Nguyên Đán"
        assert due.explanation() == (
            "5 ngày làm việc kể từ 13/02/2026, không tính 14/02–22/02 (Tết Nguyên Đán) → 27/02/2026"
        )


def test_the_tet_explanation_in_english():
    with translation.override("en"):
        due = compute_due(date(2026, 2, 13), 5, working=True)
        assert due.explanation() == (
            "5 working days from 13/02/2026, skipping 14/02–22/02 (Lunar New Year) → 27/02/2026"
        )


def test_the_explanation_follows_the_language_active_when_it_is_read():
    with translation.override("vi"):
        due = compute_due(date(2026, 2, 13), 5, working=True)
    with translation.override("en"):
        assert "(Lunar New Year)" in due.explanation()


def test_plain_weekends_are_counted_and_holidays_named():
    with translation.override("en"):
        due = compute_due(date(2025, 4, 25), 10, working=True)
        assert due.explanation() == (
            "10 working days from 25/04/2025, skipping 30/04–04/05 (Liberation "
            "Day/Reunification Day, International Labor Day) and 2 weekends → 13/05/2025"
        )
    with translation.override("vi"):
        assert due.explanation() == (
            "10 ngày làm việc kể từ 25/04/2025, không tính 30/04–04/05 (Ngày Chiến thắng, "
            "Ngày Quốc tế Lao động) và 2 kỳ nghỉ cuối tuần → 13/05/2025"
        )


def test_hung_kings_day_and_its_compensatory_monday_are_one_run():
    with translation.override("vi"):
        due = compute_due(date(2026, 4, 24), 1, working=True)
        assert due.due == date(2026, 4, 28)
        assert due.skipped == ((date(2026, 4, 25), date(2026, 4, 27), "Ngày Giỗ Tổ Hùng Vương"),)


def test_national_day_2026_bridge_is_named_after_national_day():
    with translation.override("vi"):
        due = compute_due(date(2026, 8, 28), 1, working=True)
        assert due.explanation() == (
            "1 ngày làm việc kể từ 28/08/2026, không tính 29/08–02/09 (Quốc khánh) → 03/09/2026"
        )


def test_only_weekends_skipped():
    with translation.override("en"):
        assert compute_due(date(2026, 3, 2), 10, working=True).explanation() == (
            "10 working days from 02/03/2026, skipping 2 weekends → 16/03/2026"
        )
    with translation.override("vi"):
        assert compute_due(date(2026, 3, 2), 5, working=True).explanation() == (
            "5 ngày làm việc kể từ 02/03/2026, không tính 1 kỳ nghỉ cuối tuần → 09/03/2026"
        )


def test_nothing_skipped():
    with translation.override("en"):
        assert compute_due(date(2026, 3, 2), 1, working=True).explanation() == (
            "1 working day from 02/03/2026 → 03/03/2026"
        )


def test_zero_working_days_from_a_working_day():
    due = compute_due(date(2026, 3, 2), 0, working=True)
    assert due.due == date(2026, 3, 2)
    assert due.skipped == ()
    with translation.override("vi"):
        assert due.explanation() == "0 ngày làm việc kể từ 02/03/2026 → 02/03/2026"


def test_zero_working_days_from_a_day_of_tet_skips_the_rest_of_tet():
    with translation.override("en"):
        due = compute_due(date(2026, 2, 17), 0, working=True)
        assert due.due == date(2026, 2, 23)
        assert due.skipped == ((date(2026, 2, 17), date(2026, 2, 22), "Lunar New Year"),)


def test_a_year_boundary_shows_full_dates():
    with translation.override("en"):
        assert compute_due(date(2026, 12, 30), 2, working=True).explanation() == (
            "2 working days from 30/12/2026, skipping 01/01/2027–03/01/2027 (New Year's Day)"
            " → 04/01/2027"
        )


def test_calendar_days_ending_on_a_weekend_explain_the_move():
    with translation.override("en"):
        due = compute_due(date(2026, 1, 1), 30, working=False)
        assert due.due == date(2026, 2, 2)
        assert due.explanation() == (
            "30 days from 01/01/2026 end on 31/01/2026, a day off: skipping 31/01–01/02 "
            "(weekend) → 02/02/2026"
        )
    with translation.override("vi"):
        assert due.explanation() == (
            "30 ngày kể từ 01/01/2026 kết thúc vào 31/01/2026 là ngày nghỉ: không tính "
            "31/01–01/02 (cuối tuần) → 02/02/2026"
        )


def test_calendar_days_ending_in_tet():
    with translation.override("vi"):
        due = compute_due(date(2026, 2, 1), 15, working=False)
        assert due.due == date(2026, 2, 23)
        assert due.skipped == ((date(2026, 2, 16), date(2026, 2, 22), "Tết Nguyên Đán"),)


def test_calendar_days_ending_on_a_working_day():
    with translation.override("vi"):
        due = compute_due(date(2026, 3, 2), 30, working=False)
        assert due.skipped == ()
        assert due.explanation() == "30 ngày kể từ 02/03/2026 → 01/04/2026"


def test_a_due_date_cannot_be_changed():
    due = compute_due(date(2026, 3, 2), 1, working=True)
    assert isinstance(due, DueDate)
    with pytest.raises(FrozenInstanceError):
        due.due = date(2026, 3, 4)
