"""The citizen chooses whom the concern is addressed to (the People's Committee or the Party
committee of the ward) and reads, on the status page, which body handles it and in what
capacity the answer was approved; never a staff member's name."""

import pytest
from django.utils.html import escape

from petitions import services
from petitions.models import Concern, ConcernType
from petitions.public_forms import MSG_BODY_INVALID
from tests.factories.concerns import PHONE_LAST4, category, drafted

pytestmark = pytest.mark.django_db

SUBMIT = "/concerns/new/"
LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"


def form_data(unit, **changes):
    data = {
        "ward": str(unit.pk),
        "addressed_to": "party",
        "type": "report",
        "category": str(category().pk),
        "content": "Một đảng viên khu phố 4 lấn chiếm vỉa hè trước nhà để buôn bán.",
        "address": "Khu phố 4",
        "submitter_name": "Đoàn Văn Thắng",
        "submitter_phone": "0903 123 456",
        "submitter_email": "",
        "submitter_address": "",
        "consent": "on",
        "reference_url": "",
    }
    data.update(changes)
    return data


def test_the_form_offers_both_bodies_in_plain_words_and_the_people_s_committee_first(
    client, ward_a
):
    form = client.get(SUBMIT).context["form"]
    assert form["addressed_to"].value() == "state"
    assert list(form.fields["addressed_to"].choices) == [
        ("state", "People's Committee of the ward, commune or special zone"),
        ("party", "Party committee of the ward, commune or special zone"),
    ]
    assert "conduct of Party members and cadres" in str(form.fields["addressed_to"].help_text)


def test_the_bodies_are_named_after_the_ward_once_it_is_known(client, ward_a):
    form = client.get(SUBMIT, {"unit": ward_a.code}).context["form"]
    assert dict(form.fields["addressed_to"].choices) == {
        "state": "People's Committee of phường Bến Thành",
        "party": "Party committee of phường Bến Thành",
    }


def test_the_choice_is_stored_and_named_on_the_confirmation(client, ward_a):
    response = client.post(SUBMIT, form_data(ward_a))
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.addressed_to == "party"
    page = client.get(response["Location"]).content.decode()
    assert "Party committee of phường Bến Thành" in page


@pytest.mark.parametrize("forged", ["council", "both", "STATE", ""])
def test_a_forged_body_is_refused_with_a_message_and_nothing_typed_is_lost(client, ward_a, forged):
    response = client.post(SUBMIT, form_data(ward_a, addressed_to=forged))
    assert response.status_code == 200
    assert not Concern.objects.exists()
    errors = response.context["form"].errors["addressed_to"]
    if forged:
        assert errors == [str(MSG_BODY_INVALID) % {"value": forged}]
    body = response.content.decode()
    assert "Một đảng viên khu phố 4 lấn chiếm vỉa hè" in body
    assert "Đoàn Văn Thắng" in body
    # The form comes back with the ward's two bodies named.
    assert "Party committee of phường Bến Thành" in body


def _looked_up(client, concern):
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    assert response.status_code == 302
    return client.get(STATUS).content.decode()


def test_the_status_page_names_the_body_that_handles_it(client, ward_a, party_officer_a):
    concern = drafted(ward_a, party_officer_a, addressed_to="party")
    body = _looked_up(client, concern)
    assert "Handling body" in body
    assert "Party committee of phường Bến Thành" in body


def test_the_status_page_shows_the_approver_s_position_and_never_a_staff_name(
    client, ward_a, party_officer_a, secretary_a
):
    concern = drafted(ward_a, party_officer_a, type=ConcernType.FEEDBACK, addressed_to="party")
    concern = services.concern_answer_submit(
        actor=party_officer_a, concern=concern, version=concern.version
    )
    services.concern_answer_approve(actor=secretary_a, concern=concern, version=concern.version)
    body = _looked_up(client, concern)
    assert "Approved by: Bí thư Đảng ủy phường Bến Thành" in body
    for name in (secretary_a.person.full_name, party_officer_a.person.full_name):
        assert name not in body
    for username in (secretary_a.username, party_officer_a.username):
        assert username not in body


def test_an_answer_without_approval_names_no_approver(client, ward_a, officer_a):
    concern = drafted(ward_a, officer_a)
    services.concern_answer_submit(actor=officer_a, concern=concern, version=concern.version)
    body = _looked_up(client, concern)
    assert 'data-testid="approved-as"' not in body
    assert escape("People's Committee of phường Bến Thành") in body
