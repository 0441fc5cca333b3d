"""The portal's one clock: services, model time stamps, demo replays and tests all read it."""

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.models import AuditEntry
from dialogue_portal.lib import clock
from dialogue_portal.lib.fields import ClockedDateTimeField
from petitions.models import DigestSent
from tests.compliance.clock import Clock
from workcalendar.models import CalendarDay

MOMENT = clock.at(date(2021, 3, 4), 10, 30)
PORTAL_APPS = {"units", "audit", "accounts", "workcalendar", "sessions", "petitions", "compliance"}


def is_real_time(moment: datetime) -> bool:
    return abs(moment - timezone.now()) < timedelta(seconds=30)


def test_travel_sets_the_time_inside_the_block_only():
    with clock.travel(MOMENT):
        assert clock.now() == MOMENT
        assert clock.today() == date(2021, 3, 4)
        with clock.travel(MOMENT + timedelta(days=1)):
            assert clock.today() == date(2021, 3, 5)
        assert clock.now() == MOMENT

    assert is_real_time(clock.now())


def test_a_wall_clock_time_is_read_in_ho_chi_minh_city():
    assert MOMENT.utcoffset() == timedelta(hours=7)
    assert timezone.localtime(MOMENT).strftime("%d/%m/%Y %H:%M") == "04/03/2021 10:30"


def test_travel_refuses_a_naive_moment():
    with pytest.raises(ValueError, match="aware"), clock.travel(datetime(2021, 3, 4, 10, 30)):
        pass  # pragma: no cover - never entered


@pytest.mark.django_db
def test_rows_written_while_travelling_carry_the_travelled_time(ward_a):
    with clock.travel(MOMENT):
        entry = AuditEntry.objects.create(action="clock.test")
        digest = DigestSent.objects.create(unit=ward_a, digest_date=date(2021, 3, 4))
        day = CalendarDay.objects.create(
            date=date(2030, 3, 13), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ bù thử"
        )
    later = clock.at(date(2021, 3, 5), 8)
    with clock.travel(later):
        day.name = "Nghỉ bù (đã sửa)"
        day.save()

    entry.refresh_from_db()
    digest.refresh_from_db()
    day.refresh_from_db()
    assert entry.created_at == MOMENT  # auto_now_add
    assert digest.sent_at == MOMENT  # default=clock.now
    assert (day.created_at, day.updated_at) == (MOMENT, later)  # auto_now follows too


def test_every_time_stamp_field_of_the_portal_reads_the_clock():
    """A new ``auto_now`` or ``default=timezone.now`` field would stamp the real time."""
    offenders = []
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PORTAL_APPS:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateTimeField):
                continue
            auto = field.auto_now or field.auto_now_add
            if (auto and not isinstance(field, ClockedDateTimeField)) or (
                field.default is timezone.now
            ):
                offenders.append(f"{model._meta.label}.{field.name}")
    assert offenders == []


def test_the_tests_clock_stands_still_then_gives_the_real_time_back():
    travelling = Clock()
    try:
        assert clock.now() == travelling.moment  # stopped when the test began
        travelling.to(2020, 1, 10)
        assert clock.now() == travelling.now() == clock.at(date(2020, 1, 10), 9)
    finally:
        travelling.stop()

    assert is_real_time(clock.now())


def test_no_production_code_patches_the_time():
    """Demos replay with ``clock.travel``; ``mock`` belongs to tests only."""
    base = Path(settings.BASE_DIR)
    offenders = []
    for folder, subfolders, files in os.walk(base):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name not in {"tests", "var", "node_modules"}
        ]
        for name in files:
            path = Path(folder) / name
            if name.endswith(".py") and "mock" in path.read_text(encoding="utf-8"):
                offenders.append(str(path.relative_to(base)))
    assert offenders == []
