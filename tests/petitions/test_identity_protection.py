"""A denunciator is never exposed (issue #13): a denunciation of a ward's Chủ tịch is
resolved by the city, only its resolvers see who wrote it, a reclassified case lists who
saw the submitter before it was protected."""

import csv
import io

import pytest
from django.urls import reverse

from petitions import services
from petitions.models import (
    AccusedRole,
    AddressedTo,
    Concern,
    ConcernState,
    ConcernType,
    IdentityExposure,
)
from petitions.selectors import IDENTITY_WITHHELD, concern_privacy
from tests.conftest import persona
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

NAME = "Lê Văn Mật"
PHONE = "0911 000 222"


@pytest.fixture
def city_people(city, ward_a):
    return {
        name: persona(name)
        for name in (
            "city_chair",
            "city_officer",
            "reviewer",
            "head_a",
            "officer_a",
            "secretary_a",
            "vice_chair_a",
            "inspection_a",
        )
    }


def denounce_chair(ward, **extra):
    return f.submit(
        ward,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.STATE_HEAD,
        accused_name="Phạm Minh Hùng, Chủ tịch UBND phường",
        submitter_name=NAME,
        submitter_phone=PHONE,
        submitter_address="12 Lê Lợi",
        **extra,
    )


def assign(concern, officer):
    import datetime

    Concern.objects.filter(pk=concern.pk).update(
        assignee=officer,
        state=ConcernState.ASSIGNED,
        due_at=datetime.date.today() + datetime.timedelta(days=30),
        version=concern.version + 1,
    )
    return Concern.objects.get(pk=concern.pk)


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_denunciation_of_the_wards_chair_is_resolved_by_the_city(city, ward_a, city_people):
    concern = denounce_chair(ward_a)
    assert concern.unit == city
    assert concern.origin_unit == ward_a
    assert concern.addressed_to == AddressedTo.STATE
    party = f.submit(
        ward_a,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.PARTY_HEAD,
        submitter_name=NAME,
        submitter_phone=PHONE,
    )
    assert (party.unit, party.addressed_to) == (city, AddressedTo.PARTY)
    member = f.submit(
        ward_a,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.PARTY_MEMBER,
        submitter_name=NAME,
        submitter_phone=PHONE,
    )
    assert (member.unit, member.addressed_to) == (ward_a, AddressedTo.INSPECTION)


@pytest.mark.parametrize("who", ["head_a", "officer_a", "secretary_a", "vice_chair_a"])
def test_nobody_of_the_ward_finds_it_in_queue_exports_or_dashboards(
    client, ward_a, city_people, who
):
    concern = denounce_chair(ward_a)
    client.force_login(city_people[who])
    code = concern.tracking_code.encode()
    link = reverse("petitions:detail", args=[concern.pk]).encode()
    assert code not in client.get(reverse("petitions:queue")).content
    # Searched by its code, it is still not listed (the search box echoes the code).
    assert link not in client.get(reverse("petitions:queue"), {"q": concern.tracking_code}).content
    export = b"".join(client.get(reverse("petitions:export_csv")).streaming_content)
    assert code not in export
    assert client.get(reverse("petitions:detail", args=[concern.pk])).status_code == 404
    for name in ("compliance:items", "compliance:my_unit"):
        response = client.get(reverse(name), {"unit": ward_a.pk})
        assert code not in response.content, name


def test_it_is_in_the_citys_queue_and_only_its_resolvers_see_the_denunciator(
    client, ward_a, city_people
):
    concern = denounce_chair(ward_a)
    chair, officer, reviewer = (
        city_people["city_chair"],
        city_people["city_officer"],
        city_people["reviewer"],
    )
    client.force_login(officer)
    assert concern.tracking_code.encode() in client.get(reverse("petitions:queue")).content
    # Before it is assigned: the head of the body routes it, and sees who wrote it.
    assert concern_privacy(chair, concern).identity
    assert not concern_privacy(officer, concern).identity
    # Put in the officer's charge (by the denunciation procedure's own actions).
    assign(concern, officer)
    for user, visible in ((officer, True), (chair, True), (reviewer, False)):
        client.force_login(user)
        page = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
        assert (NAME in page) is visible, user.username
        assert (PHONE in page) is visible, user.username


def test_exports_mask_the_denunciator_for_everyone_but_its_resolvers(client, ward_a, city_people):
    concern = denounce_chair(ward_a)
    client.force_login(city_people["reviewer"])
    rows = csv_rows(client.get(reverse("petitions:export_csv")))
    row = next(r for r in rows if r[0] == concern.tracking_code)
    assert NAME not in row and IDENTITY_WITHHELD in row
    client.force_login(city_people["city_chair"])
    rows = csv_rows(client.get(reverse("petitions:export_csv")))
    row = next(r for r in rows if r[0] == concern.tracking_code)
    assert NAME in row
    assert IdentityExposure.objects.filter(
        concern=concern, user=city_people["city_chair"], where="export"
    ).exists()
    assert not IdentityExposure.objects.filter(user=city_people["reviewer"]).exists()


