"""Local dates and months of timestamps, the same on SQLite's native path and PostgreSQL."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from compliance.dbfunctions import LocalDate, LocalMonth, _fixed_offset_minutes
from petitions.models import Concern
from tests.factories.compliance import received

pytestmark = pytest.mark.django_db


def test_ho_chi_minh_city_has_one_offset():
    assert _fixed_offset_minutes("Asia/Ho_Chi_Minh") == 7 * 60
    assert _fixed_offset_minutes("Europe/Paris") is None  # summer time: Django's path


@pytest.mark.parametrize(
    ("local", "expected_day", "expected_month"),
    [
        # 23:30 on 31 May in the city is 16:30 UTC: still 31 May, still May.
        (datetime(2026, 5, 31, 23, 30), date(2026, 5, 31), date(2026, 5, 1)),
        # 00:30 on 1 June in the city is 17:30 UTC on 31 May: already June.
        (datetime(2026, 6, 1, 0, 30), date(2026, 6, 1), date(2026, 6, 1)),
        (datetime(2026, 12, 31, 23, 59), date(2026, 12, 31), date(2026, 12, 1)),
    ],
)
def test_local_date_and_month_of_a_timestamp(clock, ward_a, local, expected_day, expected_month):
    concern = received(clock, ward_a, date(2026, 5, 20))
    moment = timezone.make_aware(local, timezone.get_default_timezone())
    Concern.objects.filter(pk=concern.pk).update(received_at=moment)
    row = (
        Concern.objects.filter(pk=concern.pk)
        .annotate(day=LocalDate("received_at"), month=LocalMonth("received_at"))
        .values("day", "month")
        .get()
    )
    assert row["day"] == expected_day
    assert timezone.localtime(row["month"]).date() == expected_month
