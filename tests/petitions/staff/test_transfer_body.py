"""Passing a concern to the other body of the ward: the citizen sent an administrative
matter to the Party committee, or a Party matter to the People's Committee. The other body
handles it from then on, under the same tracking code and with the same deadlines."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from audit.models import AuditEntry
from petitions import services
from petitions.institutions import body_name
from petitions.models import (
    AddressedTo,
    AnswerStatus,
    Concern,
    ConcernState,
    ConcernType,
    TransitionAction,
)
from petitions.transitions import TRANSITIONS
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

REASON = "Nội dung là thủ tục hành chính về đất đai, thuộc thẩm quyền của Ủy ban nhân dân."
NOTE_TO_CITIZEN = "Ý kiến của ông về việc cấp giấy chứng nhận do Ủy ban nhân dân phường trả lời."
LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"


def fresh(concern):
    return Concern.objects.get(pk=concern.pk)


def transfer_url(concern):
    return reverse("petitions:transfer_body", args=[concern.pk])


def transfer(client, concern, **changes):
    data = {"version": concern.version, "reason": REASON, "note_to_citizen": NOTE_TO_CITIZEN}
    data.update(changes)
    return client.post(transfer_url(concern), data)


def status_page(client, concern) -> str:
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": f.PHONE_LAST4})
    assert response.status_code == 302
    return client.get(STATUS).content.decode()


def party_committee_of(unit) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return body_name(unit, AddressedTo.PARTY)


# --- The happy path: the UBND passes its concern to the Party committee ----------------------


def test_a_ubnd_officer_passes_a_concern_to_the_party_committee_which_handles_it_from_then_on(
    client, ward_a, officer_a, party_officer_a
):
    concern = f.submit(ward_a)
    ack_due = concern.ack_due_at
    client.force_login(officer_a)

    response = transfer(client, concern)

    # Nothing is left for the officer on this concern: back to the queue, with the message.
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:queue")
    page = client.get(response["Location"]).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        assert escape(str(TRANSITIONS["transfer_body"].success)) in page
    concern = fresh(concern)
    assert concern.addressed_to == AddressedTo.PARTY
    assert concern.state == ConcernState.RECEIVED
    assert concern.ack_due_at == ack_due  # the clock still counts from receipt
    row = concern.transitions.get(action=TransitionAction.BODY_TRANSFERRED)
    assert row.actor == officer_a
    assert row.note == REASON
    assert row.is_public
    assert (row.from_state, row.to_state) == (ConcernState.RECEIVED, ConcernState.RECEIVED)

    # The Party committee's officer now acts on it; the UBND's officer no longer can.
    client.force_login(party_officer_a)
    response = client.post(
        reverse("petitions:accept", args=[concern.pk]),
        {"version": concern.version, "type": "report", "category": concern.category_id},
    )
    assert response.status_code == 302
    assert fresh(concern).state == ConcernState.ACCEPTED
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:assign", args=[concern.pk]),
        {"version": fresh(concern).version, "unit": ward_a.pk, "assignee": officer_a.pk},
    )
    assert response.status_code == 403
    detail = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert 'data-testid="other-body"' in detail


def test_the_citizen_reads_the_note_and_the_body_now_handling_it(client, ward_a, officer_a):
    concern = f.submit(ward_a)
    services.concern_transfer_body(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        reason=REASON,
        note_to_citizen=NOTE_TO_CITIZEN,
    )
    page = status_page(client, concern)
    assert party_committee_of(ward_a) == "Đảng ủy phường Bến Thành"
    assert 'data-testid="handling-body">Đảng ủy phường Bến Thành<' in page
    assert escape(NOTE_TO_CITIZEN) in page
    # The note to the other body is for the staff only.
    assert escape(REASON) not in page


def test_an_assigned_concern_goes_back_to_accepted_without_its_officer_and_keeps_its_due_date(
    client, ward_a, officer_a, party_officer_a
):
    concern = f.assigned(ward_a, officer_a)
    due = concern.due_at
    client.force_login(officer_a)
    response = transfer(client, concern, note_to_citizen="")
    assert response.status_code == 302
    concern = fresh(concern)
    assert concern.state == ConcernState.ACCEPTED
    assert concern.assignee is None
    assert concern.assigned_at is None
    assert concern.due_at == due
    row = concern.transitions.get(action=TransitionAction.BODY_TRANSFERRED)
    assert (row.from_state, row.to_state) == (ConcernState.ASSIGNED, ConcernState.ACCEPTED)
    # The Party committee assigns it to one of its own people.
    concern = services.concern_assign(
        actor=party_officer_a, concern=concern, version=concern.version, assignee=party_officer_a
    )
    assert concern.assignee == party_officer_a
    assert concern.due_at == due


def test_a_draft_answer_of_the_body_that_passed_it_on_becomes_an_internal_note(ward_a, officer_a):
    concern = f.drafted(ward_a, officer_a)
    concern = services.concern_transfer_body(
        actor=officer_a, concern=concern, version=concern.version, reason=REASON
    )
    assert concern.answer_status == AnswerStatus.NONE
    assert concern.answer_text == concern.answer_public_text == ""
    note = concern.notes.get()
    assert f.ANSWER_LETTER in note.text
    assert note.author == officer_a


def test_the_party_committee_can_pass_a_concern_back_to_the_people_s_committee(
    client, ward_a, officer_a, party_officer_a
):
    concern = f.accepted(ward_a, party_officer_a, addressed_to=AddressedTo.PARTY)
    client.force_login(party_officer_a)
    assert transfer(client, concern).status_code == 302
    assert fresh(concern).addressed_to == AddressedTo.STATE


# --- The other body's office is told by e-mail ----------------------------------------------


def test_the_party_committee_s_people_are_told_by_e_mail_with_the_reason(
    ward_a, officer_a, party_officer_a, secretary_a, django_capture_on_commit_callbacks
):
    concern = f.submit(ward_a, submitter_email="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_transfer_body(
            actor=officer_a, concern=concern, version=concern.version, reason=REASON
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([party_officer_a.email, secretary_a.email])
    assert officer_a.email not in message.to
    assert concern.tracking_code in message.subject
    assert REASON in message.body
    assert reverse("petitions:detail", args=[concern.pk]) in message.body


def test_the_transfer_is_in_the_audit_log(ward_a, officer_a):
    concern = f.submit(ward_a)
    services.concern_transfer_body(
        actor=officer_a, concern=concern, version=concern.version, reason=REASON
    )
    entry = AuditEntry.objects.get(action="concern.body_transferred")
    assert entry.actor == officer_a
    assert entry.data == {"from": "state", "to": "party"}


# --- Refusals ----------------------------------------------------------------------------------


def test_an_answered_concern_cannot_be_passed_on(client, english, ward_a, officer_a, head_a):
    concern = f.answered(ward_a, officer_a, head_a)
    client.force_login(officer_a)
    response = transfer(client, concern)
    assert response.status_code == 409
    assert escape(str(services.MSG_TRANSFER_ANSWERED)) in response.content.decode()
    after = fresh(concern)
    assert (after.addressed_to, after.version) == (AddressedTo.STATE, concern.version)


def test_an_answer_waiting_for_approval_cannot_be_passed_on(client, english, ward_a, officer_a):
    concern = f.drafted(ward_a, officer_a, type=ConcernType.FEEDBACK)
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    assert concern.answer_status == AnswerStatus.PENDING
    client.force_login(officer_a)
    response = transfer(client, concern)
    assert response.status_code == 409
    assert escape(str(services.MSG_TRANSFER_ANSWERED)) in response.content.decode()
    assert fresh(concern).addressed_to == AddressedTo.STATE


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, english, ward_a, officer_a):
    concern = f.submit(ward_a)
    seen = concern.version
    services.concern_pause_start(
        actor=officer_a, concern=concern, version=seen, reason="Chờ bổ sung hồ sơ"
    )
    client.force_login(officer_a)
    response = transfer(client, concern, version=seen)
    assert response.status_code == 409
    body = response.content.decode()
    assert escape(str(services.MSG_STALE)) in body
    assert escape(REASON) in body
    assert escape(NOTE_TO_CITIZEN) in body
    assert fresh(concern).addressed_to == AddressedTo.STATE


def test_the_note_to_the_other_body_is_required(client, english, ward_a, officer_a):
    concern = f.submit(ward_a)
    client.force_login(officer_a)
    response = transfer(client, concern, reason="  ")
    assert response.status_code == 400
    assert "reason" in response.context["forms"]["transfer_body"].errors
    assert fresh(concern).addressed_to == AddressedTo.STATE
    # The service refuses it too, whatever road the text takes.
    with pytest.raises(ValidationError) as refused:
        services.concern_transfer_body(
            actor=officer_a, concern=concern, version=concern.version, reason=" "
        )
    assert refused.value.messages == [str(services.MSG_TRANSFER_REASON_REQUIRED)]


@pytest.mark.parametrize("persona", ["party_officer_a", "secretary_a", "reviewer"])
def test_someone_who_does_not_handle_the_concern_s_body_gets_403(
    client, request, ward_a, officer_a, persona
):
    concern = f.submit(ward_a)
    client.force_login(request.getfixturevalue(persona))
    response = transfer(client, concern)
    assert response.status_code == 403
    assert fresh(concern).addressed_to == AddressedTo.STATE


def test_an_officer_of_another_ward_gets_404(client, ward_a, officer_b):
    concern = f.submit(ward_a)
    client.force_login(officer_b)
    assert transfer(client, concern).status_code == 404


def test_a_get_is_refused(client, ward_a, officer_a):
    concern = f.submit(ward_a)
    client.force_login(officer_a)
    assert client.get(transfer_url(concern)).status_code == 405
