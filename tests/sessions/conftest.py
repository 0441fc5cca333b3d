import pytest
from django.utils import translation

from workcalendar.calendar import clear_cache


@pytest.fixture(autouse=True)
def _sessions_test_settings(settings, tmp_path):
    """Uploads go to a temporary folder; passwords hash fast; the working-day cache is fresh
    (rolled-back test transactions leave no calendar rows behind)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    """Pages and messages in English, the source language, so tests read the constants they import.

    Tests about the Vietnamese pages set the language cookie back to "vi".
    """
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def seeded_rules(db):
    """The rules the data migration seeds, present even if a transactional test elsewhere
    flushed the tables (the seeding is idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("sessions.migrations.0002_seed_rules").seed(apps, None)
