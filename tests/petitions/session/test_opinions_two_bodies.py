"""Opinions raised at a session are addressed to the body whose session it was (who
chaired): the Bí thư's reception to the Party committee, a conference to the UBND. That
body's office records them; the other body's people read them."""

import pytest
from django.urls import reverse

from petitions.models import AddressedTo, Concern, ConcernState
from sessions.models import ChairRole, SessionHosts, SessionKind
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def party_session(ward_a):
    """The Bí thư's reception, held and chaired by the Bí thư."""
    return make_session(
        ward_a,
        "held",
        kind=SessionKind.RECEPTION,
        hosts=SessionHosts.PARTY_SECRETARY,
        chaired_by_role=ChairRole.PARTY_SECRETARY,
        chaired_by_name="Nguyễn Văn Hải",
        chaired_by_position="Bí thư Đảng ủy phường Bến Thành",
    )


def url(session) -> str:
    return reverse("petitions:session_opinions", kwargs={"session_pk": session.pk})


def rows(*items) -> dict:
    data = {
        "form-TOTAL_FORMS": "5",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "100",
    }
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"form-{index}-{key}"] = value
    return data


def test_the_party_office_records_the_bi_thu_s_opinions_for_the_party_committee(
    client, ward_a, party_officer_a, secretary_a, officer_a, party_session
):
    client.force_login(party_officer_a)
    page = client.get(url(party_session))
    offered = set(page.context["formset"].forms[0].fields["assignee"].queryset)
    assert offered == {party_officer_a, secretary_a}
    response = client.post(
        url(party_session),
        rows(
            {
                "content": "Đề nghị công khai lịch tiếp dân của Bí thư.",
                "outcome": "assigned",
                "assignee_unit": str(ward_a.pk),
                "assignee": str(party_officer_a.pk),
            },
            {
                "content": "Xin giải thích quy trình kết nạp đảng viên.",
                "outcome": "answered",
                "answer": "Văn phòng Đảng ủy sẽ hướng dẫn tại buổi sinh hoạt chi bộ.",
            },
        ),
    )
    assert response.status_code == 302
    opinions = Concern.objects.filter(session=party_session)
    assert {c.addressed_to for c in opinions} == {AddressedTo.PARTY}
    assert {c.state for c in opinions} == {ConcernState.ASSIGNED, ConcernState.CLOSED}


def test_an_officer_of_the_ubnd_reads_the_party_session_s_opinions_but_records_none(
    client, officer_a, party_session, english
):
    client.force_login(officer_a)
    page = client.get(url(party_session))
    assert page.status_code == 200
    assert page.context["formset"] is None
    assert "Party committee of phường Bến Thành" in page.content.decode()
    response = client.post(
        url(party_session), rows({"content": "Ý kiến", "outcome": "referred", "referred_to": "X"})
    )
    assert response.status_code == 403
    assert not Concern.objects.exists()


def test_a_conference_s_opinions_go_to_the_ubnd(client, ward_a, officer_a):
    conference = make_session(ward_a, "held")
    client.force_login(officer_a)
    client.post(
        url(conference),
        rows({"content": "Đề nghị nạo vét cống.", "outcome": "referred", "referred_to": "Sở"}),
    )
    assert Concern.objects.get().addressed_to == AddressedTo.STATE
