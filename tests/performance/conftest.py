"""Fixtures of the query-count tests: uploads go to a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Attachment rows made by the scenes never write into the project's media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
