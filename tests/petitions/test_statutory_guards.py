"""The guards that keep a denunciator from the person denounced, and a statutory decision
from being reopened on request (review of issue #13)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from petitions import services
from petitions.models import AccusedRole, Concern, ConcernState, ConcernType
from tests.conftest import persona
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"


def denunciation(ward, **extra) -> Concern:
    return f.submit(
        ward,
        type=ConcernType.DENUNCIATION,
        content="Tố cáo cán bộ địa chính nhận tiền.",
        submitter_address="12 Lê Lợi",
        submitter_phone=PHONE,
        accused_role=AccusedRole.OFFICIAL,
        **extra,
    )


def test_an_officer_cannot_put_anyone_in_charge_of_a_denunciation(ward_a, officer_a, head_a):
    concern = f.accept(denunciation(ward_a), head_a)
    with pytest.raises(ValidationError):
        services.concern_assign(
            actor=officer_a, concern=concern, version=concern.version, assignee=officer_a
        )
    assert f.fresh(concern).assignee is None
    # The head, who resolves it, may.
    services.concern_assign(
        actor=head_a, concern=concern, version=concern.version, assignee=officer_a
    )
    assert f.fresh(concern).assignee == officer_a


def test_a_denunciation_of_a_wards_chair_is_never_transferred_to_that_ward(city, ward_a):
    concern = f.submit(
        ward_a,
        type=ConcernType.DENUNCIATION,
        content="Tố cáo Chủ tịch UBND phường.",
        submitter_address="12 Lê Lợi",
        accused_role=AccusedRole.STATE_HEAD,
    )
    assert (concern.unit, concern.origin_unit) == (city, ward_a)
    city_chair = persona("city_chair")
    with pytest.raises(ValidationError) as refused:
        services.denunciation_transfer(
            actor=city_chair, concern=concern, version=concern.version, to_unit=ward_a
        )
    assert refused.value.code == "transfer_to_accused"
    assert f.fresh(concern).state == ConcernState.RECEIVED


def test_a_complaint_decision_is_not_reopened_by_a_reviewer(ward_a, head_a, reviewer):
    from petitions.transitions import TRANSITIONS

    concern = f.accept(f.submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="1"), head_a)
    concern.state = ConcernState.CLOSED  # as the decision leaves it
    refusal = TRANSITIONS.refusal(concern, "reconsider_request", reviewer)
    assert refusal is not None and "Luật Khiếu nại năm 2011" in refusal.messages[0]


def test_the_personal_data_page_does_not_list_a_denunciation_to_those_not_resolving_it(
    client, ward_a, officer_a, head_a, vice_chair_a
):
    secret = denunciation(ward_a)
    report = f.submit(ward_a, submitter_phone=PHONE)
    url = reverse("petitions:personal_data")
    client.force_login(vice_chair_a)  # signs off, but does not resolve the denunciation
    page = client.post(url, {"contact": PHONE}).content.decode()
    assert report.tracking_code in page and secret.tracking_code not in page
    client.force_login(head_a)  # the head of the body it is addressed to resolves it
    page = client.post(url, {"contact": PHONE}).content.decode()
    assert report.tracking_code in page and secret.tracking_code in page


def test_a_case_reclassified_as_a_complaint_goes_back_to_its_acceptance(ward_a, officer_a):
    concern = f.assigned(ward_a, officer_a, submitter_address="12 Lê Lợi")
    concern = services.concern_reclassify(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        type=ConcernType.COMPLAINT,
        reason="Đơn khiếu nại quyết định hành chính.",
    )
    concern = f.fresh(concern)
    assert concern.state == ConcernState.RECEIVED
    assert (concern.accepted_at, concern.due_at, concern.assignee) == (None, None, None)


def test_a_case_no_longer_a_denunciation_stays_where_it_was_resolved(city, ward_a):
    concern = f.submit(
        ward_a,
        type=ConcernType.DENUNCIATION,
        content="Tố cáo Chủ tịch UBND phường.",
        submitter_address="12 Lê Lợi",
        accused_role=AccusedRole.STATE_HEAD,
    )
    concern = services.concern_reclassify(
        actor=persona("city_chair"),
        concern=concern,
        version=concern.version,
        type=ConcernType.RECOMMENDATION,
        reason="Nội dung là kiến nghị.",
    )
    assert f.fresh(concern).unit == city


def test_an_anonymous_letter_about_a_wards_chair_is_kept_by_the_city(city, ward_a):
    from petitions.services.intake import submit_public_form

    info = submit_public_form(
        {
            "anonymous": True,
            "type": ConcernType.DENUNCIATION,
            "ward": ward_a,
            "addressed_to": "state",
            "accused_role": AccusedRole.STATE_HEAD,
            "accused_name": "Chủ tịch UBND phường",
            "content": "Chủ tịch UBND phường nhận tiền của chủ công trình số 40.",
            "address": "",
        }
    )
    assert info.unit == city
