"""The administrator's pages for extra days off and worked days."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.calendar import make_day_off, make_working_day
from workcalendar.calendar import is_working_day
from workcalendar.models import CalendarDay

CHANGELIST = "admin:workcalendar_calendarday_changelist"
ADD = "admin:workcalendar_calendarday_add"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "expected"),
    [
        ("admin_user", CHANGELIST, 200),
        ("admin_user", ADD, 200),
        ("officer_a", CHANGELIST, 302),
        ("reviewer", ADD, 302),
        (None, CHANGELIST, 302),
        (None, ADD, 302),
    ],
)
def test_who_may_open_the_calendar_admin(persona_client, persona, url, expected):
    response = persona_client(persona).get(reverse(url))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_changelist_lists_entries_with_their_weekday(persona_client):
    make_working_day(date(2026, 3, 7), "Làm bù cho ngày 30/4")
    make_day_off(date(2027, 3, 8), "Nghỉ bù Quốc khánh")
    client = persona_client("admin_user")
    with translation.override("vi"):
        response = client.get(reverse(CHANGELIST))
    content = response.content.decode()
    assert "Làm bù cho ngày 30/4" in content
    assert "Nghỉ bù Quốc khánh" in content
    assert "Thứ Bảy" in content
    assert "07/03/2026" in content


@pytest.mark.django_db
def test_change_form_shows_the_date_day_first_and_accepts_the_pop_up_calendars_iso_date(
    persona_client,
):
    entry = make_day_off(date(2027, 3, 8), "Nghỉ bù")
    client = persona_client("admin_user")
    url = reverse("admin:workcalendar_calendarday_change", args=[entry.pk])
    assert 'value="08/03/2027"' in client.get(url).content.decode()
    response = client.post(url, {"date": "2027-03-09", "kind": "day_off", "name": "Nghỉ bù"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.date == date(2027, 3, 9)
    assert not is_working_day(date(2027, 3, 9))
    assert is_working_day(date(2027, 3, 8))


@pytest.mark.django_db
def test_changelist_filters_by_year_and_kind_and_searches(persona_client):
    make_working_day(date(2026, 3, 7), "Làm bù cho ngày 30/4")
    make_day_off(date(2027, 3, 8), "Nghỉ bù Quốc khánh", legal_basis="Thông báo 99/TB-BNV")
    client = persona_client("admin_user")
    by_year = client.get(reverse(CHANGELIST), {"year": "2027"}).content.decode()
    assert "Nghỉ bù Quốc khánh" in by_year and "Làm bù cho ngày 30/4" not in by_year
    by_kind = client.get(reverse(CHANGELIST), {"kind__exact": "working_day"}).content.decode()
    assert "Làm bù cho ngày 30/4" in by_kind and "Nghỉ bù Quốc khánh" not in by_kind
    found = client.get(reverse(CHANGELIST), {"q": "99/TB-BNV"}).content.decode()
    assert "Nghỉ bù Quốc khánh" in found and "Làm bù cho ngày 30/4" not in found
    assert client.get(reverse(CHANGELIST), {"year": "nonsense"}).status_code == 200


@pytest.mark.django_db
def test_admin_adds_a_worked_saturday_and_the_calendar_counts_it(persona_client):
    client = persona_client("admin_user")
    assert not is_working_day(date(2026, 3, 7))
    response = client.post(
        reverse(ADD),
        {
            "date": "07/03/2026",
            "kind": "working_day",
            "name": "Làm bù cho ngày 30/4",
            "legal_basis": "Thông báo 1/TB-BNV",
        },
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().name == "Làm bù cho ngày 30/4"
    assert is_working_day(date(2026, 3, 7))


@pytest.mark.django_db
def test_admin_is_told_when_an_entry_would_change_nothing(persona_client):
    client = persona_client("admin_user")
    with translation.override("vi"):
        response = client.post(
            reverse(ADD), {"date": "10/03/2026", "kind": "working_day", "name": "Làm bù"}
        )
    assert response.status_code == 200
    assert "10/03/2026 vốn đã là ngày làm việc." in response.content.decode()
    assert not CalendarDay.objects.exists()
