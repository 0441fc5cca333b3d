"""Accent-insensitive search: whatever Unicode form was typed, with or without accents."""

import unicodedata

import pytest
from django.urls import reverse

from sessions.models import DialogueSession
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(ward_a):
    return {
        "dialogue": make_session(ward_a, "announced", topic="Hội nghị Đối thoại về chống ngập"),
        "reception": make_session(
            ward_a, "announced", topic="Tiếp dân định kỳ", place="Nhà văn hóa khu phố 3"
        ),
    }


@pytest.mark.parametrize(
    "typed",
    [
        "doi thoai",
        "ĐỐI THOẠI",
        "đối thoại",
        unicodedata.normalize("NFD", "đối thoại"),
        "  doi   THOAI ",
    ],
)
def test_search_finds_the_topic_whatever_was_typed(sessions, typed):
    assert list(DialogueSession.objects.search(typed)) == [sessions["dialogue"]]


def test_search_looks_at_the_place_too(sessions):
    assert list(DialogueSession.objects.search("nha van hoa")) == [sessions["reception"]]


def test_staff_list_search_shows_only_matches(client, officer_a, sessions):
    client.force_login(officer_a)
    response = client.get(
        reverse("sessions:list"), {"q": unicodedata.normalize("NFD", "Đối thoại")}
    )
    assert "Hội nghị Đối thoại về chống ngập" in response.content.decode()
    assert "Tiếp dân định kỳ" not in response.content.decode()


def test_staff_list_filters_by_kind_state_and_period(client, officer_a, ward_a):
    from tests.factories.sessions import days

    make_session(ward_a, "draft", topic="Bản nháp", kind="thematic", planned_start=days(10))
    make_session(
        ward_a, "announced", topic="Đã thông báo", kind="conference", planned_start=days(40)
    )
    client.force_login(officer_a)
    page = client.get(reverse("sessions:list"), {"kind": "thematic"}).content.decode()
    assert "Bản nháp" in page and "Đã thông báo" not in page
    page = client.get(reverse("sessions:list"), {"state": "announced"}).content.decode()
    assert "Bản nháp" not in page and "Đã thông báo" in page
    date_to = days(20).date().isoformat()
    page = client.get(reverse("sessions:list"), {"date_to": date_to}).content.decode()
    assert "Bản nháp" in page and "Đã thông báo" not in page


def test_staff_list_never_shows_another_wards_sessions(client, officer_b, sessions):
    client.force_login(officer_b)
    response = client.get(reverse("sessions:list"))
    assert "Đối thoại" not in response.content.decode()


def test_public_ward_picker_filters_units_without_javascript(client, ward_a, ward_b):
    response = client.get(reverse("public_sessions:upcoming"), {"unit_q": "ben thanh"})
    options = response.context["form"].fields["unit"].choices
    assert [name for code, name in options if code] == ["Phường Bến Thành"]
    response = client.get(
        reverse("public_sessions:upcoming"), {"unit_q": unicodedata.normalize("NFD", "Cần Giờ")}
    )
    assert [name for code, name in response.context["form"].fields["unit"].choices if code] == [
        "Xã Cần Giờ"
    ]


def test_public_ward_picker_keeps_the_chosen_ward_and_filters_sessions(client, ward_a, ward_b):
    make_session(ward_a, "announced", topic="Ở Bến Thành")
    make_session(ward_b, "announced", topic="Ở Cần Giờ")
    response = client.get(
        reverse("public_sessions:upcoming"), {"unit": ward_b.code, "unit_q": "ben"}
    )
    page = response.content.decode()
    assert "Ở Cần Giờ" in page and "Ở Bến Thành" not in page
    assert "webcal://" in page and f"/sessions/unit/{ward_b.code}/calendar.ics" in page
