"""The personal-data pages: heads only (``Capability.SIGN_OFF``).

Their URL × persona × method statuses are rows of the portal-wide matrix
(tests/security/test_url_matrix.py); these are the behaviours beside it.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_search_page_lives_under_the_staff_concerns_path():
    assert reverse("petitions:personal_data") == "/staff/concerns/personal-data/"


@pytest.mark.parametrize("persona", ["officer_a", "reviewer"])
def test_a_filled_in_export_or_erasure_is_refused_to_anyone_but_a_head(persona_client, persona):
    client = persona_client(persona)
    for name in ("personal_data_export", "personal_data_erase"):
        response = client.post(reverse(f"petitions:{name}"), {"contact": "0903123456"})
        assert response.status_code == 403
