"""Fixtures of the personal-data tests: English pages."""

import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Pages in English, so tests can read the source strings."""
