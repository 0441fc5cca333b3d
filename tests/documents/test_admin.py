"""Administrators open registers and their numbers, open a new year's register, change none."""

from datetime import date

import pytest
from django.urls import reverse

from documents.models import MSG_UNIT_KEEPS_NO_REGISTER, DocumentRegister, OutgoingDocument
from documents.numbering import take_number
from tests.factories import make_unit
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(client, admin_user):
    client.force_login(admin_user)
    return client


def issue(unit, institution="state", title="Thông báo kết luận buổi đối thoại"):
    return take_number(
        unit=unit,
        institution=institution,
        symbol="TB",
        issued_on=date(2026, 9, 28),
        title=title,
        actor=None,
        reference="session:7",
    )


def test_a_register_opens_with_its_numbers_read_only(staff_admin, ward_a):
    first = issue(ward_a)
    issue(ward_a, title="Thông báo kết luận buổi tiếp dân")
    register = first.register
    response = staff_admin.get(
        reverse("admin:documents_documentregister_change", args=[register.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thông báo kết luận buổi đối thoại" in page
    assert "Thông báo kết luận buổi tiếp dân" in page
    assert 'name="documents-0-number"' not in page  # nothing to type into
    assert 'name="last_number"' not in page
    listing = staff_admin.get(reverse("admin:documents_documentregister_changelist")).content
    assert "……/TB-UBND" in listing.decode()
    assert "Sổ văn bản đi" in listing.decode()  # the portal's language


def test_a_register_for_a_new_year_continues_after_numbers_taken_on_paper(staff_admin, ward_a):
    response = staff_admin.post(
        reverse("admin:documents_documentregister_add"),
        {"unit": ward_a.pk, "institution": "party", "year": 2027, "symbol": "TB", "last_number": 4},
    )
    assert response.status_code == 302
    register = DocumentRegister.objects.get()
    assert (register.year, register.last_number, register.series) == (2027, 4, "……-TB/ĐU")
    document = take_number(
        unit=ward_a,
        institution="party",
        symbol="TB",
        issued_on=date(2027, 2, 1),
        title="Thông báo",
        actor=None,
        reference="",
    )
    assert document.label == "5-TB/ĐU"


def test_a_register_for_an_old_district_or_a_taken_series_is_refused(staff_admin, city, ward_a):
    district = make_unit(name="Quận 1", kind=Unit.Kind.DISTRICT, parent=city)
    url = reverse("admin:documents_documentregister_add")
    fields = {"institution": "state", "year": 2026, "symbol": "TB", "last_number": 0}
    response = staff_admin.post(url, {**fields, "unit": district.pk})
    assert response.status_code == 200
    assert str(MSG_UNIT_KEEPS_NO_REGISTER) in response.content.decode()
    issue(ward_a)
    response = staff_admin.post(url, {**fields, "unit": ward_a.pk})
    assert response.status_code == 200
    assert DocumentRegister.objects.get().last_number == 1


def test_numbers_cannot_be_changed_added_or_deleted_in_the_admin(staff_admin, ward_a):
    document = issue(ward_a)
    register = document.register
    urls = [
        ("post", reverse("admin:documents_documentregister_change", args=[register.pk])),
        ("get", reverse("admin:documents_documentregister_delete", args=[register.pk])),
        ("get", reverse("admin:documents_outgoingdocument_add")),
        ("post", reverse("admin:documents_outgoingdocument_change", args=[document.pk])),
        ("get", reverse("admin:documents_outgoingdocument_delete", args=[document.pk])),
    ]
    for method, url in urls:
        data = {"number": 9, "last_number": 9} if method == "post" else None
        assert getattr(staff_admin, method)(url, data).status_code == 403, url
    page = staff_admin.get(
        reverse("admin:documents_outgoingdocument_change", args=[document.pk])
    ).content.decode()
    assert "1/TB-UBND" in page
    register.refresh_from_db()
    assert register.last_number == 1
    assert OutgoingDocument.objects.get().number == 1
