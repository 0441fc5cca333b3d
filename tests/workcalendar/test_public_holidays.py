"""Real Vietnamese public holidays, as the ``holidays`` package gives them.

If the package changes its data for these years, these tests say so.
"""

from datetime import date

import pytest
from django.utils import translation

from workcalendar.calendar import (
    add_calendar_days,
    add_working_days,
    count_working_days,
    is_working_day,
    non_working_reason,
)

pytestmark = pytest.mark.django_db


def days_off_between(first: date, last: date) -> list[date]:
    return [
        date.fromordinal(n)
        for n in range(first.toordinal(), last.toordinal() + 1)
        if not is_working_day(date.fromordinal(n))
    ]


def test_tet_2026_is_the_nine_day_break_from_14_to_22_february():
    # Lunar New Year (mùng 1 Tết Bính Ngọ) is Tuesday 17/02/2026; the official break runs
    # from Saturday 14/02 to Sunday 22/02: five weekdays of Tết plus two weekends.
    assert is_working_day(date(2026, 2, 13))
    assert days_off_between(date(2026, 2, 13), date(2026, 2, 23)) == [
        date(2026, 2, day) for day in range(14, 23)
    ]
    assert is_working_day(date(2026, 2, 23))


def test_tet_2026_days_are_named_in_vietnamese_and_english():
    with translation.override("vi"):
        assert non_working_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"
        assert non_working_reason(date(2026, 2, 16)) == "Giao thừa Tết Nguyên Đán"
        assert non_working_reason(date(2026, 2, 14)) == "Thứ Bảy"
        assert non_working_reason(date(2026, 2, 15)) == "Chủ nhật"
    with translation.override("en"):
        assert non_working_reason(date(2026, 2, 17)) == "Lunar New Year"
        assert non_working_reason(date(2026, 2, 14)) == "Saturday"
        assert non_working_reason(date(2026, 2, 15)) == "Sunday"


def test_working_day_has_no_reason_to_be_off():
    assert non_working_reason(date(2026, 2, 13)) is None


def test_first_working_day_after_tet_2026_is_monday_23_february():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 5) == date(2026, 2, 27)
    assert count_working_days(date(2026, 2, 13), date(2026, 2, 22)) == 0


def test_tet_2025_break_runs_from_25_january_to_2_february():
    # Lunar New Year 2025 (Ất Tỵ) is Wednesday 29/01/2025: 27/01–31/01 off, with the
    # weekends before and after, nine days from Saturday 25/01 to Sunday 02/02.
    assert is_working_day(date(2025, 1, 24))
    assert days_off_between(date(2025, 1, 24), date(2025, 2, 3)) == [
        *(date(2025, 1, day) for day in range(25, 32)),
        date(2025, 2, 1),
        date(2025, 2, 2),
    ]
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    with translation.override("vi"):
        assert non_working_reason(date(2025, 1, 29)) == "Tết Nguyên Đán"


def test_hung_kings_day_2025_is_monday_7_april():
    assert not is_working_day(date(2025, 4, 7))
    with translation.override("vi"):
        assert non_working_reason(date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"


def test_hung_kings_day_2026_falls_on_a_sunday_so_monday_is_the_compensatory_day_off():
    # 10th day of the 3rd lunar month = Sunday 26/04/2026; Labour Code art. 111(3):
    # a holiday on the weekly rest day is taken on the next working day.
    assert date(2026, 4, 26).weekday() == 6
    assert not is_working_day(date(2026, 4, 27))
    with translation.override("vi"):
        assert non_working_reason(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
        assert non_working_reason(date(2026, 4, 27)) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    with translation.override("en"):
        assert non_working_reason(date(2026, 4, 27)) == "Hung Kings' Commemoration Day (observed)"
    assert is_working_day(date(2026, 4, 28))


def test_reunification_and_labour_day_2025_bridge_with_saturday_26_april_worked():
    # 30/04 (Wed) and 01/05 (Thu) are holidays; Friday 02/05/2025 is off in exchange for
    # Saturday 26/04/2025, which was worked (làm bù).
    assert days_off_between(date(2025, 4, 29), date(2025, 5, 5)) == [
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 5, 3),
        date(2025, 5, 4),
    ]
    assert is_working_day(date(2025, 4, 26))
    assert non_working_reason(date(2025, 4, 26)) is None
    with translation.override("vi"):
        assert non_working_reason(date(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    with translation.override("en"):
        assert non_working_reason(date(2025, 5, 2)) == "Day off (in lieu of 26/04/2025)"


def test_reunification_and_labour_day_2026_are_thursday_and_friday():
    assert days_off_between(date(2026, 4, 29), date(2026, 5, 4)) == [
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 5, 2),
        date(2026, 5, 3),
    ]
    with translation.override("vi"):
        assert non_working_reason(date(2026, 4, 30)) == "Ngày Chiến thắng"
        assert non_working_reason(date(2026, 5, 1)) == "Ngày Quốc tế Lao động"


def test_national_day_2025_is_monday_1_and_tuesday_2_september():
    assert days_off_between(date(2025, 8, 29), date(2025, 9, 3)) == [
        date(2025, 8, 30),
        date(2025, 8, 31),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ]
    with translation.override("vi"):
        assert non_working_reason(date(2025, 9, 2)) == "Quốc khánh"


def test_national_day_2026_gives_five_days_with_saturday_22_august_worked():
    # 01/09 (Tue) and 02/09 (Wed) are holidays; Monday 31/08/2026 is off in exchange for
    # Saturday 22/08/2026 (làm bù), so 29/08–02/09 is one break.
    assert is_working_day(date(2026, 8, 22))
    assert days_off_between(date(2026, 8, 28), date(2026, 9, 3)) == [
        date(2026, 8, 29),
        date(2026, 8, 30),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]


def test_new_years_day_2026_is_a_thursday_off():
    assert not is_working_day(date(2026, 1, 1))
    with translation.override("en"):
        assert non_working_reason(date(2026, 1, 1)) == "New Year's Day"


def test_2026_has_249_working_days():
    # 365 days − 104 Saturdays and Sundays − 13 weekday holidays (01/01, 16–20/02, 27/04,
    # 30/04, 01/05, 31/08, 01–02/09, 24/11) + Saturday 22/08 worked.
    assert count_working_days(date(2025, 12, 31), date(2026, 12, 31)) == 249


def test_30_calendar_days_ending_on_a_saturday_move_to_monday():
    assert add_calendar_days(date(2026, 1, 1), 30) == date(2026, 2, 2)


def test_calendar_days_ending_in_tet_move_past_the_whole_break():
    assert add_calendar_days(date(2026, 2, 1), 15) == date(2026, 2, 23)


def test_calendar_days_ending_on_a_working_day_stay_put():
    assert add_calendar_days(date(2026, 3, 2), 30) == date(2026, 4, 1)
