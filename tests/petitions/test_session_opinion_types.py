"""Opinions raised at a session get a type (issue #13): phản ánh, kiến nghị (the default),
khiếu nại, tố cáo. A tố cáo is routed and protected like any denunciation; khiếu nại and tố
cáo need the speaker's name and a contact; a denunciator's name never shows in the session's
lists."""

from html import escape

import pytest
from django.urls import reverse

from petitions import services
from petitions.models import AccusedRole, AddressedTo, Concern, ConcernState, ConcernType
from petitions.selectors import concern_privacy
from petitions.session_forms import (
    MSG_ROW_ACCUSED_ROLE,
    MSG_ROW_STATUTORY_CONTACT,
    MSG_ROW_STATUTORY_NAME,
    MSG_ROW_STATUTORY_ON_THE_SPOT,
)
from tests.conftest import persona
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db

SPEAKER = "Ông Lương Văn Kín"
PHONE = "0912 345 678"


@pytest.fixture
def held_session(ward_a):
    return make_session(ward_a, state="held")


def url(session) -> str:
    return reverse("petitions:session_opinions", kwargs={"session_pk": session.pk})


def rows(*items, total: int = 5) -> dict:
    data = {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "100",
    }
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"form-{index}-{key}"] = value
    return data


def denunciation_row(**extra):
    return {
        "raised_by": SPEAKER,
        "raised_by_phone": PHONE,
        "type": ConcernType.DENUNCIATION,
        "accused_role": AccusedRole.STATE_HEAD,
        "accused_name": "Chủ tịch UBND phường",
        "content": "Tố cáo Chủ tịch UBND phường nhận tiền để bỏ qua vi phạm xây dựng.",
        "outcome": "assigned",
        **extra,
    }


def test_an_opinion_without_a_type_is_a_recommendation(client, officer_a, ward_a, held_session):
    client.force_login(officer_a)
    data = rows(
        {
            "content": "Đề nghị lắp đèn hẻm 7.",
            "outcome": "assigned",
            "assignee_unit": str(ward_a.pk),
            "assignee": str(officer_a.pk),
        }
    )
    assert client.post(url(held_session), data).status_code == 302
    concern = Concern.objects.get(session=held_session)
    assert concern.type == ConcernType.RECOMMENDATION
    assert concern.state == ConcernState.ASSIGNED


def test_a_report_keeps_its_type(client, officer_a, ward_a, held_session):
    client.force_login(officer_a)
    data = rows(
        {
            "content": "Rác tồn đọng ở chợ.",
            "type": ConcernType.REPORT,
            "outcome": "assigned",
            "assignee_unit": str(ward_a.pk),
            "assignee": str(officer_a.pk),
        }
    )
    assert client.post(url(held_session), data).status_code == 302
    assert Concern.objects.get(session=held_session).type == ConcernType.REPORT


def test_a_denunciation_of_the_wards_chair_goes_to_the_city_and_its_speaker_is_hidden(
    client, city, ward_a, officer_a, head_a, held_session, english
):
    client.force_login(officer_a)
    response = client.post(url(held_session), rows(denunciation_row()))
    assert response.status_code == 302
    concern = Concern.objects.get(session=held_session)
    assert concern.type == ConcernType.DENUNCIATION
    assert concern.unit == city and concern.origin_unit == ward_a
    assert concern.addressed_to == AddressedTo.STATE
    assert concern.state == ConcernState.RECEIVED  # the city's head accepts it by decision
    assert (concern.submitter_name, concern.submitter_phone) == (SPEAKER, PHONE)
    # Neither the officer who recorded it nor the Chủ tịch denounced reads the speaker's name
    # in the session's list, nor can they open the case.
    for user in (officer_a, head_a):
        client.force_login(user)
        page = client.get(url(held_session)).content.decode()
        assert SPEAKER not in page
        assert "The denunciator is kept confidential" in page
        assert concern.tracking_code in page
        assert reverse("petitions:detail", args=[concern.pk]) not in page
        assert client.get(reverse("petitions:detail", args=[concern.pk])).status_code == 404
    # The Chủ tịch UBND Thành phố resolves it: sees the speaker (before it is assigned).
    assert concern_privacy(persona("city_chair"), concern).identity
    assert not concern_privacy(head_a, concern).identity


def test_the_session_page_and_its_notice_never_print_the_denunciator(
    client, officer_a, head_a, held_session
):
    client.force_login(officer_a)
    client.post(url(held_session), rows(denunciation_row()))
    held_session.conclusions_text = "Giao UBND phường rà soát các kiến nghị."
    held_session.save(update_fields=["conclusions_text"])
    client.force_login(head_a)
    for name in ("sessions:detail", "sessions:conclusions_print"):
        response = client.get(reverse(name, args=[held_session.pk]))
        assert response.status_code == 200
        assert SPEAKER not in response.content.decode()


