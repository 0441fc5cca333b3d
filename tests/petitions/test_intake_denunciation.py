"""An officer records a denunciation brought in person (issue #13): whom it is about decides
who resolves it. One about the ward's own Chủ tịch goes to the city at once; the officer gets
a receipt for the citizen and can no longer open the case."""

from html import escape

import pytest
from django.urls import reverse

from petitions.models import AccusedRole, AddressedTo, Concern, ConcernState, ConcernType
from petitions.selectors import concern_privacy
from tests.conftest import persona

pytestmark = pytest.mark.django_db

NAME = "Bà Đoàn Thị Kín"
CONTENT = "Tố cáo Chủ tịch UBND phường nhận tiền để cấp phép xây dựng sai quy định."


def post(client, ward, **extra):
    data = {
        "unit": ward.pk,
        "addressed_to": "state",
        "channel": "walk_in",
        "type": ConcernType.DENUNCIATION,
        "accused_role": AccusedRole.STATE_HEAD,
        "accused_name": "Chủ tịch UBND phường",
        "content": CONTENT,
        "submitter_name": NAME,
        "submitter_phone": "0901 234 567",
        "submitter_address": "3 Lê Lợi",
        "consent": "on",
    }
    data.update(extra)
    return client.post(reverse("petitions:intake"), data)


def test_the_form_asks_whom_a_denunciation_is_about(client, officer_a, english):
    client.force_login(officer_a)
    page = client.get(reverse("petitions:intake")).content.decode()
    assert 'name="accused_role"' in page and 'name="accused_name"' in page


def test_a_denunciation_of_the_wards_chair_goes_to_the_city_with_a_receipt_and_no_link(
    client, city, ward_a, officer_a, head_a, english
):
    client.force_login(officer_a)
    response = post(client, ward_a)
    concern = Concern.objects.get()
    assert concern.unit == city and concern.origin_unit == ward_a
    assert concern.addressed_to == AddressedTo.STATE
    assert concern.accused_role == AccusedRole.STATE_HEAD
    assert concern.state == ConcernState.RECEIVED
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("petitions:intake") + f"?forwarded={concern.tracking_code}"
    )
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    page = receipt.content.decode()
    assert concern.tracking_code in page
    assert "Thành phố Hồ Chí Minh" in page  # sent to the city's People's Committee
    assert escape("you can no longer open it") in page
    assert reverse("petitions:detail", args=[concern.pk]) not in page
    assert reverse("petitions:receipt", args=[concern.pk]) not in page
    assert NAME not in page
    # The officer who took it in, and the Chủ tịch denounced, cannot open it.
    for user in (officer_a, head_a):
        client.force_login(user)
        assert client.get(reverse("petitions:detail", args=[concern.pk])).status_code == 404
        assert client.get(reverse("petitions:receipt", args=[concern.pk])).status_code == 404
    # The city's Chủ tịch resolves it and sees who denounced.
    assert concern_privacy(persona("city_chair"), concern).identity


def test_the_receipt_stays_with_the_officer_who_recorded_it(client, ward_a, officer_a, english):
    client.force_login(officer_a)
    location = post(client, ward_a)["Location"]
    code = Concern.objects.get().tracking_code
    other = persona("party_officer_a")
    client.force_login(other)
    page = client.get(location).content.decode()
    # Another officer's session has no such receipt: the empty form.
    assert f">{code}<" not in page and 'data-testid="forwarded-code"' not in page
    assert 'name="content"' in page


def test_a_denunciation_without_whom_it_is_about_is_refused_and_nothing_is_lost(
    client, ward_a, officer_a, english
):
    client.force_login(officer_a)
    response = post(client, ward_a, accused_role="")
    assert response.status_code == 200
    assert not Concern.objects.exists()
    assert "accused_role" in response.context["form"].errors
    page = response.content.decode()
    assert CONTENT in page and NAME in page


def test_a_denunciation_of_an_official_stays_in_the_ward_with_the_usual_receipt(
    client, ward_a, officer_a
):
    client.force_login(officer_a)
    response = post(
        client, ward_a, accused_role=AccusedRole.OFFICIAL, accused_name="Cán bộ địa chính"
    )
    concern = Concern.objects.get()
    assert concern.unit == ward_a and concern.origin_unit is None
    assert response["Location"] == reverse("petitions:receipt", args=[concern.pk])


def test_whom_it_is_about_is_dropped_for_other_types(client, ward_a, officer_a):
    client.force_login(officer_a)
    post(client, ward_a, type=ConcernType.COMPLAINT, content="Khiếu nại quyết định xử phạt.")
    concern = Concern.objects.get()
    assert concern.unit == ward_a
    assert (concern.accused_role, concern.accused_name) == ("", "")


# --- Classified as a denunciation at acceptance ---------------------------------------------


def test_accepting_a_report_as_a_denunciation_of_the_chair_reclassifies_and_routes_it(
    client, city, ward_a, officer_a
):
    from petitions import services
    from petitions.services.identity import reclassification_reports
    from tests.factories import concerns as f

    concern = f.submit(
        ward_a,
        type=ConcernType.REPORT,
        submitter_name=NAME,
        submitter_phone="0901 234 567",
        submitter_address="3 Lê Lợi",
    )
    client.force_login(officer_a)
    assert client.get(reverse("petitions:detail", args=[concern.pk])).status_code == 200
    concern = services.concern_accept(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        type=ConcernType.DENUNCIATION,
        category=None,
        accused_role=AccusedRole.STATE_HEAD,
    )
    concern.refresh_from_db()
    assert concern.type == ConcernType.DENUNCIATION
    assert concern.unit == city and concern.origin_unit == ward_a
    # A denunciation is accepted by a decision under its own procedure: it stays received.
    assert concern.state == ConcernState.RECEIVED and concern.accepted_at is None
    reports = reclassification_reports(concern)
    assert len(reports) == 1
    assert [v["username"] for v in reports[0]["viewers"]] == [officer_a.username]
    assert client.get(reverse("petitions:detail", args=[concern.pk])).status_code == 404


def test_accepting_as_a_denunciation_from_the_page_protects_it_at_once(
    client, ward_a, officer_a, head_a
):
    from tests.factories import concerns as f

    concern = f.submit(
        ward_a, type=ConcernType.REPORT, submitter_name=NAME, submitter_phone="0901 234 567"
    )
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:accept", args=[concern.pk]),
        {"version": concern.version, "type": ConcernType.DENUNCIATION},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.type == ConcernType.DENUNCIATION and concern.state == ConcernState.RECEIVED
    # Not assigned yet: the Chủ tịch (head of the body) sees the denunciator, the officer no more.
    assert concern_privacy(head_a, concern).identity
    assert not concern_privacy(officer_a, concern).identity
    assert NAME not in client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
