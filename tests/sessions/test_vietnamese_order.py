"""Ward pickers list units in Vietnamese alphabetical order (Đ after D, before E…H)."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_unit
from tests.factories.sessions import make_session
from units.models import Role

pytestmark = pytest.mark.django_db

# Byte order puts "Xã Đất Đỏ" after "Xã Hồ Tràm"; accent-free order puts it before "Xã Dầu Tiếng".
IN_ORDER = ["Phường Bến Thành", "Xã Cần Giờ", "Xã Dầu Tiếng", "Xã Đất Đỏ", "Xã Hồ Tràm"]


@pytest.fixture
def communes(city, ward_a, ward_b):
    for name in ("Xã Hồ Tràm", "Xã Đất Đỏ", "Xã Dầu Tiếng"):
        make_unit(name=name, kind="commune", parent=city)


def _labels(form, name: str = "unit") -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value]


def test_the_public_ward_picker_is_in_vietnamese_order(client, communes):
    response = client.get(reverse("public_sessions:upcoming"))
    assert _labels(response.context["form"]) == IN_ORDER


def test_the_staff_session_filter_lists_units_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    response = client.get(reverse("sessions:list"))
    with_the_city = ["Phường Bến Thành", "Thành phố Hồ Chí Minh", *IN_ORDER[1:]]
    assert _labels(response.context["form"]) == with_the_city


def test_the_plan_form_offers_units_in_vietnamese_order(client, admin_user, communes):
    client.force_login(admin_user)
    response = client.get(reverse("sessions:create"))
    offered = [unit.name for unit in response.context["form"].fields["unit"].queryset]
    assert [name for name in offered if name != "Thành phố Hồ Chí Minh"] == IN_ORDER


def test_the_conclusions_signers_of_one_rank_are_in_vietnamese_order(client, officer_a, ward_a):
    # By given name, then family name: Dung, Dũng, Đức (byte order of the full name
    # would give Lê, Nguyễn, Trần).
    for full_name in ("Nguyễn Văn Đức", "Lê Văn Dũng", "Trần Thị Dung"):
        make_member(ward_a, Role.VICE_CHAIR, full_name=full_name)
    session = make_session(ward_a, "held")  # chaired by the Chủ tịch: the UBND signs
    client.force_login(officer_a)
    form = client.get(reverse("sessions:conclusions", args=[session.pk])).context["form"]
    deputies = [
        name
        for value, label in form.fields["conclusions_signer"].choices
        for name in ("Trần Thị Dung", "Lê Văn Dũng", "Nguyễn Văn Đức")
        if str(label).startswith(name)
    ]
    assert deputies == ["Trần Thị Dung", "Lê Văn Dũng", "Nguyễn Văn Đức"]