def test_a_referral_does_not_carry_the_denunciator(ward_a, ward_b, head_a):
    concern = f.submit(
        ward_a, type=ConcernType.DENUNCIATION, submitter_name=NAME, submitter_phone=PHONE
    )
    from petitions.services.routing import _referred_identity

    copy = Concern(**_referred_identity(concern))
    assert copy.submitter_name == IDENTITY_WITHHELD
    assert (copy.submitter_phone, copy.submitter_email, copy.submitter_address) == ("", "", "")


def test_each_view_of_a_submitter_is_counted_once_per_person(client, ward_a, officer_a):
    concern = f.submit(ward_a, submitter_name=NAME)
    client.force_login(officer_a)
    for _ in range(3):
        client.get(reverse("petitions:detail", args=[concern.pk]))
    exposure = IdentityExposure.objects.get(concern=concern, user=officer_a)
    assert exposure.times == 3


def test_reclassified_as_denunciation_hides_at_once_and_lists_earlier_viewers(
    client, ward_a, officer_a, head_a, city_people
):
    concern = f.assigned(ward_a, head_a, officer_a, submitter_name=NAME, submitter_phone=PHONE)
    vice = city_people["vice_chair_a"]
    for user in (officer_a, vice, vice):
        client.force_login(user)
        assert NAME in client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:reclassify", args=[concern.pk]),
        {
            "version": Concern.objects.get(pk=concern.pk).version,
            "type": ConcernType.DENUNCIATION,
            "accused_role": AccusedRole.OFFICIAL,
            "reason": "Nội dung tố cáo hành vi của cán bộ địa chính",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get(pk=concern.pk)
    # Back to received: a denunciation is accepted only by the head's decision.
    assert concern.type == ConcernType.DENUNCIATION and concern.state == ConcernState.RECEIVED
    # The Phó Chủ tịch saw it before; not any more.
    client.force_login(vice)
    assert NAME not in client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    # Back to received and unassigned: the head of the body, who resolves it, reads the report.
    client.force_login(head_a)
    page = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert 'data-testid="reclassification-report"' in page
    report = client.get(reverse("petitions:reclassification_report", args=[concern.pk]))
    text = report.content.decode()
    assert "Hoàng Văn Phúc" in text and "Trần Văn An" in text
    # The Phó Chủ tịch saw it twice.
    assert ">2<" in text.split("Hoàng Văn Phúc", 1)[1].split("</tr>", 1)[0]
    client.force_login(vice)
    url = reverse("petitions:reclassification_report", args=[concern.pk])
    assert client.get(url).status_code == 404


def test_reclassifying_the_wards_chair_sends_it_to_the_city(
    client, ward_a, officer_a, head_a, city
):
    concern = f.assigned(ward_a, head_a, officer_a, submitter_name=NAME, submitter_phone=PHONE)
    concern = services.concern_reclassify(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        type=ConcernType.DENUNCIATION,
        accused_role=AccusedRole.STATE_HEAD,
        reason="Tố cáo Chủ tịch UBND phường",
    )
    assert (concern.unit, concern.origin_unit, concern.assignee) == (city, ward_a, None)
    assert concern.state == ConcernState.RECEIVED  # for the city head's decision to accept
    client.force_login(head_a)
    assert concern.tracking_code.encode() not in client.get(reverse("petitions:queue")).content


def test_only_a_resolver_may_change_a_denunciations_type(
    client, ward_a, officer_a, head_a, city_people
):
    concern = assign(
        f.submit(ward_a, type=ConcernType.DENUNCIATION, submitter_name=NAME, submitter_phone=PHONE),
        officer_a,
    )
    vice = city_people["vice_chair_a"]
    client.force_login(vice)
    response = client.post(
        reverse("petitions:reclassify", args=[concern.pk]),
        {"version": concern.version, "type": ConcernType.REPORT, "reason": "Không phải tố cáo"},
    )
    assert response.status_code in (403, 409)
    assert Concern.objects.get(pk=concern.pk).type == ConcernType.DENUNCIATION


def test_reclassify_is_post_only_and_needs_a_reason(client, ward_a, officer_a, head_a):
    concern = f.assigned(ward_a, head_a, officer_a)
    client.force_login(officer_a)
    url = reverse("petitions:reclassify", args=[concern.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"version": concern.version, "type": ConcernType.COMPLAINT})
    assert response.status_code == 400
    assert Concern.objects.get(pk=concern.pk).type == ConcernType.REPORT


def test_outside_the_units_the_report_does_not_exist(client, ward_a, officer_b, head_a):
    concern = assign(
        f.submit(ward_a, type=ConcernType.DENUNCIATION, submitter_name=NAME, submitter_phone=PHONE),
        head_a,
    )
    client.force_login(officer_b)
    url = reverse("petitions:reclassification_report", args=[concern.pk])
    assert client.get(url).status_code == 404
