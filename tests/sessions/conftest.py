import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_pages(english):
    """Pages and messages in English, the source language, so tests read the constants they import.

    Tests about the Vietnamese pages set the language cookie back to "vi".
    """
    with translation.override("en"):
        yield


@pytest.fixture
def seeded_rules(db):
    """The rules the data migration seeds (the seeding is idempotent)."""
    from tests.conftest import seed_reference_data

    seed_reference_data()
