"""Fixtures of the personal-data tests: English pages, uploads in tmp, a clock, ward B's head."""

import pytest
from django.core.cache import cache

from tests.compliance.clock import Clock
from tests.factories import make_member
from units.models import Role
from workcalendar.calendar import clear_cache, forget_exceptions


@pytest.fixture(autouse=True)
def _fresh_state(settings, tmp_path, client):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    clear_cache()
    forget_exceptions()
    cache.clear()
    yield
    clear_cache()
    forget_exceptions()


@pytest.fixture
def clock(monkeypatch):
    """Travel in time (``clock.to(2020, 1, 10)``): services record events on those dates."""
    return Clock(monkeypatch)


@pytest.fixture
def head_b(ward_b):
    return make_member(ward_b, Role.UNIT_HEAD, username="head_b", first_name="Dũng")
