"""Fixtures of the compliance tests: the index span, and the hand-built dataset."""

import pytest

from tests.factories.compliance import build_may_2026

# The day the May 2026 figures are computed on (a Monday).
TODAY = (2026, 6, 15)


@pytest.fixture(autouse=True)
def _index_from_2025(settings):
    """The working-day index starts in 2025 here (every date of the tests is later), so each
    test builds four years of it rather than the production span."""
    settings.COMPLIANCE_INDEX_FIRST_YEAR = 2025


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
