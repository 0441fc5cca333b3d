"""Every compliance page runs the same number of queries for 2 units with a few items and
for 50 units with many: everything is aggregated in the database, grouped by unit."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions.models import Concern
from tests.factories import make_unit
from tests.factories.compliance import bulk_scene

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:  # a streamed download reads its rows while it is sent
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _pages(ward_a):
    month = "period=month&year=2026&month=6"
    return {
        "city": f"{reverse('compliance:city')}?{month}",
        "city sorted": f"{reverse('compliance:city')}?{month}&sort=on_time_rate",
        "unit": f"{reverse('compliance:unit', args=[ward_a.pk])}?{month}",
        "items": f"{reverse('compliance:items')}?figure=answered&unit={ward_a.pk}&{month}",
        "items of the city": f"{reverse('compliance:items')}?figure=overdue&{month}",
        "trends": reverse("compliance:trends"),
        "report": f"{reverse('compliance:report')}?{month}",
        "report docx": f"{reverse('compliance:report_docx')}?{month}",
        "report csv": f"{reverse('compliance:report_csv')}?{month}",
        "report xlsx": f"{reverse('compliance:report_xlsx')}?{month}",
        "staff home": reverse("staff:home"),
    }


# The most queries a page may run (the counts themselves are pinned below as equal).
CEILING = 30


@pytest.mark.slow
def test_query_counts_do_not_grow_with_units_or_items(
    client, clock, city, ward_a, ward_b, reviewer, django_assert_num_queries
):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=3, today=TODAY)
    client.force_login(reviewer)
    pages = _pages(ward_a)
    client.get(pages["city"])  # builds the working-day index once
    few = {name: _count(client, url) for name, url in pages.items()}

    more = [make_unit(parent=city) for _ in range(48)]
    bulk_scene([ward_a, ward_b, *more], per_unit=12, today=TODAY)
    assert Concern.objects.count() == 2 * 3 + 50 * 12
    many = {name: _count(client, url) for name, url in pages.items()}

    assert many == few
    assert max(few.values()) <= CEILING, few


def test_the_city_dashboard_runs_a_known_number_of_queries(
    client, clock, city, ward_a, ward_b, reviewer, django_assert_num_queries
):
    """Pinned: session and user (2), memberships (1), units in scope (1), the figures
    (index check, concerns, disputes, commitments, sessions, rules periods, rules, timing
    rules, percentiles: 9, one more for the total's percentiles on PostgreSQL), all
    history (2), plus what the middleware writes (session save, access log)."""
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=3, today=TODAY)
    client.force_login(reviewer)
    url = _pages(ward_a)["city"]
    client.get(url)
    expected = _count(client, url)
    figures_queries = 10 if connection.vendor == "postgresql" else 9
    assert expected >= 2 + 1 + 1 + figures_queries + 2
    with django_assert_num_queries(expected):
        client.get(url)


def test_public_statistics_are_cached(client, clock, city, ward_a, ward_b):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=2, today=TODAY)
    url = reverse("public_compliance:index")
    first = _count(client, url)
    assert first > 0
    assert _count(client, url) == 0  # served from the cache: no query at all
    more = [make_unit(parent=city) for _ in range(20)]
    bulk_scene(more, per_unit=5, today=TODAY)
    from django.core.cache import cache

    cache.clear()
    assert _count(client, url) == first
