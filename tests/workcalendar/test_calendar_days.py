"""Days the administrator enters: extra days off and worked days (làm bù), and the cache."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db import IntegrityError, close_old_connections
from django.utils import translation

from tests.factories.calendar import make_day_off, make_working_day
from workcalendar import calendar
from workcalendar.calendar import (
    add_working_days,
    compute_due,
    count_working_days,
    is_working_day,
    non_working_reason,
)
from workcalendar.models import (
    MESSAGE_ALREADY_OFF,
    MESSAGE_ALREADY_WORKING,
    CalendarDay,
    CalendarDayKind,
)

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 3, 7)
MONDAY = date(2026, 3, 9)


def test_a_worked_saturday_counts_as_a_working_day():
    make_working_day(SATURDAY, "Làm bù cho ngày 30/4")
    assert is_working_day(SATURDAY)
    assert non_working_reason(SATURDAY) is None
    assert add_working_days(date(2026, 3, 6), 1) == SATURDAY
    assert count_working_days(date(2026, 3, 6), MONDAY) == 2


def test_an_extra_day_off_does_not_count_and_is_named():
    make_day_off(MONDAY, "Nghỉ bù Quốc khánh")
    assert not is_working_day(MONDAY)
    assert non_working_reason(MONDAY) == "Nghỉ bù Quốc khánh"
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)


def test_an_extra_day_off_on_a_holiday_gives_its_own_name():
    make_day_off(date(2026, 4, 30), "Nghỉ lễ theo Thông báo của Thành phố")
    assert non_working_reason(date(2026, 4, 30)) == "Nghỉ lễ theo Thông báo của Thành phố"


def test_a_working_day_entry_overrides_a_package_holiday():
    # An administrator can correct the package when the government decides otherwise.
    make_working_day(date(2026, 11, 24), "Làm việc bình thường")
    assert is_working_day(date(2026, 11, 24))


def test_a_day_off_entry_overrides_a_saturday_the_package_says_is_worked():
    make_day_off(date(2026, 8, 22), "Không làm bù")
    assert not is_working_day(date(2026, 8, 22))
    assert non_working_reason(date(2026, 8, 22)) == "Không làm bù"


def test_a_run_with_an_extra_day_off_names_both_the_holiday_and_the_extra_day():
    make_day_off(date(2026, 2, 23), "Nghỉ thêm sau Tết")
    due = compute_due(date(2026, 2, 13), 1, working=True)
    assert due.due == date(2026, 2, 24)
    with translation.override("vi"):
        assert due.explanation() == (
            "1 ngày làm việc kể từ 13/02/2026, không tính 14/02–23/02 "
            "(Tết Nguyên Đán, Nghỉ thêm sau Tết) → 24/02/2026"
        )


def test_one_date_holds_one_entry():
    make_day_off(MONDAY)
    with pytest.raises(IntegrityError):
        make_working_day(MONDAY)


def test_the_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError):
        CalendarDay.objects.create(date=MONDAY, kind="holiday", name="?")


def test_a_worked_day_on_a_plain_weekday_is_refused_because_it_changes_nothing():
    entry = CalendarDay(date=date(2026, 3, 10), kind=CalendarDayKind.WORKING_DAY, name="Làm bù")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.message_dict["kind"] == [
        str(MESSAGE_ALREADY_WORKING % {"date": "10/03/2026"})
    ]


def test_an_extra_day_off_on_a_holiday_is_refused_because_it_changes_nothing():
    entry = CalendarDay(date=date(2026, 9, 2), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.message_dict["kind"] == [
        str(MESSAGE_ALREADY_OFF % {"date": "02/09/2026", "reason": "Quốc khánh"})
    ]


def test_an_extra_day_off_on_a_saturday_the_package_says_is_worked_is_accepted():
    CalendarDay(date=date(2026, 8, 22), kind=CalendarDayKind.DAY_OFF, name="Nghỉ").full_clean()


# --- caching -------------------------------------------------------------------------


def test_a_new_entry_is_seen_at_once_after_the_calendar_was_read():
    assert is_working_day(MONDAY)
    make_day_off(MONDAY)
    assert not is_working_day(MONDAY)


def test_an_edited_entry_is_seen_at_once():
    entry = make_day_off(MONDAY)
    assert not is_working_day(MONDAY)
    entry.date = date(2026, 3, 10)
    entry.save()
    assert is_working_day(MONDAY)
    assert not is_working_day(date(2026, 3, 10))


def test_a_bulk_delete_is_seen_at_once():
    make_day_off(MONDAY)
    assert not is_working_day(MONDAY)
    CalendarDay.objects.all().delete()
    assert is_working_day(MONDAY)


def test_the_rows_are_read_once_however_many_deadlines_are_computed(django_assert_num_queries):
    make_day_off(MONDAY)
    calendar.clear_cache()
    with django_assert_num_queries(1):
        for day in range(1, 29):
            compute_due(date(2026, 2, day), 30, working=True).explanation()
            count_working_days(date(2026, 2, day), date(2026, 12, 31))


def test_fifty_entries_still_cost_one_query(django_assert_num_queries):
    for week in range(50):
        make_day_off(date(2027, 1, 4).fromordinal(date(2027, 1, 4).toordinal() + 7 * week))
    calendar.clear_cache()
    with django_assert_num_queries(1):
        for day in range(1, 29):
            compute_due(date(2027, 2, day), 30, working=True).explanation()
    assert not is_working_day(date(2027, 1, 11))


def test_a_commit_tells_other_processes_through_the_shared_cache(
    django_capture_on_commit_callbacks,
):
    before = cache.get(calendar.VERSION_CACHE_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        make_day_off(MONDAY)
    assert cache.get(calendar.VERSION_CACHE_KEY) not in (None, before)


def start_a_request():
    """Send request_started as Django's test client does (without closing the test DB)."""
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)


def test_another_processs_change_is_seen_at_the_next_request():
    assert is_working_day(MONDAY)
    # Another app server adds a row (no signal reaches this process) and bumps the version.
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=MONDAY, kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")]
    )
    cache.set(calendar.VERSION_CACHE_KEY, "changed-by-a-request-elsewhere", timeout=None)
    assert is_working_day(MONDAY)  # within the same request: the process's copy holds
    start_a_request()
    assert not is_working_day(MONDAY)


def test_outside_requests_the_shared_version_is_compared_at_most_once_a_minute(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(calendar.time, "monotonic", lambda: clock[0])
    calendar.clear_cache()
    assert is_working_day(MONDAY)
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=MONDAY, kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")]
    )
    cache.set(calendar.VERSION_CACHE_KEY, "changed-by-a-command-elsewhere", timeout=None)
    clock[0] += 30
    assert is_working_day(MONDAY)
    clock[0] += calendar.RECHECK_SECONDS
    assert not is_working_day(MONDAY)


def test_clear_cache_forgets_rows_that_a_rolled_back_transaction_left_behind():
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=MONDAY, kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")]
    )
    assert not is_working_day(MONDAY)
    CalendarDay.objects.all()._raw_delete(CalendarDay.objects.db)  # no signal, like a rollback
    assert not is_working_day(MONDAY)
    calendar.clear_cache()
    assert is_working_day(MONDAY)
