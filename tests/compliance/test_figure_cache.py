"""Computed figure tables are kept a few minutes, said so on the page, and warmed by cron."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.compliance import bulk_scene

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
MONTH = "period=month&year=2026&month=6"


def _concern_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    return sum('FROM "petitions_concern"' in q for q in sql), response.content.decode()


@pytest.fixture
def cached(settings):
    settings.COMPLIANCE_FIGURES_CACHE_SECONDS = 300


def test_a_second_look_reads_the_kept_table_and_says_when_it_was_computed(
    cached, client, clock, ward_a, ward_b, reviewer
):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=5, today=TODAY)
    client.force_login(reviewer)
    url = f"{reverse('compliance:city')}?{MONTH}"
    first, page = _concern_queries(client, url)
    again, page_again = _concern_queries(client, url)
    assert first >= 2 and again == 0
    assert "data-computed-at" in page_again
    assert "5 phút" in page_again  # "recomputed at most every 5 minutes", in Vietnamese


def test_the_kept_table_serves_only_the_same_units_period_and_day(
    cached, client, clock, ward_a, ward_b, reviewer
):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=5, today=TODAY)
    client.force_login(reviewer)
    _concern_queries(client, f"{reverse('compliance:city')}?{MONTH}")
    other_month, _ = _concern_queries(
        client, f"{reverse('compliance:city')}?period=month&year=2026&month=5"
    )
    one_ward, _ = _concern_queries(client, f"{reverse('compliance:city')}?{MONTH}&unit={ward_a.pk}")
    assert other_month > 0 and one_ward > 0
    clock.to(2026, 6, 16, 10)  # a new day: "overdue today" changes, so does the key
    client.force_login(reviewer)  # (a new working day, a new sign-in)
    next_day, _ = _concern_queries(client, f"{reverse('compliance:city')}?{MONTH}")
    assert next_day > 0


def test_cron_computes_the_default_periods_before_anyone_asks(
    cached, client, clock, ward_a, ward_b, reviewer
):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=5, today=TODAY)
    out = io.StringIO()
    call_command("warm_compliance_figures", stdout=out)
    assert "computed in" in out.getvalue()
    client.force_login(reviewer)
    # The dashboard opens on this month: already computed.
    on_open, _ = _concern_queries(client, reverse("compliance:city"))
    year, _ = _concern_queries(client, f"{reverse('compliance:city')}?period=year&year=2026")
    assert on_open == 0 and year == 0


def test_with_the_cache_off_every_view_computes(client, clock, ward_a, ward_b, reviewer):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=5, today=TODAY)
    client.force_login(reviewer)
    url = f"{reverse('compliance:city')}?{MONTH}"
    _concern_queries(client, url)
    again, page = _concern_queries(client, url)
    assert again >= 2
    assert "data-computed-at" in page
