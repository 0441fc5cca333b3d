"""Looking a concern up: code + second factor, same answer for every miss, no code in URLs."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions import public_views
from petitions.models import Concern, ConcernNote
from petitions.public_forms import MSG_CODE_LOOKS_WRONG, MSG_NOT_FOUND
from petitions.tracking import generate_code
from tests.factories.concerns import PHONE_LAST4, submit

pytestmark = pytest.mark.django_db

LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"


def _without_csrf(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def test_the_url_names_are_public():
    assert reverse("public_petitions:lookup") == LOOKUP
    assert reverse("public_petitions:status") == STATUS


def test_the_code_and_the_last_four_phone_digits_open_the_status_page(client, ward_a):
    concern = submit(ward_a)
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    assert response.status_code == 302
    assert response["Location"] == STATUS
    assert concern.tracking_code not in response["Location"]
    page = client.get(STATUS)
    body = page.content.decode()
    assert page.status_code == 200
    assert concern.tracking_code in body
    # The body that handles it, named after the ward.
    assert "phường Bến Thành" in body
    # Personal data: never kept by the browser or a proxy (Django's never_cache).
    assert page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_email_works_as_second_factor_in_any_case(client, ward_a):
    concern = submit(ward_a, submitter_email="Dan.Cu@Example.test")
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": "dan.cu@example.TEST"})
    assert response["Location"] == STATUS


def test_the_code_may_be_typed_in_lower_case_with_spaces_and_the_whole_phone(client, ward_a):
    concern = submit(ward_a)
    typed = concern.tracking_code.replace("-", " ").lower()
    response = client.post(LOOKUP, {"code": typed, "factor": "0903 123 456"})
    assert response["Location"] == STATUS


def test_wrong_code_and_wrong_factor_get_the_same_answer(client, ward_a):
    concern = submit(ward_a)
    other_code = generate_code()
    wrong_code = client.post(LOOKUP, {"code": other_code, "factor": PHONE_LAST4})
    wrong_factor = client.post(LOOKUP, {"code": concern.tracking_code, "factor": "9999"})
    wrong_email = client.post(LOOKUP, {"code": concern.tracking_code, "factor": "x@example.test"})
    assert wrong_code.status_code == wrong_factor.status_code == wrong_email.status_code == 200
    codes = {
        r.context["form"].non_field_errors().as_data()[0].code
        for r in (wrong_code, wrong_factor, wrong_email)
    }
    assert codes == {"not_found"}
    # Same page apart from the code the visitor typed (echoed back in the input).
    first = _without_csrf(wrong_code.content.decode()).replace(other_code, "CODE")
    second = _without_csrf(wrong_factor.content.decode()).replace(concern.tracking_code, "CODE")
    assert first == second
    assert str(MSG_NOT_FOUND) in first


def test_wrong_code_and_wrong_factor_run_the_same_queries(client, ward_a):
    concern = submit(ward_a)
    with CaptureQueriesContext(connection) as wrong_code:
        client.post(LOOKUP, {"code": generate_code(), "factor": PHONE_LAST4})
    with CaptureQueriesContext(connection) as wrong_factor:
        client.post(LOOKUP, {"code": concern.tracking_code, "factor": "9999"})
    assert len(wrong_code) == len(wrong_factor)


def test_a_mistyped_code_is_caught_before_any_lookup(client, ward_a):
    concern = submit(ward_a)
    code = concern.tracking_code
    typo = ("A" if code[0] != "A" else "B") + code[1:]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOOKUP, {"code": typo, "factor": PHONE_LAST4})
    assert response.status_code == 200
    assert not any("petitions_concern" in q["sql"] for q in queries)
    assert response.context["form"].errors.as_data()["code"][0].code == "bad_code"
    assert str(MSG_CODE_LOOKS_WRONG) in response.content.decode()


@pytest.mark.parametrize("factor", ["", "12", "abcd", "12-ab"])
def test_a_factor_that_cannot_match_anything_is_explained(client, ward_a, factor):
    concern = submit(ward_a)
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": factor})
    assert response.status_code == 200
    assert "factor" in response.context["form"].errors


def test_the_lookup_is_rate_limited(client, ward_a):
    for _ in range(20):
        client.post(LOOKUP, {"code": generate_code(), "factor": "1234"})
    response = client.post(LOOKUP, {"code": generate_code(), "factor": "1234"})
    assert response.status_code == 429
    assert "Retry-After" in response


def test_the_status_page_without_a_lookup_sends_to_the_lookup_form(client):
    response = client.get(STATUS)
    assert response.status_code == 302
    assert response["Location"] == LOOKUP


def test_the_status_expires_after_a_while(client, ward_a, monkeypatch):
    concern = submit(ward_a)
    client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    later = time.time() + public_views.LOOKUP_SECONDS + 1
    monkeypatch.setattr(public_views.time, "time", lambda: later)
    assert client.get(STATUS)["Location"] == LOOKUP


def test_done_hides_the_status_on_this_device(client, ward_a):
    concern = submit(ward_a)
    client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    client.post(reverse("public_petitions:forget"))
    assert client.get(STATUS)["Location"] == LOOKUP


def test_the_status_page_shows_the_deadline_and_how_it_was_counted(client, ward_a):
    concern = submit(ward_a)
    client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    body = client.get(STATUS).content.decode()
    assert concern.ack_due_at.strftime("%d/%m/%Y") in body
    assert "working days from" in body


def test_the_status_page_never_shows_contact_details_or_staff_notes(client, ward_a, officer_a):
    concern = submit(
        ward_a,
        submitter_name="Phạm Thị Riêng",
        submitter_email="rieng@example.test",
        submitter_address="99 Đường Bí Mật",
    )
    ConcernNote.objects.create(
        concern=concern, author=officer_a, text="Ghi chú nội bộ: gọi lại sau"
    )
    client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    body = client.get(STATUS).content.decode()
    for secret in (
        "Phạm Thị Riêng",
        "rieng@example.test",
        "99 Đường Bí Mật",
        "0903",
        "Ghi chú nội bộ",
    ):
        assert secret not in body
    assert "r•••@e•••" in body  # a masked hint only


def test_another_concern_is_never_shown(client, ward_a):
    mine = submit(ward_a, content="Nội dung của tôi về đèn đường")
    submit(ward_a, content="Nội dung của người khác về rác thải")
    client.post(LOOKUP, {"code": mine.tracking_code, "factor": PHONE_LAST4})
    body = client.get(STATUS).content.decode()
    assert "người khác" not in body
    assert Concern.objects.count() == 2
