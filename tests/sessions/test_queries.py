"""Lists, calendars, public pages and feeds run a fixed number of queries: 1 session or 50."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.lib.pagecache import retire_public_pages
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db


def _page_queries(ctx) -> list[str]:
    """The page's own queries: not the session store the security middleware refreshes."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def _count(client, url: str, *, cached: bool = False) -> int:
    """Queries of one request; the page is rendered (not served from the page cache)
    unless ``cached``."""
    client.get(url)  # warm per-process caches (working days, content types)
    if not cached:
        retire_public_pages()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(_page_queries(ctx))


def _make(ward, n: int, *, state: str, start_days: float) -> None:
    for i in range(n):
        make_session(ward, state, planned_start=days(start_days) + timedelta(hours=i))


def _urls(ward) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "staff list": reverse("sessions:list"),
        "staff list filtered": reverse("sessions:list")
        + f"?q=doi+thoai&unit={ward.pk}&state=announced",
        "staff calendar month": reverse("sessions:calendar")
        + f"?date={(today + timedelta(days=5)).isoformat()}",
        "staff calendar week": reverse("sessions:calendar")
        + f"?view=week&date={(today + timedelta(days=5)).isoformat()}",
        "public upcoming": reverse("public_sessions:upcoming"),
        "public upcoming by ward": reverse("public_sessions:upcoming")
        + f"?unit={ward.code}&unit_q=ben",
        "public past": reverse("public_sessions:past"),
        "city feed": reverse("public_sessions:feed_city"),
        "unit feed": reverse("public_sessions:feed_unit", args=[ward.code]),
    }


@pytest.mark.parametrize(
    "page_name",
    [
        "staff list",
        "staff list filtered",
        "staff calendar month",
        "staff calendar week",
        "public upcoming",
        "public upcoming by ward",
        "public past",
        "city feed",
        "unit feed",
    ],
)
def test_query_count_does_not_grow_with_sessions(client, ward_a, officer_a, page_name):
    client.force_login(officer_a)
    url = _urls(ward_a)[page_name]
    _make(ward_a, 1, state="announced", start_days=5)
    _make(ward_a, 1, state="concluded", start_days=-10)
    one = _count(client, url)
    _make(ward_a, 49, state="announced", start_days=5)
    _make(ward_a, 49, state="concluded", start_days=-10)
    fifty = _count(client, url)
    assert one == fifty, f"{page_name}: {one} queries with 1 session, {fifty} with 50"


def test_pinned_query_counts(client, ward_a, officer_a):
    """The numbers themselves, so a change that adds a query is noticed."""
    _make(ward_a, 3, state="announced", start_days=5)
    urls = _urls(ward_a)
    assert _count(client, urls["city feed"]) == 1  # the sessions with their units
    assert _count(client, urls["unit feed"]) == 2  # the unit, its sessions
    assert _count(client, urls["public upcoming"]) == 3  # the picker's units, count, page
    assert _count(client, urls["public past"]) == 2  # the picker's units, count (no page)
    # Served again to a visitor while nothing changed: from the page cache, no query.
    assert _count(client, urls["public upcoming"], cached=True) == 0
    assert _count(client, urls["public past"], cached=True) == 0
    client.force_login(officer_a)
    # user, memberships, the filter's units, count, page
    assert _count(client, urls["staff list"]) == 5
    # user, memberships, the sessions of the month
    assert _count(client, urls["staff calendar month"]) == 3


def test_staff_home_panel_runs_a_fixed_number_of_queries(rf, ward_a, officer_a):
    from sessions.panels import sessions_panel

    def measure() -> int:
        request = rf.get("/staff/")
        request.user = type(officer_a).objects.get(pk=officer_a.pk)
        with CaptureQueriesContext(connection) as ctx:
            panel = sessions_panel(request)
            from django.template.loader import render_to_string

            render_to_string(panel["template"], {"panel": panel["context"]})
        return len(ctx.captured_queries)

    _make(ward_a, 1, state="announced", start_days=5)
    make_session(ward_a, "held", planned_start=days(-2))
    one = measure()
    _make(ward_a, 20, state="announced", start_days=5)
    for _ in range(20):
        make_session(ward_a, "held", planned_start=days(-2))
    assert measure() == one == 4  # memberships, upcoming, conclusions due, not announced
