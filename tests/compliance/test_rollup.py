"""The all-history rollup: refreshed by a command, shown with "last updated"."""

from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from compliance import workdays
from compliance.models import RollupRun, UnitMonthRollup, WorkingDayIndex
from compliance.selectors import all_history
from tests.factories import compliance as f
from workcalendar.calendar import count_working_days, is_working_day
from workcalendar.models import CalendarDay, CalendarDayKind

# Every test runs on the May 2026 dataset, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("may_2026_for_the_module")]


def _history_cell(page: str, key: str) -> str:
    return page.split(f'data-history="{key}">', 1)[1].split("<", 1)[0]


def test_a_new_concern_appears_in_all_history_after_the_refresh(
    client, english, clock, may_2026, reviewer, ward_a, city, ward_b
):
    call_command("refresh_compliance_rollup", stdout=None)
    client.force_login(reviewer)
    url = f"{reverse('compliance:city')}?period=month&year=2026&month=5"
    before = client.get(url).content.decode()
    # Every concern of the dataset but the merged duplicate and the one referred to ward B
    # (received there): 11 in ward A, 2 in ward B.
    assert _history_cell(before, "concerns_received") == "13"

    # Minutes apart: the staff session's idle timeout follows the clock too.
    f.received(clock, ward_a, date(2026, 6, 15), hour=9)
    clock.to(2026, 6, 15, 9, 10)
    still = client.get(url).content.decode()
    assert _history_cell(still, "concerns_received") == "13"  # the rollup is not live

    clock.to(2026, 6, 15, 9, 20)
    call_command("refresh_compliance_rollup")
    after = client.get(url).content.decode()
    assert _history_cell(after, "concerns_received") == "14"
    assert "last updated 15/06/2026 09:20" in after


def test_the_rollup_sums_agree_with_the_live_figures_month_by_month(may_2026, ward_a):
    from compliance.periods import Period
    from compliance.selectors import unit_figures
    from compliance.services import rollup_refresh

    rollup_refresh(today=date(2026, 6, 15))
    row = UnitMonthRollup.objects.get(unit=ward_a, month=date(2026, 5, 1))
    live = unit_figures([ward_a], Period.for_month(2026, 5), date(2026, 6, 15)).rows[0]
    assert (row.concerns_received, row.concerns_answered, row.concerns_answered_on_time) == (
        live.received,
        live.answered,
        live.answered_on_time,
    )
    assert (row.sessions_held, row.sessions_with_notice, row.conclusions_on_time) == (
        live.sessions_held,
        live.sessions_with_notice,
        live.conclusions_on_time,
    )
    assert row.concerns_disputed == live.disputed == 2
    history = all_history([ward_a.pk])
    assert history.concerns_received == 11  # April and May, c10 received by ward B
    assert history.last_updated is not None


def test_a_partial_refresh_keeps_older_months(clock, may_2026, ward_a):
    from compliance.services import rollup_refresh

    rollup_refresh(today=date(2026, 6, 15))
    april = UnitMonthRollup.objects.get(unit=ward_a, month=date(2026, 4, 1))
    UnitMonthRollup.objects.filter(unit=ward_a, month=date(2026, 6, 1)).delete()
    call_command("refresh_compliance_rollup", "--months", "1")
    assert UnitMonthRollup.objects.get(pk=april.pk).concerns_received == 4
    assert RollupRun.objects.first().first_month == date(2026, 6, 1)


def test_the_command_refuses_zero_months(db):
    with pytest.raises(CommandError):
        call_command("refresh_compliance_rollup", "--months", "0")


def test_the_working_day_index_counts_like_the_calendar(db):
    workdays.ensure_index(through=date(2026, 12, 31))
    ordinals = dict(WorkingDayIndex.objects.values_list("day", "ordinal"))
    for start, end in [
        (date(2026, 2, 13), date(2026, 2, 27)),  # Tết
        (date(2026, 4, 24), date(2026, 5, 6)),  # Hùng Kings, 30/4, 1/5
        (date(2026, 8, 20), date(2026, 9, 3)),  # Saturday 22/08 worked, 31/08–02/09 off
        (date(2025, 12, 31), date(2026, 1, 2)),
    ]:
        assert ordinals[end] - ordinals[start] == count_working_days(start, end), (start, end)
    assert WorkingDayIndex.objects.get(day=date(2026, 8, 22)).is_working is True


def test_an_administrators_calendar_change_rebuilds_the_index(
    db, django_capture_on_commit_callbacks
):
    workdays.ensure_index(through=date(2026, 12, 31))
    day = date(2026, 6, 12)  # a Friday
    assert is_working_day(day)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=day, kind=CalendarDayKind.DAY_OFF, name="Nghỉ bù")
        # Until the change commits, readers keep the index of the committed calendar.
        assert WorkingDayIndex.objects.get(day=day).is_working is True
    assert WorkingDayIndex.objects.get(day=day).is_working is False  # rebuilt on commit
    ordinals = dict(WorkingDayIndex.objects.values_list("day", "ordinal"))
    assert ordinals[date(2026, 6, 15)] - ordinals[date(2026, 6, 11)] == 1  # only Monday 15/06


def test_the_rollup_refresh_reaches_back_to_the_oldest_concern(clock, ward_a):
    from compliance.services import rollup_refresh

    old = f.received(clock, ward_a, date(2023, 3, 6))
    assert old.received_at < datetime(2025, 1, 1).astimezone()
    rollup_refresh(today=date(2026, 6, 15))
    assert WorkingDayIndex.objects.filter(day=date(2023, 1, 1)).exists()
