"""Fixtures of the compliance tests: the index span, and the hand-built dataset."""

import pytest
from django.test.utils import override_settings

from tests.compliance.clock import Clock
from tests.conftest import persona
from tests.factories.compliance import build_may_2026
from tests.shared_rows import rows_kept_for_the_scope

# The day the May 2026 figures are computed on (a Monday).
TODAY = (2026, 6, 15)
PEOPLE = ("ward_a", "ward_b", "officer_a", "head_a", "officer_b", "head_b")
# The working-day index starts in 2025 here (every date of the tests is later), so the
# tests build four years of it rather than the production span.
INDEX_FIRST_YEAR = 2025


@pytest.fixture(autouse=True)
def _index_from_2025(settings):
    settings.COMPLIANCE_INDEX_FIRST_YEAR = INDEX_FIRST_YEAR


@pytest.fixture(scope="module")
def may_2026_for_the_module(django_db_setup, django_db_blocker):
    """The dataset built once for a module that opts in with
    ``pytestmark = pytest.mark.usefixtures("may_2026_for_the_module")``: every test of that
    module runs on it, and the persona fixtures return its units and people."""
    with (
        override_settings(COMPLIANCE_INDEX_FIRST_YEAR=INDEX_FIRST_YEAR),
        rows_kept_for_the_scope(django_db_blocker),
    ):
        clock = Clock()
        try:
            dataset = build_may_2026(clock, **{name: persona(name) for name in PEOPLE})
        finally:
            clock.stop()
        yield dataset


@pytest.fixture
def may_2026(request, clock, city):
    """The hand-built dataset; the clock is left at 15/06/2026 09:00."""
    if "may_2026_for_the_module" in request.fixturenames:
        shared = request.getfixturevalue("may_2026_for_the_module")
        clock.to(*TODAY, 9)
        return shared.fresh()
    people = {name: request.getfixturevalue(name) for name in PEOPLE}
    return build_may_2026(clock, **people)
