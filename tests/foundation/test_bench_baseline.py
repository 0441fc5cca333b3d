"""The benchmark's baseline view: one query, a small page, and never routed by default."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_portal.baseline import baseline

pytestmark = pytest.mark.django_db


def test_the_baseline_renders_a_small_page_with_one_query(rf, city):
    request = rf.get("/bench/baseline/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as ctx:
        response = baseline(request)
    assert response.status_code == 200
    assert len(ctx.captured_queries) == 1
    assert city.name in response.content.decode()
    assert len(response.content) < 500


def test_the_baseline_is_not_served_unless_the_benchmark_asks(client):
    assert client.get("/bench/baseline/").status_code == 404
