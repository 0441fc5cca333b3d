"""Cached public pages are dropped when a change commits: never before, never for a rollback."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from dialogue_portal.lib.pagecache import VERSION_KEY
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db

URL = "public_sessions:upcoming"


class Rollback(Exception):
    pass


def _page() -> str:
    return Client().get(reverse(URL)).content.decode()


def test_a_rolled_back_change_keeps_the_cached_pages(ward_a, django_capture_on_commit_callbacks):
    assert "Lắp đèn chiếu sáng" not in _page()  # now cached
    version = cache.get(VERSION_KEY)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        make_session(ward_a, "announced", planned_start=days(6), topic="Lắp đèn chiếu sáng")
        raise Rollback
    assert callbacks == []
    assert cache.get(VERSION_KEY) == version


def test_a_committed_change_drops_the_cached_pages(ward_a, django_capture_on_commit_callbacks):
    assert "Lắp đèn chiếu sáng" not in _page()  # now cached
    version = cache.get(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        make_session(ward_a, "announced", planned_start=days(6), topic="Lắp đèn chiếu sáng")
        # Not before the commit: a visitor in between would cache the old rows anew.
        assert cache.get(VERSION_KEY) == version
    assert cache.get(VERSION_KEY) != version
    assert "Lắp đèn chiếu sáng" in _page()


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_drops_the_cached_pages_and_a_real_rollback_does_not(ward_a):
    assert "Lắp đèn chiếu sáng" not in _page()
    with pytest.raises(Rollback), transaction.atomic():
        make_session(ward_a, "announced", planned_start=days(6), topic="Lắp đèn chiếu sáng")
        raise Rollback
    assert "Lắp đèn chiếu sáng" not in _page()
    with transaction.atomic():
        make_session(ward_a, "announced", planned_start=days(6), topic="Lắp đèn chiếu sáng")
        assert "Lắp đèn chiếu sáng" not in _page()  # still the committed rows' copy
    assert "Lắp đèn chiếu sáng" in _page()
