"""Staff pages and personal-data downloads are never stored; public pages may be."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sessions import services as session_services
from sessions.demo import small_png
from tests.factories import concerns
from tests.factories.files import pdf_upload
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_staff_page_is_never_stored(officer_a):
    response = _signed_in(officer_a).get(reverse("petitions:queue"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_the_staff_export_is_never_stored(ward_a, officer_a):
    concerns.submit(ward_a, submitter_name="Trần Thị Bích")
    response = _signed_in(officer_a).get(reverse("petitions:export_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == NO_STORE


def test_the_compliance_report_export_is_never_stored(reviewer):
    response = _signed_in(reviewer).get(reverse("compliance:report_csv"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_concern_attachment_download_is_never_stored(ward_a, officer_a):
    concern = concerns.submit(
        ward_a, attachments=[SimpleUploadedFile("anh.png", small_png(), "image/png")]
    )
    url = reverse("petitions:attachment", args=[concern.pk, concern.attachments.get().pk])
    response = _signed_in(officer_a).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_session_attachment_download_is_never_stored(ward_a, officer_a):
    held = make_session(ward_a, "held", planned_start=days(-5))
    session_services.session_add_attachments(
        actor=officer_a,
        session_id=held.pk,
        uploads=[session_services.Upload("minutes", pdf_upload())],
    )
    url = reverse("sessions:attachment", args=[held.pk, held.attachments.get().pk])
    response = _signed_in(officer_a).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_the_receipt_and_the_personal_data_export_are_never_stored(ward_a, officer_a, head_a):
    concern = concerns.submit(ward_a, submitter_phone="0903 555 111")
    receipt = _signed_in(officer_a).get(reverse("petitions:receipt", args=[concern.pk]))
    assert receipt.status_code == 200
    assert receipt["Cache-Control"] == NO_STORE
    export = _signed_in(head_a).post(
        reverse("petitions:personal_data_export"), {"contact": "0903 555 111"}
    )
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith("attachment")
    assert export["Cache-Control"] == NO_STORE


def test_staff_error_pages_and_redirects_are_never_stored(ward_a, officer_b):
    concern = concerns.submit(ward_a)
    other_ward = _signed_in(officer_b).get(reverse("petitions:detail", args=[concern.pk]))
    assert other_ward.status_code == 404
    assert other_ward["Cache-Control"] == NO_STORE
    anonymous = Client().get(reverse("petitions:queue"))
    assert anonymous.status_code == 302
    assert anonymous["Cache-Control"] == NO_STORE


def test_the_admin_is_never_stored(admin_user):
    response = _signed_in(admin_user).get(reverse("admin:index"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    assert Client().get(reverse("admin:index"))["Cache-Control"] == NO_STORE


def test_a_public_page_is_not_marked_no_store(ward_a):
    make_session(ward_a, "announced", planned_start=days(5))
    url = reverse("public_sessions:upcoming")
    for _visit in ("rendered", "from the page cache"):
        response = Client().get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")
