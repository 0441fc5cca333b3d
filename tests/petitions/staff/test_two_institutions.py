"""Two institutions, never one: a concern addressed to the Party committee is handled,
assigned and approved by the Party committee's people; one addressed to the People's
Committee by the UBND's. Reading stays unit-wide."""

import csv
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from dialogue_portal.lib.transitions import ActionForbidden
from petitions import services
from petitions.institutions import body_name
from petitions.models import AddressedTo, AnswerStatus, Concern, ConcernState, ConcernType
from tests.factories import concerns as f
from tests.factories import make_member
from units.models import Membership, Role

pytestmark = pytest.mark.django_db

PARTY = AddressedTo.PARTY
STATE = AddressedTo.STATE


@pytest.fixture(autouse=True)
def _english(english):
    """Pages in English, so tests can read the source strings."""


def fresh(concern):
    return Concern.objects.get(pk=concern.pk)


def detail_url(concern):
    return reverse("petitions:detail", args=[concern.pk])


def pending_answer(unit, officer, *, addressed_to: str) -> Concern:
    """936 feedback whose answer waits for a head's approval (the rule asks for it)."""
    concern = f.drafted(unit, officer, type=ConcernType.FEEDBACK, addressed_to=addressed_to)
    return services.concern_answer_submit(actor=officer, concern=concern, version=concern.version)


def approve_url(concern):
    return reverse("petitions:answer_approve", args=[concern.pk])


# --- Approving: a head of the body the concern is addressed to -------------------------------


def test_the_bi_thu_cannot_approve_an_answer_of_the_people_s_committee(
    client, ward_a, officer_a, secretary_a
):
    concern = pending_answer(ward_a, officer_a, addressed_to=STATE)
    client.force_login(secretary_a)
    response = client.post(approve_url(concern), {"version": concern.version})
    assert response.status_code == 403
    assert fresh(concern).answer_status == AnswerStatus.PENDING


def test_the_chu_tich_cannot_approve_an_answer_of_the_party_committee(
    client, ward_a, party_officer_a, head_a
):
    concern = pending_answer(ward_a, party_officer_a, addressed_to=PARTY)
    client.force_login(head_a)
    response = client.post(approve_url(concern), {"version": concern.version})
    assert response.status_code == 403
    assert fresh(concern).answer_status == AnswerStatus.PENDING


@pytest.mark.parametrize(
    ("addressed_to", "officer", "head", "position"),
    [
        (PARTY, "party_officer_a", "secretary_a", "Bí thư Đảng ủy phường Bến Thành"),
        (STATE, "officer_a", "head_a", "Chủ tịch Ủy ban nhân dân phường Bến Thành"),
    ],
)
def test_each_head_approves_their_own_body_s_answer_and_their_authority_is_kept(
    client, request, ward_a, addressed_to, officer, head, position
):
    officer, head = request.getfixturevalue(officer), request.getfixturevalue(head)
    concern = pending_answer(ward_a, officer, addressed_to=addressed_to)
    client.force_login(head)
    response = client.post(approve_url(concern), {"version": concern.version})
    assert response.status_code == 302
    concern = fresh(concern)
    assert concern.state == ConcernState.ANSWERED
    assert concern.answer_approved_by == head
    assert concern.answer_signer_rank == "head"
    # No position written on the membership: the role's title with the unit's name.
    assert concern.answer_signer_position == position
    page = client.get(detail_url(concern)).content.decode()
    name = head.person.full_name
    assert f"Approved by: {name}, {position}" in page


def test_the_approval_keeps_the_position_written_on_the_membership_and_a_deputy_s_rank(
    ward_a, officer_a
):
    deputy = make_member(
        ward_a,
        Role.VICE_CHAIR,
        full_name="Lý Thị Hồng",
        position="Phó Chủ tịch Ủy ban nhân dân phường Bến Thành",
    )
    concern = pending_answer(ward_a, officer_a, addressed_to=STATE)
    concern = services.concern_answer_approve(
        actor=deputy, concern=concern, version=concern.version, note="Đồng ý."
    )
    assert concern.answer_signer_name == "Lý Thị Hồng"
    assert concern.answer_signer_position == "Phó Chủ tịch Ủy ban nhân dân phường Bến Thành"
    assert concern.answer_signer_rank == "deputy"
    # The position stays as it was at approval time when the membership changes later.
    Membership.objects.filter(user=deputy).update(position="Chủ tịch Ủy ban nhân dân")
    assert fresh(concern).answer_signer_position == (
        "Phó Chủ tịch Ủy ban nhân dân phường Bến Thành"
    )
    history = concern.transitions.get(action="answer_approved")
    assert history.note == "Phó Chủ tịch Ủy ban nhân dân phường Bến Thành. Đồng ý."


