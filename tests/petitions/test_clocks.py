"""Deadlines of concerns around Tết, pauses excluded from response times."""

from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from petitions import clocks, services
from petitions.models import ConcernRule, ConcernType
from tests.factories import concerns as f
from workcalendar.calendar import clear_cache, is_working_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    clear_cache()
    yield
    clear_cache()


def at(day: date, hour: int = 9):
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.make_aware(datetime.combine(day, time(hour))),
    )


def test_tet_2026_is_not_worked():
    assert not is_working_day(date(2026, 2, 17))  # Mùng 1 Tết Bính Ngọ


def test_acknowledging_across_tet_skips_the_holiday_and_says_so():
    due = clocks.acknowledge_due(ConcernType.REPORT, date(2026, 2, 12))
    # 10 working days from Thursday 12/02/2026 skip the Tết break.
    working = [
        date(2026, 2, 12) + timedelta(days=n)
        for n in range(1, (due.due - date(2026, 2, 12)).days + 1)
    ]
    assert sum(is_working_day(d) for d in working) == 10
    assert due.due > date(2026, 2, 26)
    assert "Tết" in due.explanation()


def test_calendar_day_answer_due_landing_in_tet_moves_to_the_next_working_day():
    # 30 calendar days from 18/01/2026 end on 17/02/2026, Tết: the due date moves on.
    due = clocks.answer_due(ConcernType.REPORT, date(2026, 1, 18))
    assert due.due > date(2026, 2, 17)
    assert is_working_day(due.due)
    assert not any(
        is_working_day(date(2026, 2, 17) + timedelta(days=n))
        for n in range((due.due - date(2026, 2, 17)).days)
    )


def test_answer_days_follow_the_admin_edited_rule():
    rule = ConcernRule.objects.get(type=ConcernType.RECOMMENDATION)
    rule.answer_days = 15
    rule.answer_in_working_days = True
    rule.save()
    due = clocks.answer_due(ConcernType.RECOMMENDATION, date(2026, 3, 2))
    assert due.working and due.days == 15
    assert due.due == date(2026, 3, 23)


def test_complex_complaint_uses_the_longer_deadline():
    plain = clocks.answer_due(ConcernType.COMPLAINT, date(2026, 3, 2))
    complex_ = clocks.answer_due(ConcernType.COMPLAINT, date(2026, 3, 2), is_complex=True)
    assert (complex_.due - plain.due).days >= 14


def test_response_time_excludes_a_pause_over_tet_and_acknowledgement_is_separate(ward_a, officer_a):
    with at(date(2026, 2, 9)):
        concern = f.submit(ward_a)
    with at(date(2026, 2, 11)):
        concern = services.concern_accept(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            type=concern.type,
            category=None,
        )
        concern = services.concern_assign(
            actor=officer_a, concern=concern, version=concern.version, assignee=officer_a
        )
        services.concern_pause_start(
            actor=officer_a, concern=concern, version=concern.version, reason="Chờ giấy tờ"
        )
    with at(date(2026, 2, 27)):
        concern = concern.__class__.objects.get(pk=concern.pk)
        due_before = concern.due_at
        services.concern_pause_end(actor=officer_a, concern=concern, version=concern.version)
        concern = concern.__class__.objects.get(pk=concern.pk)
        assert concern.due_at > due_before  # the pause moved the due date on
        concern = services.concern_answer_save(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            answer_text="a",
            answer_public_text="b",
        )
    with at(date(2026, 3, 4)):
        concern = services.concern_answer_submit(
            actor=officer_a, concern=concern, version=concern.version
        )
    assert clocks.acknowledgement_working_days(concern) == 2  # 10/02 and 11/02
    # Working days 09/02 → 04/03 minus those of the pause 11/02 → 27/02.
    total = sum(is_working_day(date(2026, 2, 9) + timedelta(days=n)) for n in range(1, 24))
    paused = sum(is_working_day(date(2026, 2, 11) + timedelta(days=n)) for n in range(1, 17))
    assert clocks.response_working_days(concern) == total - paused
    assert clocks.answered_on_time(concern) is True


def test_overdue_is_by_the_deadline_in_force_and_not_while_paused(ward_a, officer_a):
    concern = f.submit(ward_a)
    assert not concern.is_overdue(timezone.localdate())
    assert concern.is_overdue(concern.ack_due_at + timedelta(days=1))
    concern = f.assigned(ward_a, officer_a)
    assert concern.is_overdue(concern.due_at + timedelta(days=1))
    assert not concern.is_overdue(concern.due_at)
