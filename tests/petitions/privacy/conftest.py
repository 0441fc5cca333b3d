"""Fixtures of the personal-data tests: English pages, uploads in tmp."""

import pytest
from django.core.cache import cache

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
