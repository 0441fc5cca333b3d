"""The personal-data pages × persona × method → the status a user gets.

Heads only (``Capability.SIGN_OFF``): officers, reviewers and liaisons get 403 (the page
is not an object of another unit, so not 404); anonymous users go to the login page; GET
on an action is 405; a head's empty POST re-renders the form (200 for the search page,
400 for the actions).
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "officer_a", "officer_b", "head_a", "reviewer", "mttq_a", "admin_user"]

#      name, method, expected per persona in PERSONAS order
TABLE = [
    ("personal_data", "get", [302, 403, 403, 200, 403, 403, 200]),
    ("personal_data", "post", [302, 403, 403, 200, 403, 403, 200]),
    ("personal_data_export", "post", [302, 403, 403, 400, 403, 403, 400]),
    ("personal_data_export", "get", [302, 405, 405, 405, 405, 405, 405]),
    ("personal_data_erase", "post", [302, 403, 403, 400, 403, 403, 400]),
    ("personal_data_erase", "get", [302, 405, 405, 405, 405, 405, 405]),
]

CASES = [
    pytest.param(name, method, persona, expected[i], id=f"{method}-{name}-{persona}")
    for name, method, expected in TABLE
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("name", "method", "persona", "expected"), CASES)
def test_permission_table(persona_client, name, method, persona, expected):
    client = persona_client(None if persona == "anonymous" else persona)
    response = getattr(client, method)(reverse(f"petitions:{name}"))
    assert response.status_code == expected
    if expected == 302:
        assert "/staff/login/" in response["Location"]


def test_the_search_page_lives_under_the_staff_concerns_path():
    assert reverse("petitions:personal_data") == "/staff/concerns/personal-data/"


@pytest.mark.parametrize("persona", ["officer_a", "reviewer"])
def test_a_filled_in_export_or_erasure_is_refused_to_anyone_but_a_head(persona_client, persona):
    client = persona_client(persona)
    for name in ("personal_data_export", "personal_data_erase"):
        response = client.post(reverse(f"petitions:{name}"), {"contact": "0903123456"})
        assert response.status_code == 403