def test_a_disputed_answer_no_longer_names_its_approver(ward_a, officer_a, head_a):
    concern = pending_answer(ward_a, officer_a, addressed_to=STATE)
    services.concern_answer_approve(actor=head_a, concern=concern, version=concern.version)
    # Disputed: the concern reopens, and the approval of the old answer no longer stands.
    concern = services.concern_citizen_dispute(concern=fresh(concern), reason="Chưa thỏa đáng.")
    assert concern.answer_signer_position == "" and concern.answer_approved_by is None
    assert concern.answer_signer_name == "" and concern.answer_signer_rank == ""


# --- Assigning: only people of the concern's body ---------------------------------------------


def test_a_party_officer_cannot_be_assigned_a_concern_of_the_people_s_committee(
    ward_a, officer_a, party_officer_a
):
    concern = f.accepted(ward_a, officer_a)
    with pytest.raises(ValidationError) as excinfo:
        services.concern_assign(
            actor=officer_a, concern=concern, version=concern.version, assignee=party_officer_a
        )
    assert excinfo.value.code == "assignee_other_body"
    with translation.override(settings.LANGUAGE_CODE):
        body = body_name(ward_a, STATE)
    assert body in " ".join(excinfo.value.messages)
    assert fresh(concern).state == ConcernState.ACCEPTED


def test_an_officer_of_the_people_s_committee_cannot_be_assigned_a_party_concern(
    ward_a, officer_a, party_officer_a
):
    concern = f.accepted(ward_a, party_officer_a, addressed_to=PARTY)
    with pytest.raises(ValidationError) as excinfo:
        services.concern_assign(
            actor=party_officer_a, concern=concern, version=concern.version, assignee=officer_a
        )
    assert excinfo.value.code == "assignee_other_body"
    concern = services.concern_assign(
        actor=party_officer_a,
        concern=concern,
        version=concern.version,
        assignee=party_officer_a,
    )
    assert concern.assignee == party_officer_a


def test_the_assign_picker_offers_only_the_people_of_the_concern_s_body(
    client, ward_a, officer_a, head_a, party_officer_a, secretary_a
):
    concern = f.accepted(ward_a, party_officer_a, addressed_to=PARTY)
    client.force_login(secretary_a)
    form = client.get(detail_url(concern)).context["forms"]["assign"]
    offered = set(form.fields["assignee"].queryset)
    assert offered == {party_officer_a, secretary_a}


# --- What each body's people see and may do ----------------------------------------------------


def test_the_other_body_reads_the_concern_but_gets_no_action_and_no_contact_details(
    client, ward_a, officer_a, party_officer_a
):
    concern = f.submit(ward_a, addressed_to=PARTY, submitter_phone="0909 888 777")
    client.force_login(officer_a)
    response = client.get(detail_url(concern))
    assert response.status_code == 200
    assert response.context["forms"] == {}
    body = response.content.decode()
    assert 'data-testid="other-body"' in body
    assert "Party committee of phường Bến Thành" in body
    assert "0909 888 777" not in body
    # The Party office sees the contact and the forms.
    client.force_login(party_officer_a)
    response = client.get(detail_url(concern))
    assert "accept" in response.context["forms"]
    assert "0909 888 777" in response.content.decode()


def test_an_action_of_the_other_body_is_refused_with_403(client, ward_a, officer_a):
    concern = f.submit(ward_a, addressed_to=PARTY)
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:accept", args=[concern.pk]),
        {"version": concern.version, "type": "report", "category": ""},
    )
    assert response.status_code == 403
    assert fresh(concern).state == ConcernState.RECEIVED


def test_bulk_assignment_leaves_the_other_body_s_concerns_alone(
    client, ward_a, officer_a, party_officer_a, head_a
):
    ours = f.accepted(ward_a, officer_a)
    theirs = f.accepted(ward_a, party_officer_a, addressed_to=PARTY)
    client.force_login(head_a)
    page = client.get(reverse("petitions:queue"))
    body = page.content.decode()
    assert f'value="{ours.pk}" id="select-{ours.pk}"' in body
    assert f'id="select-{theirs.pk}"' not in body
    assert set(page.context["bulk_form"].fields["assignee"].queryset) == {officer_a, head_a}
    # A forged selection of the other body's concern is refused: nothing is assigned.
    client.post(
        reverse("petitions:bulk_assign"), {"concerns": [theirs.pk], "assignee": officer_a.pk}
    )
    assert fresh(theirs).state == ConcernState.ACCEPTED
    client.post(reverse("petitions:bulk_assign"), {"concerns": [ours.pk], "assignee": officer_a.pk})
    assert fresh(ours).assignee == officer_a


