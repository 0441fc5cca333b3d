import pytest
from django.core.cache import cache

from workcalendar.calendar import clear_cache


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    """Rate-limit counters and the calendar live in the cache; uploads in a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    clear_cache()
    cache.clear()
    yield
    clear_cache()
    cache.clear()


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English, so tests can read the source strings (Vietnamese is checked apart)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
