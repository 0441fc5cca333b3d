"""Who may open which compliance page: reviewers their subtree, ward staff their unit, others 404."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_unit
from units.models import Role, Unit

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "compliance:city",
    "compliance:my_unit",
    "compliance:trends",
    "compliance:report",
    "compliance:report_docx",
    "compliance:report_xlsx",
    "compliance:report_csv",
]


def _unit_url(unit):
    return reverse("compliance:unit", args=[unit.pk])


def _items_url(unit, figure="received"):
    return f"{reverse('compliance:items')}?figure={figure}&unit={unit.pk}"


# (persona, which unit, expected) for the unit dashboard and the item lists.
UNIT_TABLE = [
    (None, "ward_a", 302),
    ("officer_a", "ward_a", 200),
    ("officer_a", "ward_b", 404),
    ("officer_a", "city", 404),
    ("head_a", "ward_a", 200),
    ("head_a", "ward_b", 404),
    ("officer_b", "ward_a", 404),
    ("reviewer", "ward_a", 200),
    ("reviewer", "ward_b", 200),
    ("reviewer", "city", 200),
    ("mttq_a", "ward_a", 404),
    ("admin_user", "ward_b", 200),
]


@pytest.mark.parametrize(("persona", "unit_name", "expected"), UNIT_TABLE)
@pytest.mark.parametrize("view", ["unit", "items"])
def test_unit_pages_by_persona_and_unit(
    persona_client, request, ward_a, ward_b, city, persona, unit_name, expected, view
):
    # (Not named "page": that is pytest-playwright's fixture, and a test asking for it is
    # grouped with the browser tests, which flush the database.)
    unit = request.getfixturevalue(unit_name)
    client = persona_client(persona)
    url = _unit_url(unit) if view == "unit" else _items_url(unit)
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("name", [*STAFF_PAGES, "compliance:items"])
def test_changes_by_post_are_refused(persona_client, ward_a, name):
    client = persona_client("reviewer")
    assert client.post(reverse(name)).status_code == 405


def test_reviewer_of_a_district_sees_its_subtree_only(client, city, ward_a, ward_b):
    district = make_unit(name="Quận Một (cũ)", kind=Unit.Kind.DISTRICT, parent=city, code="760")
    inside = make_unit(name="Phường Tân Định (cũ)", parent=district, code="26734")
    district_reviewer = make_member(district, Role.REVIEWER, username="reviewer_d1")
    client.force_login(district_reviewer)
    page = client.get(reverse("compliance:city")).content.decode()
    assert 'data-unit-code="26734"' in page
    assert 'data-unit-code="26743"' not in page  # ward A lies outside the district
    assert client.get(_unit_url(inside)).status_code == 200
    assert client.get(_unit_url(ward_a)).status_code == 404
    assert client.get(f"{reverse('compliance:city')}?unit={city.pk}").status_code == 404
    assert client.get(f"{reverse('compliance:report_csv')}?unit={ward_b.pk}").status_code == 404


def test_ward_officer_sees_only_their_unit_on_the_city_dashboard(client, officer_a, ward_a, ward_b):
    client.force_login(officer_a)
    page = client.get(reverse("compliance:city")).content.decode()
    assert 'data-unit-code="26743"' in page
    assert 'data-unit-code="27673"' not in page
    assert client.get(f"{reverse('compliance:city')}?unit={ward_b.pk}").status_code == 404


def test_ward_officer_lands_on_their_unit_dashboard(client, officer_a, ward_a):
    client.force_login(officer_a)
    response = client.get(reverse("compliance:my_unit"))
    assert response["Location"] == _unit_url(ward_a)


def test_a_malformed_unit_is_a_404_not_an_error(client, reviewer, ward_a):
    client.force_login(reviewer)
    assert client.get(f"{reverse('compliance:city')}?unit=abc").status_code == 404
    assert client.get(f"{reverse('compliance:items')}?figure=nope").status_code == 404


def test_public_statistics_need_no_login(client, ward_a):
    response = client.get(reverse("public_compliance:index"))
    assert response.status_code == 200
    assert client.post(reverse("public_compliance:index")).status_code == 405
