"""The public concern form: what a citizen sees, what is stored, what is refused."""

import pytest
from django.core import mail
from django.urls import reverse

from petitions.models import Concern, ConcernAttachment
from petitions.public_forms import MSG_CONTACT_NEEDED, MSG_HONEYPOT, MSG_IDENTITY_NEEDED
from tests.factories import make_unit
from tests.factories.concerns import category
from tests.factories.files import PDF_BYTES, jpeg_bytes, png_bytes, upload
from units.models import Unit

pytestmark = pytest.mark.django_db

URL = "/concerns/new/"


def valid_data(unit, **changes):
    data = {
        "ward": str(unit.pk),
        "addressed_to": "state",
        "type": "report",
        "category": str(category().pk),
        "content": "Đèn đường hẻm 12 không sáng đã hai tuần, rất nguy hiểm ban đêm.",
        "address": "Hẻm 12 Lê Lợi",
        "submitter_name": "",
        "submitter_phone": "0903 123 456",
        "submitter_email": "",
        "submitter_address": "",
        "consent": "on",
        "reference_url": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_url_name_is_public_petitions_submit():
    assert reverse("public_petitions:submit") == URL


def test_the_form_offers_active_commune_level_units_only(client, ward_a, ward_b, city):
    make_unit(name="Quận Một Cũ", kind=Unit.Kind.DISTRICT, parent=city)
    old = make_unit(name="Phường Đã Nhập", parent=city)
    Unit.objects.filter(pk=old.pk).update(is_active=False)
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phường Bến Thành" in body and "Xã Cần Giờ" in body
    assert "Quận Một Cũ" not in body and "Phường Đã Nhập" not in body
    offered = set(response.context["form"].fields["ward"].queryset)
    assert offered == {ward_a, ward_b}


def test_the_consent_box_is_unticked_and_states_purpose_and_retention(client, ward_a):
    body = client.get(URL).content.decode()
    assert 'name="consent"' in body
    assert "checked" not in body.split('name="consent"')[1].split(">")[0]
    assert "5" in body.split('id="consent-purpose"')[1].split("</p>")[0]


def test_the_consent_text_states_the_retention_period_the_deletion_applies(
    client, ward_a, settings
):
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    purpose = client.get(URL).content.decode().split('id="consent-purpose"')[1].split("</p>")[0]
    assert "kept for 3 years after the concern is closed" in " ".join(purpose.split())


def test_ward_search_without_javascript_is_accent_insensitive(client, ward_a, ward_b):
    response = client.get(URL, {"q": "ben thanh"})
    body = response.content.decode()
    assert "Phường Bến Thành" in body
    assert "Xã Cần Giờ" not in body
    # A single match is chosen already.
    assert (
        f'<option value="{ward_a.pk}" selected data-search="phuong ben thanh" '
        'data-place="phường Bến Thành">' in body
    )


def test_a_search_that_matches_nothing_lists_every_unit(client, ward_a, ward_b):
    body = client.get(URL, {"q": "zzz"}).content.decode()
    assert "Phường Bến Thành" in body and "Xã Cần Giờ" in body


def test_a_link_from_a_session_page_can_preselect_the_ward(client, ward_a, ward_b):
    body = client.get(URL, {"unit": ward_b.code}).content.decode()
    assert (
        f'<option value="{ward_b.pk}" selected data-search="xa can gio" data-place="xã Cần Giờ">'
        in body
    )


def test_a_valid_concern_is_stored_and_the_code_stays_out_of_the_url(client, ward_a):
    response = client.post(URL, valid_data(ward_a))
    assert response.status_code == 302
    assert response["Location"] == reverse("public_petitions:submitted")
    concern = Concern.objects.get()
    assert concern.unit == ward_a
    assert concern.channel == "web"
    assert concern.submitter_phone == "0903123456"
    assert concern.consent_given_at is not None
    assert concern.tracking_code not in response["Location"]
    page = client.get(response["Location"])
    assert concern.tracking_code in page.content.decode()
    # Personal data: never kept by the browser or a proxy (Django's never_cache).
    assert page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_confirmation_shows_the_deadline_and_how_it_was_counted(client, ward_a):
    client.post(URL, valid_data(ward_a))
    concern = Concern.objects.get()
    body = client.get(reverse("public_petitions:submitted")).content.decode()
    assert concern.ack_due_at.strftime("%d/%m/%Y") in body
    assert "data-print" in body  # the print button (static JS, no inline handler)
    assert "onclick" not in body


def test_the_confirmation_is_not_shown_to_another_browser(client, ward_a, django_user_model):
    from django.test import Client

    client.post(URL, valid_data(ward_a))
    other = Client()
    response = other.get(reverse("public_petitions:submitted"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public_petitions:lookup")


def test_a_photo_and_a_pdf_are_stored_with_random_names(client, ward_a):
    data = valid_data(ward_a)
    data["attachments"] = [
        upload("Ảnh đèn hỏng.png", png_bytes(), "image/png"),
        upload("scan.pdf", PDF_BYTES, "application/pdf"),
    ]
    response = client.post(URL, data)
    assert response.status_code == 302
    files = list(ConcernAttachment.objects.order_by("kind"))
    assert [f.kind for f in files] == ["pdf", "png"]
    assert all("Ảnh" not in f.file.name and "scan" not in f.file.name for f in files)


def test_a_confirmation_email_goes_out_after_commit(
    client, ward_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid_data(ward_a, submitter_email="dan@example.test"))
    concern = Concern.objects.get()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dan@example.test"]
    assert concern.tracking_code in mail.outbox[0].body


def test_script_tags_are_stored_as_text_and_shown_escaped(client, ward_a):
    content = "<script>alert('x')</script> đèn hỏng ở hẻm 12"
    client.post(URL, valid_data(ward_a, submitter_email="a@example.test", content=content))
    concern = Concern.objects.get()
    assert concern.content == content
    client.post(
        reverse("public_petitions:lookup"),
        {"code": concern.tracking_code, "factor": "a@example.test"},
    )
    body = client.get(reverse("public_petitions:status")).content.decode()
    assert "<script>alert" not in body


def _big_png():
    return png_bytes((400, 400))


BAD_INPUT = {
    "missing consent": ({"consent": None}, "consent"),
    "empty content": ({"content": "   "}, "content"),
    "too short content": ({"content": "đèn"}, "content"),
    "huge content": ({"content": "x" * 10_001}, "content"),
    "NUL byte in content": ({"content": "Đèn hỏng\x00 ở hẻm 12 Lê Lợi"}, "content"),
    "NUL byte in name": ({"submitter_name": "An\x00"}, "submitter_name"),
    "unknown ward": ({"ward": "999999"}, "ward"),
    "ward that is not a number": ({"ward": "abc"}, "ward"),
    "no ward": ({"ward": ""}, "ward"),
    "unknown type": ({"type": "petition"}, "type"),
    "unknown category": ({"category": "999999"}, "category"),
    "no phone and no e-mail": ({"submitter_phone": "", "submitter_email": ""}, "submitter_phone"),
    "phone with letters": ({"submitter_phone": "call me"}, "submitter_phone"),
    "phone too short": ({"submitter_phone": "12345"}, "submitter_phone"),
    "bad e-mail": ({"submitter_email": "not-an-email"}, "submitter_email"),
    "anonymous complaint": ({"type": "complaint"}, "submitter_name"),
    "denunciation without address": (
        {"type": "denunciation", "submitter_name": "Trần Thị B"},
        "submitter_address",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT), ids=list(BAD_INPUT))
def test_bad_input_is_refused_and_everything_typed_is_kept(client, ward_a, case):
    changes, field = BAD_INPUT[case]
    data = valid_data(ward_a, **changes)
    data["address"] = "Hẻm 12 Lê Lợi, khu phố 3"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    form = response.context["form"]
    assert field in form.errors
    body = response.content.decode()
    assert "Hẻm 12 Lê Lợi, khu phố 3" in body  # what was typed is still there
    assert 'role="alert"' in body


def test_the_messages_say_why_contact_and_identity_are_needed(client, ward_a):
    response = client.post(URL, valid_data(ward_a, submitter_phone=""))
    assert "second key" in str(MSG_CONTACT_NEEDED)
    assert str(MSG_CONTACT_NEEDED) in response.content.decode()
    response = client.post(URL, valid_data(ward_a, type="complaint"))
    assert "the law does not allow" in str(MSG_IDENTITY_NEEDED)
    assert str(MSG_IDENTITY_NEEDED) in response.content.decode()


def test_a_complaint_with_identity_is_accepted(client, ward_a):
    data = valid_data(
        ward_a, type="complaint", submitter_name="Trần Thị B", submitter_address="12 Lê Lợi"
    )
    assert client.post(URL, data).status_code == 302
    assert Concern.objects.get().type == "complaint"


def test_an_inactive_ward_is_refused(client, ward_a):
    Unit.objects.filter(pk=ward_a.pk).update(is_active=False)
    response = client.post(URL, valid_data(ward_a))
    assert "ward" in response.context["form"].errors
    assert Concern.objects.count() == 0


FILE_CASES = {
    "text file named .jpg": (
        ("photo.jpg", b"just some text, not an image", "image/jpeg"),
        "wrong_type",
    ),
    "program disguised as PDF": (
        ("letter.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf"),
        "wrong_type",
    ),
    "HTML disguised as PNG": (
        ("x.png", b"<html><script>alert(1)</script></html>", "image/png"),
        "wrong_type",
    ),
    "GIF is not allowed": (
        ("x.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
        "wrong_type",
    ),
    "truncated JPEG": (("x.jpg", jpeg_bytes()[:40], "image/jpeg"), "broken"),
    "PDF without its end": (
        ("x.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "application/pdf"),
        "broken",
    ),
    "empty file": (("x.pdf", b"", "application/pdf"), "empty"),
}


def attachment_error_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data()["attachments"]]


@pytest.mark.parametrize("case", list(FILE_CASES), ids=list(FILE_CASES))
def test_wrong_or_disguised_files_are_refused(client, ward_a, case):
    (name, content, content_type), code = FILE_CASES[case]
    data = valid_data(ward_a)
    data["attachments"] = [upload(name, content, content_type)]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    assert attachment_error_codes(response) == [code]
    # The citizen is told to choose the files again.
    assert "choose your photos or documents again" in response.content.decode()


def test_an_oversize_file_is_refused(client, ward_a, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    data = valid_data(ward_a)
    data["attachments"] = [upload("big.png", _big_png(), "image/png")]
    response = client.post(URL, data)
    assert Concern.objects.count() == 0
    assert attachment_error_codes(response) == ["too_large"]


def test_more_than_three_files_are_refused(client, ward_a):
    data = valid_data(ward_a)
    data["attachments"] = [upload(f"p{n}.png", png_bytes(), "image/png") for n in range(4)]
    response = client.post(URL, data)
    assert Concern.objects.count() == 0
    assert attachment_error_codes(response) == ["too_many"]


def test_a_bot_filling_the_honeypot_is_refused_and_nothing_is_stored(client, ward_a):
    response = client.post(URL, valid_data(ward_a, reference_url="http://spam.example"))
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    body = response.content.decode()
    assert str(MSG_HONEYPOT) in body
    assert "http://spam.example" not in body  # the hidden field comes back empty
    # A person whose browser filled it by mistake sends the form again and it works.
    assert client.post(URL, valid_data(ward_a)).status_code == 302


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, ward_a):
    body = client.get(URL).content.decode()
    hidden = body.split('class="visually-hidden" aria-hidden="true"')[1].split("</div>")[0]
    assert 'name="reference_url"' in hidden
    assert 'tabindex="-1"' in hidden


def test_the_sixth_submission_in_ten_minutes_gets_the_429_page(client, ward_a):
    for _ in range(5):
        assert client.post(URL, valid_data(ward_a)).status_code == 302
    response = client.post(URL, valid_data(ward_a, submitter_name="Lê Văn Riêng Tư"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Lê Văn Riêng Tư" not in response.content.decode()
    assert Concern.objects.count() == 5
    # Reading the form is never blocked.
    assert client.get(URL).status_code == 200


def test_the_submission_limit_comes_from_settings(client, ward_a, settings):
    settings.RATELIMIT_SUBMIT = "1/10m"
    assert client.post(URL, valid_data(ward_a)).status_code == 302
    assert client.post(URL, valid_data(ward_a)).status_code == 429


def test_the_form_has_no_inline_script(client, ward_a):
    body = client.get(URL).content.decode()
    assert "<script>" not in body
    assert "js/petitions/ward-picker.js" in body


def _queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_form_runs_a_fixed_number_of_queries_however_many_wards(
    client, ward_a, city, django_capture_on_commit_callbacks
):
    few = _queries(client, URL)
    searched = _queries(client, URL, q="ben")
    with django_capture_on_commit_callbacks(execute=True):  # the cached form is dropped
        for n in range(50):
            make_unit(name=f"Phường Mới {n}", parent=city)
    assert _queries(client, URL) == few
    assert _queries(client, URL, q="ben") == searched
    assert few <= 6


def test_the_lookup_form_runs_no_query(client):
    assert _queries(client, reverse("public_petitions:lookup")) <= 1


def test_files_sent_with_an_anonymous_letter_are_refused_not_dropped(client, ward_a):
    from petitions.models import AnonymousInformation

    data = valid_data(
        ward_a,
        type="denunciation",
        accused_role="official",
        anonymous="on",
        content="Cán bộ địa chính nhận tiền để hợp thức hóa nhà xây trái phép.",
    )
    data["attachments"] = [upload("bang-chung.pdf", PDF_BYTES, "application/pdf")]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert attachment_error_codes(response) == ["anonymous_files"]
    assert not AnonymousInformation.objects.exists() and not Concern.objects.exists()
    # What was typed is still there.
    assert "hợp thức hóa nhà xây trái phép" in response.content.decode()
