"""Fixtures of the compliance tests: a clock to travel with, and the hand-built dataset."""

import pytest

from tests.compliance.factories import build_may_2026
from workcalendar.calendar import forget_exceptions

# The day the May 2026 figures are computed on (a Monday).
TODAY = (2026, 6, 15)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache(settings, tmp_path):
    """Rolled-back transactions leave no calendar rows behind; uploads go to tmp.

    The working-day index starts in 2025 here (every date of the tests is later), so each
    test builds four years of it rather than the production span.
    """
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.COMPLIANCE_INDEX_FIRST_YEAR = 2025
    forget_exceptions()
    yield
    forget_exceptions()


@pytest.fixture
def may_2026(clock, city, ward_a, ward_b, officer_a, head_a, officer_b, head_b):
    """The hand-built dataset; the clock is left at 15/06/2026 09:00."""
    return build_may_2026(
        clock,
        ward_a=ward_a,
        ward_b=ward_b,
        officer_a=officer_a,
        head_a=head_a,
        officer_b=officer_b,
        head_b=head_b,
    )


@pytest.fixture
def english(client, settings):
    """The client reads the pages in English (the language switch's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
