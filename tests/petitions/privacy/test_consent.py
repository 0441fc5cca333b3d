"""The forms that ask for consent state the retention period the command applies."""

import pytest
from django.urls import reverse

from petitions import public_forms, selectors

pytestmark = pytest.mark.django_db


def test_the_staff_intake_form_states_the_retention_setting(client, officer_a, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    client.force_login(officer_a)
    body = client.get(reverse("petitions:intake")).content.decode()
    assert "kept for 3 years after the concern ends" in body


def test_the_retention_period_defaults_to_5_years(monkeypatch):
    """The default lives in settings.py alone: with no variable set, 5 years."""
    monkeypatch.delenv("PERSONAL_DATA_RETENTION_YEARS", raising=False)
    assert selectors.retention_years() == 5


def test_the_public_form_and_the_command_agree_by_default():
    assert public_forms.retention_years() == selectors.retention_years() == 5


def test_the_public_form_states_the_period_the_command_applies(settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    assert public_forms.retention_years() == selectors.retention_years() == 3
