"""936 feedback: the Fatherland Front liaison sends it for an organisation and follows its handling."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions import services
from petitions.models import Concern, ConcernAttachment, ConcernState
from tests.factories import make_member, make_unit
from units.models import Role

pytestmark = pytest.mark.django_db

LIST = "/staff/concerns/feedback/"
CREATE = "/staff/concerns/feedback/new/"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english(english):
    """Pages in English, so tests can read the source strings."""


def feedback_data(unit, **changes):
    data = {
        "unit": str(unit.pk),
        "addressed_to": "state",
        "organisation": "hoi_phu_nu",
        "type": "feedback",
        "category": "",
        "content": "Hội Phụ nữ phường góp ý: thủ tục cấp giấy phép còn rườm rà, đề nghị rút gọn.",
    }
    data.update(changes)
    return data


def send(
    unit, actor, *, organisation="mttq", content="Góp ý của Mặt trận về giờ tiếp dân."
) -> Concern:
    return services.concern_submit(
        unit=unit,
        channel="organisation",
        type="feedback",
        category=None,
        content=content,
        submitter_name=actor.get_full_name(),
        submitter_email=actor.email,
        consent=False,
        actor=actor,
        organisation=organisation,
    )


def answer(
    concern,
    officer,
    head,
    *,
    verdict="partly",
    explanation="Chưa thể mở thêm giờ tiếp dân buổi tối.",
):
    concern = services.concern_accept(
        actor=officer, concern=concern, version=concern.version, type=concern.type, category=None
    )
    concern = services.concern_assign(
        actor=officer, concern=concern, version=concern.version, assignee=officer
    )
    concern = services.concern_answer_save(
        actor=officer,
        concern=concern,
        version=concern.version,
        answer_text="UBND phường tiếp thu một phần góp ý.",
        answer_public_text="UBND phường tiếp thu một phần góp ý.",
        verdict=verdict,
        verdict_explanation=explanation,
    )
    concern = services.concern_answer_submit(
        actor=officer, concern=concern, version=concern.version
    )
    return services.concern_answer_approve(actor=head, concern=concern, version=concern.version)


def test_the_url_names(db):
    assert reverse("petitions:feedback_list") == LIST
    assert reverse("petitions:feedback_create") == CREATE


def test_the_liaison_sends_feedback_for_an_organisation(client, mttq_a, ward_a):
    client.force_login(mttq_a)
    data = feedback_data(ward_a)
    data["attachments"] = [SimpleUploadedFile("cong-van.pdf", PDF, "application/pdf")]
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == LIST
    concern = Concern.objects.get()
    assert concern.channel == "organisation"
    assert concern.organisation == "hoi_phu_nu"
    assert concern.unit == ward_a
    assert concern.submitted_by == mttq_a
    assert concern.submitter_email == mttq_a.email
    assert ConcernAttachment.objects.get().kind == "pdf"
    body = client.get(LIST).content.decode()
    assert concern.tracking_code in body
    assert "Women&#x27;s Union" in body  # the organisation's name, escaped as HTML


def test_every_organisation_can_be_named(client, mttq_a, ward_a):
    client.force_login(mttq_a)
    for organisation in (
        "mttq",
        "cong_doan",
        "doan_thanh_nien",
        "hoi_phu_nu",
        "hoi_nong_dan",
        "hoi_cuu_chien_binh",
    ):
        assert (
            client.post(CREATE, feedback_data(ward_a, organisation=organisation)).status_code == 302
        )
    assert Concern.objects.count() == 6


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation": ""}, "organisation"),
        ({"organisation": "cong_an"}, "organisation"),
        ({"content": ""}, "content"),
        ({"content": "x" * 10_001}, "content"),
        ({"content": "Góp ý\x00"}, "content"),
        ({"type": "denunciation"}, "type"),
    ],
)
def test_bad_feedback_is_refused_and_kept(client, mttq_a, ward_a, changes, field):
    client.force_login(mttq_a)
    response = client.post(CREATE, feedback_data(ward_a, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Concern.objects.count() == 0


def test_feedback_cannot_be_sent_to_another_unit(client, mttq_a, ward_b):
    client.force_login(mttq_a)
    response = client.post(CREATE, feedback_data(ward_b))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert Concern.objects.count() == 0


def test_a_disguised_file_is_refused(client, mttq_a, ward_a):
    client.force_login(mttq_a)
    data = feedback_data(ward_a)
    data["attachments"] = [
        SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00not a pdf", "application/pdf")
    ]
    response = client.post(CREATE, data)
    assert "attachments" in response.context["form"].errors
    assert Concern.objects.count() == 0


def test_the_liaison_sees_the_handling_with_the_verdict_and_explanation(
    client, mttq_a, officer_a, head_a, ward_a
):
    concern = answer(send(ward_a, mttq_a), officer_a, head_a)
    assert concern.state == ConcernState.ANSWERED
    client.force_login(mttq_a)
    body = client.get(LIST).content.decode()
    assert "Partly accepted" in body
    assert "Chưa thể mở thêm giờ tiếp dân buổi tối." in body
    assert "UBND phường tiếp thu một phần góp ý." in body


def test_an_answer_waiting_for_approval_is_not_shown_yet(client, mttq_a, officer_a, ward_a):
    concern = send(ward_a, mttq_a)
    concern = services.concern_accept(
        actor=officer_a, concern=concern, version=concern.version, type=concern.type, category=None
    )
    concern = services.concern_assign(
        actor=officer_a, concern=concern, version=concern.version, assignee=officer_a
    )
    services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        answer_text="Bản nháp chưa duyệt",
        answer_public_text="Bản nháp chưa duyệt",
        verdict="accepted",
    )
    client.force_login(mttq_a)
    body = client.get(LIST).content.decode()
    assert "Bản nháp chưa duyệt" not in body
    assert "Not answered yet" in body


def test_the_liaison_sees_nothing_but_the_feedback_of_their_unit(client, mttq_a, ward_a, ward_b):
    from tests.factories.concerns import submit

    send(ward_a, mttq_a, content="Góp ý của phường A")
    other_liaison = make_member(ward_b, Role.MTTQ_LIAISON, username="mttq_b")
    send(ward_b, other_liaison, content="Góp ý của xã B")
    submit(ward_a, content="Phản ánh của một người dân phường A")
    client.force_login(mttq_a)
    body = client.get(LIST).content.decode()
    assert "Góp ý của phường A" in body
    assert "Góp ý của xã B" not in body
    assert "Phản ánh của một người dân" not in body


def test_the_list_filters_by_organisation(client, mttq_a, ward_a):
    send(ward_a, mttq_a, organisation="mttq", content="Góp ý của Mặt trận")
    send(ward_a, mttq_a, organisation="hoi_nong_dan", content="Góp ý của Hội Nông dân")
    client.force_login(mttq_a)
    body = client.get(LIST, {"organisation": "hoi_nong_dan"}).content.decode()
    assert "Góp ý của Hội Nông dân" in body and "Góp ý của Mặt trận" not in body


@pytest.mark.parametrize(
    ("persona", "url", "method", "expected"),
    [
        (None, LIST, "get", 302),
        (None, CREATE, "get", 302),
        (None, CREATE, "post", 302),
        ("mttq_a", LIST, "get", 200),
        ("mttq_a", CREATE, "get", 200),
        ("mttq_a", CREATE, "post", 302),
        ("officer_a", LIST, "get", 403),
        ("officer_a", CREATE, "get", 403),
        ("officer_a", CREATE, "post", 403),
        ("head_a", LIST, "get", 403),
        ("head_a", CREATE, "post", 403),
        ("officer_b", LIST, "get", 403),
        ("officer_b", CREATE, "post", 403),
        ("reviewer", LIST, "get", 403),
        ("reviewer", CREATE, "post", 403),
        ("admin_user", LIST, "get", 200),
        ("admin_user", CREATE, "post", 302),
    ],
)
def test_permissions(persona_client, ward_a, persona, url, method, expected):
    client = persona_client(persona)
    response = client.get(url) if method == "get" else client.post(url, feedback_data(ward_a))
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("staff:login"))
    if method == "post":
        assert Concern.objects.count() == (1 if expected == 302 and persona else 0)


def test_the_list_runs_a_fixed_number_of_queries(client, mttq_a, ward_a):
    send(ward_a, mttq_a)
    client.force_login(mttq_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    few = count()
    for n in range(49):
        send(ward_a, mttq_a, content=f"Góp ý số {n}")
    assert count() == few


def test_a_liaison_of_an_inactive_unit_only_is_refused(client, db, city):
    old = make_unit(name="Phường Cũ", parent=city)
    liaison = make_member(old, Role.MTTQ_LIAISON, username="mttq_old")
    old.is_active = False
    old.save()
    client.force_login(liaison)
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize("body", ["party", "state"])
def test_the_liaison_addresses_the_feedback_to_the_party_committee_or_the_ubnd(
    client, mttq_a, ward_a, body
):
    client.force_login(mttq_a)
    response = client.post(CREATE, feedback_data(ward_a, addressed_to=body))
    assert response.status_code == 302
    assert Concern.objects.get().addressed_to == body


def test_the_feedback_form_names_the_two_bodies_of_the_unit_and_chooses_neither(
    client, mttq_a, ward_a
):
    client.force_login(mttq_a)
    form = client.get(CREATE).context["form"]
    assert form["addressed_to"].value() is None
    assert dict(form.fields["addressed_to"].choices) == {
        "state": "People's Committee of phường Bến Thành",
        "party": "Party committee of phường Bến Thành",
    }


@pytest.mark.parametrize("forged", ["", "council"])
def test_feedback_without_a_valid_body_is_refused_and_kept(client, mttq_a, ward_a, forged):
    client.force_login(mttq_a)
    response = client.post(CREATE, feedback_data(ward_a, addressed_to=forged))
    assert response.status_code == 200
    assert "addressed_to" in response.context["form"].errors
    assert not Concern.objects.exists()
    assert "thủ tục cấp giấy phép còn rườm rà" in response.content.decode()
