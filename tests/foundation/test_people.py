"""People are named family name first, as Vietnamese do, on every page and in the data."""

import pytest
from django.urls import reverse

from dialogue_portal.lib.people import person_name
from tests.factories import concerns as f
from tests.factories import make_member
from units.models import Role

pytestmark = pytest.mark.django_db


def test_the_name_is_family_name_first_or_the_username(ward_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, first_name="Hải", last_name="Nguyễn Văn")
    assert person_name(officer) == "Nguyễn Văn Hải"
    nameless = make_member(ward_a, Role.WARD_OFFICER, username="canbo.khong.ten")
    assert person_name(nameless) == "canbo.khong.ten"
    assert person_name(None) == ""


def test_staff_pages_name_the_signed_in_officer_and_the_handler_family_name_first(client, ward_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, first_name="Hải", last_name="Nguyễn Văn")
    concern = f.assigned(ward_a, officer)
    client.force_login(officer)
    page = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert "Nguyễn Văn Hải" in page
    assert "Hải Nguyễn Văn" not in page
    queue = client.get(reverse("petitions:queue")).content.decode()
    assert "Nguyễn Văn Hải" in queue and "Hải Nguyễn Văn" not in queue
