"""The demo hook the lead's seed_demo calls: the rollup is ready with "last updated"."""

from datetime import date

import pytest

from compliance.demo import seed_demo
from compliance.models import RollupRun, UnitMonthRollup, WorkingDayIndex

pytestmark = pytest.mark.django_db


def test_seed_demo_refreshes_the_rollup_and_is_idempotent(may_2026, ward_a):
    seed_demo(today=date(2026, 6, 15))
    rows = UnitMonthRollup.objects.count()
    assert rows > 0
    assert WorkingDayIndex.objects.filter(day=date(2026, 6, 15)).exists()
    seed_demo(today=date(2026, 6, 15))
    assert UnitMonthRollup.objects.count() == rows
    assert RollupRun.objects.count() == 2
