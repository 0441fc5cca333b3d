"""A unit head answers one person's request: find, export (JSON), erase (after confirming)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from petitions import services
from petitions.models import Concern, ConcernState, ConcernType, TransitionAction
from sessions.demo import small_png
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

FIND = reverse("petitions:personal_data")
EXPORT = reverse("petitions:personal_data_export")
ERASE = reverse("petitions:personal_data_erase")
PHONE = "0912 345 678"
EMAIL = "Chi.Tran@Example.test"


@pytest.fixture
def person(ward_a, ward_b, officer_a, head_a, officer_b):
    """Chị Trần Thị Chi's concerns: two ended and one open in ward A, one in ward B.

    Plus a neighbour's concern in ward A with another phone number.
    """
    closed = f.closed(
        ward_a,
        officer_a,
        head_a,
        submitter_name="Trần Thị Chi",
        submitter_phone="+84 912 345 678",
        submitter_email="",
        attachments=[SimpleUploadedFile("anh-hien-truong.png", small_png(), "image/png")],
    )
    services.concern_add_note(actor=officer_a, concern=closed, text="Ghi chú nội bộ: bí mật")
    declined = f.declined(
        ward_a, officer_a, submitter_name="Trần Thị Chi", submitter_phone="0912.345.678"
    )
    still_open = f.accepted(
        ward_a,
        officer_a,
        submitter_name="Trần Thị Chi",
        submitter_phone="",
        submitter_email="chi.tran@example.test",
    )
    other_ward = f.declined(ward_b, officer_b, submitter_name="Trần Thị Chi", submitter_phone=PHONE)
    neighbour = f.declined(
        ward_a, officer_a, submitter_name="Lê Văn Bên", submitter_phone="0988 777 666"
    )
    return {
        "closed": closed,
        "declined": declined,
        "open": still_open,
        "other_ward": other_ward,
        "neighbour": neighbour,
    }


def codes(response) -> set[str]:
    return {
        c.tracking_code
        for c in Concern.objects.all()
        if f'data-code="{c.tracking_code}"' in response.content.decode()
    }


# --- Finding ---------------------------------------------------------------------------


def test_a_head_finds_the_persons_concerns_of_her_ward_however_the_phone_was_typed(
    client, head_a, person
):
    client.force_login(head_a)
    response = client.post(FIND, {"contact": PHONE})
    assert response.status_code == 200
    assert codes(response) == {person["closed"].tracking_code, person["declined"].tracking_code}
    assert "2 concerns with •••• 78" in response.content.decode()


def test_an_email_address_matches_whatever_its_case(client, head_a, person):
    client.force_login(head_a)
    response = client.post(FIND, {"contact": EMAIL})
    assert codes(response) == {person["open"].tracking_code}


def test_another_wards_concerns_are_never_listed(client, head_a, head_b, person):
    client.force_login(head_b)
    response = client.post(FIND, {"contact": PHONE})
    assert codes(response) == {person["other_ward"].tracking_code}
    client.force_login(head_a)
    assert person["other_ward"].tracking_code not in codes(client.post(FIND, {"contact": PHONE}))


def test_the_search_is_a_post_so_the_contact_never_appears_in_a_url(client, head_a, person):
    client.force_login(head_a)
    page = client.get(FIND).content.decode()
    assert 'method="post" action="/staff/concerns/personal-data/"' in page
    assert 'name="contact"' in page


def test_a_contact_that_is_neither_a_phone_nor_an_email_is_explained(client, head_a):
    client.force_login(head_a)
    response = client.post(FIND, {"contact": "Trần Thị Chi"})
    assert response.status_code == 200
    assert "Enter a phone number (9 to 12 digits" in response.content.decode()
    assert "Trần Thị Chi" in response.content.decode()  # what was typed is kept


def test_a_denunciators_name_is_not_shown_in_the_list(client, head_a, ward_a, officer_a):
    f.withdrawn(
        ward_a, officer_a, type=ConcernType.DENUNCIATION, submitter_name="Người Tố Cáo",
        submitter_phone=PHONE,
    )  # fmt: skip
    client.force_login(head_a)
    body = client.post(FIND, {"contact": PHONE}).content.decode()
    assert "Người Tố Cáo" not in body and "confidential" in body


def test_the_search_is_audited_per_unit_without_the_contact(client, head_a, person):
    client.force_login(head_a)
    client.post(FIND, {"contact": PHONE})
    entry = AuditEntry.objects.get(action="personal_data.looked_up")
    assert entry.actor == head_a and entry.unit == person["closed"].unit
    assert entry.data["concerns"] == 2
    assert entry.data["contact_masked"] == "•••• 78"
    assert "912345678" not in json.dumps(entry.data) and "345" not in entry.data["contact_masked"]


def test_the_search_page_runs_the_same_queries_for_1_or_30_concerns(
    client, head_a, ward_a, officer_a
):
    f.declined(ward_a, officer_a, submitter_phone=PHONE)
    client.force_login(head_a)
    client.post(FIND, {"contact": PHONE})  # warm up (session, caches)
    with CaptureQueriesContext(connection) as one:
        client.post(FIND, {"contact": PHONE})
    for _ in range(29):
        f.submit(ward_a, submitter_phone=PHONE)
    with CaptureQueriesContext(connection) as many:
        response = client.post(FIND, {"contact": PHONE})
    assert "30 concerns" in response.content.decode()
    # session, user, memberships, the concerns, units (audit), audit entry, units (page),
    # and the session save (3, in a savepoint).
    assert len(one) == len(many) == 10


# --- Export ----------------------------------------------------------------------------


def export(client, contact):
    response = client.post(EXPORT, {"contact": contact})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_export_holds_everything_stored_about_the_person_in_the_heads_ward(
    client, head_a, person
):
    client.force_login(head_a)
    data = export(client, PHONE)

    assert data["contact"] == {"kind": "phone", "value": "0912345678"}
    assert data["units"] == ["Phường Bến Thành"]
    by_code = {c["tracking_code"]: c for c in data["concerns"]}
    assert set(by_code) == {person["closed"].tracking_code, person["declined"].tracking_code}
    closed = by_code[person["closed"].tracking_code]
    assert closed["submitter"]["name"] == "Trần Thị Chi"
    assert closed["submitter"]["phone"] == "+84 912 345 678"
    assert closed["content"] == person["closed"].content
    assert closed["state"]["code"] == ConcernState.CLOSED
    assert closed["received_at"] and closed["ended_at"]
    assert closed["answer"]["published_text"] == "UBND phường đã sửa đèn đường."
    assert "Trần Thị Chi" not in json.dumps(closed["history"])
    assert [h["event"] for h in closed["history"]][0] == "Received"
    assert closed["attachments"] == [
        {
            "name": "anh-hien-truong.png",
            "kind": "png",
            "size": closed["attachments"][0]["size"],
            "received_at": closed["attachments"][0]["received_at"],
        }
    ]
    body = json.dumps(data, ensure_ascii=False)
    assert "Ghi chú nội bộ" not in body  # internal notes stay out
    assert "iVBOR" not in body  # attachments are listed, not embedded
    assert person["other_ward"].tracking_code not in body
    assert person["neighbour"].tracking_code not in body


def test_the_export_is_audited_with_who_how_many_and_which_unit_never_the_contact(
    client, head_a, person
):
    client.force_login(head_a)
    export(client, PHONE)
    entry = AuditEntry.objects.get(action="personal_data.exported")
    assert (entry.actor, entry.unit, entry.data["concerns"]) == (head_a, person["closed"].unit, 2)
    assert len(entry.data["contact_hash"]) == 64
    stored = json.dumps([entry.data, entry.object_repr])
    assert "0912" not in stored and "345678" not in stored


def test_the_same_person_gives_the_same_hash_so_an_auditor_can_check_a_complaint(
    client, head_a, person
):
    client.force_login(head_a)
    export(client, "+84 912 345 678")
    export(client, "0912345678")
    first, second = AuditEntry.objects.filter(action="personal_data.exported").order_by("pk")
    assert first.data["contact_hash"] == second.data["contact_hash"]


def test_an_export_with_nothing_found_says_so_in_the_file(client, head_a, person):
    client.force_login(head_a)
    data = export(client, "nobody@example.test")
    assert data["concerns"] == []
    assert AuditEntry.objects.get(action="personal_data.exported").unit is None


def test_the_export_runs_the_same_queries_for_1_or_20_concerns(client, head_a, ward_a, officer_a):
    f.declined(ward_a, officer_a, submitter_phone=PHONE)
    client.force_login(head_a)
    export(client, PHONE)
    with CaptureQueriesContext(connection) as one:
        export(client, PHONE)
    for _ in range(19):
        f.declined(ward_a, officer_a, submitter_phone=PHONE)
    with CaptureQueriesContext(connection) as many:
        data = export(client, PHONE)
    assert len(data["concerns"]) == 20
    # As the search page, with three prefetches (history, attachments, commitments) and
    # without the page's units query.
    assert len(one) == len(many) == 12


# --- Erase -----------------------------------------------------------------------------


def test_erasing_asks_for_confirmation_naming_how_many_concerns_and_changes_nothing_yet(
    client, head_a, person
):
    client.force_login(head_a)
    response = client.post(ERASE, {"contact": PHONE})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Erase the personal data in 2 concerns?" in body
    assert person["closed"].tracking_code in body and person["declined"].tracking_code in body
    assert 'name="expected" value="2"' in body
    assert not Concern.objects.filter(anonymised_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="personal_data.erased").exists()


def test_the_confirmation_lists_the_concerns_still_being_handled_that_are_kept(
    client, head_a, person
):
    Concern.objects.filter(pk=person["open"].pk).update(submitter_phone=PHONE)
    client.force_login(head_a)
    body = client.post(ERASE, {"contact": PHONE}).content.decode()
    assert "1 concern is still being handled and is kept as it is" in body
    assert person["open"].tracking_code in body


def test_without_ticking_the_confirmation_nothing_is_erased(client, head_a, person):
    client.force_login(head_a)
    response = client.post(ERASE, {"contact": "0912345678", "expected": "2"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert f.fresh(person["closed"]).submitter_name == "Trần Thị Chi"


def test_a_confirmed_erasure_anonymises_the_ended_concerns_and_keeps_the_open_one(
    client, head_a, person
):
    Concern.objects.filter(pk=person["open"].pk).update(submitter_phone=PHONE)
    client.force_login(head_a)

    response = client.post(ERASE, {"contact": "0912345678", "expected": "2", "confirm": "on"})

    assert response.status_code == 302 and response["Location"] == FIND
    for name in ("closed", "declined"):
        concern = f.fresh(person[name])
        assert concern.anonymised_at is not None
        assert (concern.submitter_name, concern.submitter_phone) == ("", "")
        assert concern.transitions.filter(action=TransitionAction.ANONYMISED).count() == 1
    kept = f.fresh(person["open"])
    assert kept.state == ConcernState.ACCEPTED and kept.submitter_name == "Trần Thị Chi"
    assert f.fresh(person["other_ward"]).submitter_name == "Trần Thị Chi"
    assert f.fresh(person["neighbour"]).submitter_name == "Lê Văn Bên"
    page = client.get(FIND).content.decode()
    assert (
        "The personal data in 2 concern(s) is anonymised. 1 concern(s) still being handled were kept."
        in page
    )


def test_the_erasure_is_audited_with_who_how_many_and_which_unit_never_the_contact(
    client, head_a, person
):
    client.force_login(head_a)
    client.post(ERASE, {"contact": PHONE, "expected": "2", "confirm": "on"})
    entry = AuditEntry.objects.get(action="personal_data.erased")
    assert (entry.actor, entry.unit) == (head_a, person["closed"].unit)
    assert (entry.data["concerns"], entry.data["kept_open"]) == (2, 0)
    stored = json.dumps([entry.data, entry.object_repr])
    assert "0912" not in stored and "345678" not in stored and "Chi" not in stored


def test_when_the_concerns_changed_after_confirming_nothing_is_erased(
    client, head_a, ward_a, officer_a, person
):
    client.force_login(head_a)
    client.post(ERASE, {"contact": PHONE})
    f.withdrawn(ward_a, officer_a, submitter_phone=PHONE)  # a third one ends meanwhile

    response = client.post(ERASE, {"contact": PHONE, "expected": "2", "confirm": "on"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "changed after you looked (3 can be erased now)" in body
    assert 'name="expected" value="3"' in body
    assert not Concern.objects.filter(anonymised_at__isnull=False).exists()


def test_erasing_only_open_concerns_is_refused_with_the_reason(client, head_a, ward_a, officer_a):
    f.accepted(ward_a, officer_a, type=ConcernType.COMPLAINT, submitter_phone=PHONE,
                     submitter_address="1 Lê Lợi")  # fmt: skip
    client.force_login(head_a)
    response = client.post(ERASE, {"contact": PHONE})
    assert response.status_code == 400
    assert "Nothing can be erased: none of these concerns has ended" in response.content.decode()
    response = client.post(ERASE, {"contact": PHONE, "expected": "1", "confirm": "on"})
    assert response.status_code == 400
    assert not Concern.objects.filter(anonymised_at__isnull=False).exists()


def test_a_head_cannot_erase_another_wards_concerns(client, head_b, person):
    client.force_login(head_b)
    client.post(ERASE, {"contact": PHONE, "expected": "1", "confirm": "on"})
    assert f.fresh(person["other_ward"]).anonymised_at is not None
    assert f.fresh(person["closed"]).anonymised_at is None
    assert f.fresh(person["declined"]).anonymised_at is None


def test_an_erased_concern_page_says_the_data_was_removed(client, head_a, person):
    client.force_login(head_a)
    client.post(ERASE, {"contact": PHONE, "expected": "2", "confirm": "on"})
    body = client.get(reverse("petitions:detail", args=[person["closed"].pk])).content.decode()
    assert 'data-testid="anonymised"' in body and "Trần Thị Chi" not in body


# --- The way in ------------------------------------------------------------------------


def test_the_queue_header_links_to_the_page_for_heads_only(client, head_a, officer_a):
    client.force_login(head_a)
    assert FIND in client.get(reverse("petitions:queue")).content.decode()
    client.force_login(officer_a)
    assert FIND not in client.get(reverse("petitions:queue")).content.decode()


def test_an_administrator_is_told_the_page_reaches_every_unit(client, admin_user, ward_a, ward_b):
    client.force_login(admin_user)
    body = client.get(FIND).content.decode()
    assert "all units (administrator)" in body and "Xã Cần Giờ" not in body
