"""Pages only read the working-day index; migrate, commands and calendar changes write it."""

import logging
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.models import WorkingDayIndex
from workcalendar.calendar import count_working_days

# Every test runs on the May 2026 dataset, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("may_2026_for_the_module")]

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(client, url: str) -> list[str]:
    """The SQL writes of one GET, but the session store (the idle timer moves on each
    request)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "django_session" not in q["sql"]
    ]


def _pages(ward) -> list[str]:
    month = "?period=month&year=2026&month=5"
    return [
        reverse("compliance:city") + month,
        reverse("compliance:unit", args=[ward.pk]) + month,
        reverse("compliance:items") + month + f"&figure=answered&unit={ward.pk}",
        reverse("compliance:report") + month,
    ]


def test_dashboard_gets_write_nothing(client, may_2026, reviewer, ward_a):
    client.force_login(reviewer)
    for url in _pages(ward_a):
        assert _writes(client, url) == [], url


def test_a_missing_index_is_not_built_by_a_page_but_reported(
    client, may_2026, reviewer, ward_a, caplog
):
    WorkingDayIndex.objects.all().delete()
    client.force_login(reviewer)
    with caplog.at_level(logging.WARNING, logger="compliance.workdays"):
        assert _writes(client, _pages(ward_a)[0]) == []
    assert not WorkingDayIndex.objects.exists()
    assert "rebuild_working_day_index" in caplog.text
    call_command("rebuild_working_day_index", stdout=None)
    assert WorkingDayIndex.objects.filter(day=date(2026, 5, 4)).exists()


def test_the_index_follows_a_day_off_an_administrator_adds(
    client, admin_user, django_capture_on_commit_callbacks
):
    day = date(2026, 5, 20)  # a Wednesday
    assert WorkingDayIndex.objects.get(day=day).is_working
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:workcalendar_calendarday_add"),
            {"date": "20/05/2026", "kind": "day_off", "name": "Nghỉ bù", "legal_basis": ""},
        )
    assert response.status_code == 302
    assert not WorkingDayIndex.objects.get(day=day).is_working
    ordinals = dict(
        WorkingDayIndex.objects.filter(
            day__gte=date(2026, 4, 1), day__lte=date(2026, 6, 30)
        ).values_list("day", "ordinal")
    )
    for start, end in [
        (date(2026, 5, 18), date(2026, 5, 22)),
        (date(2026, 4, 1), date(2026, 6, 30)),
    ]:
        assert ordinals[end] - ordinals[start] == count_working_days(start, end)
    assert ordinals[date(2026, 5, 22)] - ordinals[date(2026, 5, 18)] == 3  # Tue, Thu, Fri
