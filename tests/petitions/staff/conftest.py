import pytest
from django.core.cache import cache

from workcalendar.calendar import clear_cache


@pytest.fixture(autouse=True)
def _fresh_calendar_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clear_cache()
    cache.clear()
    yield
    clear_cache()