def test_the_staff_home_counts_only_the_answers_the_head_may_approve(
    rf, ward_a, officer_a, party_officer_a, head_a
):
    from petitions.selectors import staff_panel_counts

    pending_answer(ward_a, officer_a, addressed_to=STATE)
    pending_answer(ward_a, party_officer_a, addressed_to=PARTY)
    assert staff_panel_counts(head_a)["pending_approval"] == 1


# --- Staff intake, the queue, exports -----------------------------------------------------------


def intake_data(unit, **changes):
    data = {
        "unit": unit.pk,
        "addressed_to": "party",
        "channel": "walk_in",
        "type": "report",
        "content": "Phản ánh đảng viên khu phố 4 lấn chiếm vỉa hè.",
        "submitter_name": "Nguyễn Thị B",
        "submitter_phone": "0901 234 567",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_the_intake_form_defaults_to_the_officer_s_own_body(client, ward_a, party_officer_a):
    client.force_login(party_officer_a)
    form = client.get(reverse("petitions:intake")).context["form"]
    assert form["addressed_to"].value() == PARTY
    labels = dict(form.fields["addressed_to"].choices)
    assert labels[PARTY] == "Party committee of phường Bến Thành"
    assert labels[STATE] == "People's Committee of phường Bến Thành"


def test_the_intake_stores_the_body_and_the_history_names_it(client, ward_a, party_officer_a):
    client.force_login(party_officer_a)
    response = client.post(reverse("petitions:intake"), intake_data(ward_a))
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.addressed_to == PARTY
    received = concern.transitions.get(action="submitted")
    # Written in the portal's language, as every history note.
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("Addressed to %(body)s.") % {"body": body_name(ward_a, PARTY)}
    assert received.public_note == expected


def test_a_forged_body_in_the_intake_is_refused_and_what_was_typed_is_kept(
    client, ward_a, party_officer_a
):
    client.force_login(party_officer_a)
    response = client.post(reverse("petitions:intake"), intake_data(ward_a, addressed_to="both"))
    assert response.status_code == 200
    assert not Concern.objects.exists()
    assert "addressed_to" in response.context["form"].errors
    assert "Phản ánh đảng viên khu phố 4" in response.content.decode()


def test_the_service_refuses_an_unknown_body_with_a_clear_message(ward_a):
    with pytest.raises(ValidationError) as excinfo:
        f.submit(ward_a, addressed_to="council")
    assert excinfo.value.code == "invalid_choice"
    assert "council" in excinfo.value.messages[0]
    assert not Concern.objects.exists()


def test_the_queue_filters_by_body_and_shows_it(client, ward_a, officer_a):
    state = f.submit(ward_a)
    party = f.submit(ward_a, addressed_to=PARTY)
    client.force_login(officer_a)
    page = client.get(reverse("petitions:queue"), {"addressed_to": "party"})
    codes = {c.tracking_code for c in page.context["page"]}
    assert codes == {party.tracking_code}
    assert 'data-addressed-to="party"' in page.content.decode()
    page = client.get(reverse("petitions:queue"), {"addressed_to": "state"})
    assert {c.tracking_code for c in page.context["page"]} == {state.tracking_code}


def test_the_export_has_the_body_column(client, ward_a, officer_a):
    f.submit(ward_a, addressed_to=PARTY)
    client.force_login(officer_a)
    response = client.get(reverse("petitions:export_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    column = rows[0].index("Addressed to")
    assert rows[1][column] == "Party committee of phường Bến Thành"


def test_the_export_shows_contacts_only_to_the_body_that_handles_the_concern(
    client, ward_a, officer_a
):
    f.submit(ward_a, addressed_to=PARTY, submitter_phone="0909 111 555")
    client.force_login(officer_a)
    response = client.get(reverse("petitions:export_csv"))
    assert "0909 111 555" not in b"".join(response.streaming_content).decode("utf-8-sig")


# --- Referral and merge keep the body -----------------------------------------------------------


def test_a_referral_to_another_unit_stays_with_the_same_body(ward_a, ward_b, party_officer_a):
    concern = f.submit(ward_a, addressed_to=PARTY)
    services.concern_refer(
        actor=party_officer_a, concern=concern, version=concern.version, to_unit=ward_b
    )
    assert fresh(concern).referrals.get().addressed_to == PARTY


def test_a_concern_is_not_merged_into_one_of_the_other_body(ward_a, officer_a):
    target = f.submit(ward_a, addressed_to=PARTY)
    duplicate = f.submit(ward_a)
    with pytest.raises(ValidationError):
        services.concern_merge(
            actor=officer_a, concern=duplicate, version=duplicate.version, into=target
        )


def test_the_service_refuses_the_other_body_s_head(ward_a, party_officer_a, head_a):
    concern = pending_answer(ward_a, party_officer_a, addressed_to=PARTY)
    with pytest.raises(ActionForbidden):
        services.concern_answer_approve(actor=head_a, concern=concern, version=concern.version)
