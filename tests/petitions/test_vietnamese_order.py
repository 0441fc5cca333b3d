"""Ward and category pickers, and the personal-data export, in Vietnamese alphabetical order
(Đ after D and before E…H, tones after the letters)."""

import json

import pytest
from django.urls import reverse

from petitions.models import Category
from tests.factories import concerns as f
from tests.factories import make_unit
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db

# Byte order puts "Xã Đất Đỏ" after "Xã Hồ Tràm"; accent-free order puts it before "Xã Dầu Tiếng".
IN_ORDER = ["Phường Bến Thành", "Xã Cần Giờ", "Xã Dầu Tiếng", "Xã Đất Đỏ", "Xã Hồ Tràm"]
CITY = "Thành phố Hồ Chí Minh"


@pytest.fixture
def communes(city, ward_a, ward_b):
    return [
        make_unit(name=name, kind="commune", parent=city)
        for name in ("Xã Hồ Tràm", "Xã Đất Đỏ", "Xã Dầu Tiếng")
    ]


def _labels(form, name: str) -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value]


@pytest.fixture
def new_categories(db):
    # An administrator adds three categories without choosing their place in the list.
    for name in ("Giao thông công cộng", "Đô thị mới", "Dịch vụ công trực tuyến"):
        Category.objects.create(name=name, ordering=0)
    return ["Dịch vụ công trực tuyến", "Đô thị mới", "Giao thông công cộng"]


def test_the_public_form_offers_wards_in_vietnamese_order(client, communes):
    response = client.get(reverse("public_petitions:submit"))
    assert _labels(response.context["form"], "ward") == IN_ORDER


def test_categories_of_the_same_position_are_in_vietnamese_order(client, new_categories):
    response = client.get(reverse("public_petitions:submit"))
    offered = _labels(response.context["form"], "category")
    assert offered[:3] == new_categories
    assert offered[3] == "Đất đai"  # then the seeded list, in the administrators' order


def test_the_feedback_form_offers_categories_in_vietnamese_order(client, mttq_a, new_categories):
    client.force_login(mttq_a)
    response = client.get(reverse("petitions:feedback_create"))
    assert _labels(response.context["form"], "category")[:3] == new_categories


def test_opinion_rows_offer_categories_in_vietnamese_order(client, officer_a, new_categories):
    session = make_session(officer_a.memberships.get().unit, state="held")
    client.force_login(officer_a)
    response = client.get(reverse("petitions:session_opinions", args=[session.pk]))
    row = response.context["formset"].forms[0]
    assert _labels(row, "category")[:3] == new_categories


def test_the_queue_filter_lists_units_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    response = client.get(reverse("petitions:queue"))
    with_the_city = [*IN_ORDER[:1], CITY, *IN_ORDER[1:]]
    assert _labels(response.context["form"], "unit") == with_the_city


def test_the_intake_form_lists_units_in_vietnamese_order(client, admin_user, communes):
    client.force_login(admin_user)
    response = client.get(reverse("petitions:intake"))
    offered = _labels(response.context["form"], "unit")
    assert [name for name in offered if name != CITY] == IN_ORDER


def test_the_personal_data_export_names_units_in_vietnamese_order(client, admin_user, communes):
    for unit in communes:
        f.submit(unit, submitter_phone="0912 345 678")
    client.force_login(admin_user)
    response = client.post(reverse("petitions:personal_data_export"), {"contact": "0912345678"})
    assert json.loads(response.content)["units"] == ["Xã Dầu Tiếng", "Xã Đất Đỏ", "Xã Hồ Tràm"]