def test_a_complaint_without_name_or_contact_is_refused_and_nothing_typed_is_lost(
    client, officer_a, held_session, english
):
    client.force_login(officer_a)
    content = "Khiếu nại quyết định xử phạt hành chính số 12/QĐ-XPHC."
    data = rows(
        {"type": ConcernType.COMPLAINT, "content": content, "outcome": "assigned"},
    )
    response = client.post(url(held_session), data)
    assert response.status_code == 200
    assert not Concern.objects.filter(session=held_session).exists()
    form = response.context["formset"].forms[0]
    assert str(MSG_ROW_STATUTORY_NAME) in form.errors["raised_by"]
    assert str(MSG_ROW_STATUTORY_CONTACT) in form.errors["raised_by_phone"]
    page = response.content.decode()
    assert content in page
    assert escape(str(MSG_ROW_STATUTORY_NAME)) in page


def test_a_complaint_with_name_and_address_is_taken_in_for_its_head(
    client, ward_a, officer_a, held_session
):
    client.force_login(officer_a)
    data = rows(
        {
            "type": ConcernType.COMPLAINT,
            "raised_by": "Bà Trần Thị Khiếu",
            "raised_by_address": "5 Lê Lợi, phường Bến Thành",
            "content": "Khiếu nại quyết định xử phạt hành chính.",
            "outcome": "assigned",
        }
    )
    assert client.post(url(held_session), data).status_code == 302
    concern = Concern.objects.get(session=held_session)
    assert concern.type == ConcernType.COMPLAINT
    assert concern.unit == ward_a and concern.state == ConcernState.RECEIVED
    assert concern.submitter_address == "5 Lê Lợi, phường Bến Thành"
    # In the list, a complainant is named (only a denunciator is kept confidential).
    assert "Bà Trần Thị Khiếu" in client.get(url(held_session)).content.decode()


def test_a_complaint_is_not_answered_on_the_spot(client, officer_a, held_session, english):
    client.force_login(officer_a)
    data = rows(
        {
            "type": ConcernType.COMPLAINT,
            "raised_by": SPEAKER,
            "raised_by_phone": PHONE,
            "content": "Khiếu nại việc thu hồi đất.",
            "outcome": "answered",
            "answer": "Sẽ xem xét.",
        }
    )
    response = client.post(url(held_session), data)
    assert response.status_code == 200
    assert (
        str(MSG_ROW_STATUTORY_ON_THE_SPOT) in response.context["formset"].forms[0].errors["outcome"]
    )
    assert not Concern.objects.exists()


def test_a_denunciation_says_whom_it_is_about(client, officer_a, held_session, english):
    client.force_login(officer_a)
    response = client.post(url(held_session), rows(denunciation_row(accused_role="")))
    assert response.status_code == 200
    assert str(MSG_ROW_ACCUSED_ROLE) in response.context["formset"].forms[0].errors["accused_role"]
    assert not Concern.objects.exists()


def test_the_service_refuses_a_denunciation_without_a_contact(officer_a, held_session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.concern_record_opinion(
            session=held_session,
            actor=officer_a,
            raised_by=SPEAKER,
            content="Tố cáo cán bộ địa chính.",
            category=None,
            outcome="assigned",
            type=ConcernType.DENUNCIATION,
            accused_role=AccusedRole.OFFICIAL,
        )
    assert not Concern.objects.exists()


def test_a_party_members_conduct_goes_to_the_inspection_committee(officer_a, held_session):
    concern = services.concern_record_opinion(
        session=held_session,
        actor=officer_a,
        raised_by=SPEAKER,
        raised_by_phone=PHONE,
        content="Tố cáo đảng viên khu phố 2 vi phạm quy định đảng viên không được làm.",
        category=None,
        outcome="assigned",
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.PARTY_MEMBER,
    )
    assert concern.addressed_to == AddressedTo.INSPECTION
    assert not concern_privacy(officer_a, concern).identity


def _lamp(ward, officer) -> dict:
    return {
        "raised_by": "Bà Tư",
        "content": "Đề nghị lắp đèn hẻm 12.",
        "outcome": "assigned",
        "assignee_unit": str(ward.pk),
        "assignee": str(officer.pk),
    }


def test_a_denunciation_resolved_at_the_city_does_not_hold_up_the_wards_session(
    client, ward_a, officer_a, held_session
):
    """The ward cannot act on a denunciation of its own Chủ tịch (the city resolves it), so
    it does not keep the ward's session open; the ward's own open cases do."""
    from sessions.hooks import close_blockers

    client.force_login(officer_a)
    client.post(url(held_session), rows(denunciation_row()))
    assert Concern.objects.get(session=held_session).state == ConcernState.RECEIVED
    assert close_blockers(held_session) == []
    assert client.post(url(held_session), rows(_lamp(ward_a, officer_a))).status_code == 302
    assert len(close_blockers(held_session)) == 1


def test_the_public_commitments_never_list_a_denunciation(client, ward_a, officer_a, held_session):
    """What the conclusions notice and the public session page list as commitments: the
    ward's own cases, with a link; never what a denunciation says."""
    from sessions.hooks import commitments_for

    client.force_login(officer_a)
    response = client.post(
        url(held_session),
        rows(
            denunciation_row(accused_role=AccusedRole.OFFICIAL, accused_name="Cán bộ địa chính"),
            _lamp(ward_a, officer_a),
        ),
    )
    assert response.status_code == 302
    assert Concern.objects.filter(session=held_session).count() == 2
    listed = commitments_for(held_session)
    assert [c.what for c in listed] == ["Đề nghị lắp đèn hẻm 12."]
    assert listed[0].url is not None
