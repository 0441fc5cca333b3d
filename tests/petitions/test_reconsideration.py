"""A published answer is never taken back by a reviewer: it stays in force until a new
version replaces it. The reviewer asks the unit to reconsider it (kiến nghị xem xét lại);
the head of the body it is addressed to keeps it or sends the concern back for a new one."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from petitions import services
from petitions.messages import MSG_ONLY_PENDING_RETURNABLE, MSG_RECONSIDERATION_OPEN
from petitions.models import (
    AnswerStatus,
    AnswerVersion,
    AnswerVersionStatus,
    Concern,
    ConcernRule,
    ConcernState,
    ConcernTransition,
    Reconsideration,
    ReconsiderationStatus,
    TransitionAction,
)
from petitions.transitions import TRANSITIONS
from tests.factories import concerns as f
from tests.factories import make_member
from units.models import Role

pytestmark = pytest.mark.django_db

LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"
NEW_ANSWER = "UBND phường đã thay toàn bộ đường dây điện hẻm."


@pytest.fixture(autouse=True)
def no_approval():
    ConcernRule.objects.filter(type="report").update(needs_head_approval=False)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _status_page(concern) -> str:
    client = Client()
    client.post(LOOKUP, {"code": concern.tracking_code, "factor": f.PHONE_LAST4})
    return client.get(STATUS).content.decode()


def _request(concern, reviewer, reasons="Chưa nêu căn cứ pháp lý."):
    concern = f.fresh(concern)
    return _client(reviewer).post(
        reverse("petitions:reconsider_request", args=[concern.pk]),
        {"version": concern.version, "reasons": reasons},
    )


def _respond(concern, head, decision, response="Đã xem xét lại."):
    concern = f.fresh(concern)
    return _client(head).post(
        reverse("petitions:reconsider_respond", args=[concern.pk]),
        {"version": concern.version, "decision": decision, "response": response},
    )


def test_a_reviewer_cannot_return_a_published_answer_and_it_stays_public(
    ward_a, officer_a, reviewer
):
    concern = f.answered(ward_a, officer_a)
    response = _client(reviewer).post(
        reverse("petitions:answer_return", args=[concern.pk]),
        {"version": concern.version, "note": "Trả lời chưa đầy đủ."},
    )
    assert response.status_code == 403
    fresh = f.fresh(concern)
    assert (fresh.state, fresh.answer_status) == (ConcernState.ANSWERED, AnswerStatus.PUBLISHED)
    assert f.PUBLIC_ANSWER in _status_page(concern)
    # Not even the head, who may return an answer waiting for approval, takes it back.
    refusal = TRANSITIONS.refusal(fresh, "answer_return")
    assert refusal is not None and refusal.messages == [str(MSG_ONLY_PENDING_RETURNABLE)]


def test_the_unit_upholds_its_answer(ward_a, officer_a, head_a, reviewer):
    concern = f.answered(ward_a, officer_a)
    assert _request(concern, reviewer).status_code == 302
    request = Reconsideration.objects.get(concern=concern)
    assert request.status == ReconsiderationStatus.OPEN
    assert request.requested_by == reviewer and request.requested_by_name
    assert request.answer_version == AnswerVersion.objects.get(concern=concern)
    # The answer stays in force while the unit considers the request.
    assert f.PUBLIC_ANSWER in _status_page(concern)

    assert _respond(concern, head_a, "upheld", "Giữ nguyên: đã đúng quy định.").status_code == 302
    request.refresh_from_db()
    assert request.status == ReconsiderationStatus.UPHELD
    assert request.response == "Giữ nguyên: đã đúng quy định."
    assert request.responded_by == head_a and request.responded_at is not None
    fresh = f.fresh(concern)
    assert (fresh.state, fresh.answer_status) == (ConcernState.ANSWERED, AnswerStatus.PUBLISHED)
    assert fresh.answer_public_text == f.PUBLIC_ANSWER
    assert AnswerVersion.objects.get(concern=concern).status == AnswerVersionStatus.PUBLISHED
    actions = list(
        ConcernTransition.objects.filter(concern=concern).values_list("action", flat=True)
    )
    assert TransitionAction.RECONSIDERATION_REQUESTED in actions
    assert TransitionAction.RECONSIDERATION_UPHELD in actions
    audited = set(AuditEntry.objects.for_object(fresh).values_list("action", flat=True))
    assert {"concern.reconsideration_requested", "concern.reconsideration_upheld"} <= audited


def test_a_new_answer_supersedes_the_old_one_only_once_published(
    ward_a, officer_a, head_a, reviewer
):
    ConcernRule.objects.filter(type="report").update(needs_head_approval=True)
    concern = f.answered(ward_a, officer_a, head_a)
    concern = services.concern_citizen_accept(concern=concern)  # closed
    assert concern.state == ConcernState.CLOSED
    _request(concern, reviewer)
    assert _respond(concern, head_a, "revising", "Sẽ ban hành câu trả lời mới.").status_code == 302

    fresh = f.fresh(concern)
    assert fresh.state == ConcernState.ASSIGNED and fresh.closed_at is None
    assert fresh.answer_status == AnswerStatus.DRAFT
    assert fresh.answer_public_text == f.PUBLIC_ANSWER  # the draft starts from the answer
    assert fresh.due_at is not None and fresh.due_at >= concern.due_at
    assert Reconsideration.objects.get(concern=concern).status == ReconsiderationStatus.REVISING
    assert f.PUBLIC_ANSWER in _status_page(concern)  # still in force

    fresh = services.concern_answer_save(
        actor=officer_a,
        concern=fresh,
        version=fresh.version,
        answer_text=NEW_ANSWER,
        answer_public_text=NEW_ANSWER,
    )
    fresh = services.concern_answer_submit(actor=officer_a, concern=fresh, version=fresh.version)
    # Waiting for approval: the old answer is still the one in force, the new one not shown.
    first = AnswerVersion.objects.get(concern=concern, number=1)
    assert first.status == AnswerVersionStatus.PUBLISHED
    page = _status_page(concern)
    assert f.PUBLIC_ANSWER in page and NEW_ANSWER not in page

    services.concern_answer_approve(actor=head_a, concern=fresh, version=fresh.version)
    first.refresh_from_db()
    second = AnswerVersion.objects.get(concern=concern, number=2)
    assert first.status == AnswerVersionStatus.SUPERSEDED and first.superseded_by == second
    assert second.status == AnswerVersionStatus.PUBLISHED
    page = _status_page(concern)
    assert page.index(NEW_ANSWER) < page.index(f.PUBLIC_ANSWER)


def test_one_open_request_at_a_time_and_a_response_needs_one(ward_a, officer_a, head_a, reviewer):
    concern = f.answered(ward_a, officer_a)
    assert _respond(concern, head_a, "upheld").status_code == 409  # nothing to respond to
    _request(concern, reviewer)
    response = _request(concern, reviewer, "Lần nữa")
    assert response.status_code == 409
    assert str(MSG_RECONSIDERATION_OPEN) in response.content.decode()
    assert Reconsideration.objects.filter(concern=concern).count() == 1


def test_the_forms_require_reasons_and_a_response(ward_a, officer_a, head_a, reviewer):
    concern = f.answered(ward_a, officer_a)
    assert _request(concern, reviewer, reasons="").status_code == 400
    assert not Reconsideration.objects.exists()
    _request(concern, reviewer)
    assert _respond(concern, head_a, "upheld", response="").status_code == 400
    assert _respond(concern, head_a, "withdrawn").status_code == 400
    assert Reconsideration.objects.get().status == ReconsiderationStatus.OPEN


def test_who_may_request_and_respond(ward_a, officer_a, head_a, reviewer):
    concern = f.answered(ward_a, officer_a)
    assert _request(concern, officer_a).status_code == 403  # a handling officer does not
    assert _request(concern, head_a).status_code == 403
    _request(concern, reviewer)
    assert _respond(concern, reviewer, "revising").status_code == 403  # the unit decides
    assert _respond(concern, officer_a, "revising").status_code == 403
    assert Reconsideration.objects.get().status == ReconsiderationStatus.OPEN


def test_a_reviewer_outside_the_subtree_gets_404(ward_a, ward_b, officer_a):
    outsider = make_member(ward_b, Role.REVIEWER)
    concern = f.answered(ward_a, officer_a)
    assert _request(concern, outsider).status_code == 404
    assert _client(outsider).get(reverse("petitions:detail", args=[concern.pk])).status_code == 404
    assert not Reconsideration.objects.exists()


def test_a_stale_version_is_refused(ward_a, officer_a, head_a, reviewer):
    concern = f.answered(ward_a, officer_a)
    seen = concern.version
    services.commitment_add(
        actor=officer_a,
        concern=concern,
        version=seen,
        what="Sửa đèn",
        who="Tổ đô thị",
        due=f.fresh(concern).due_at or concern.received_at.date(),
    )
    response = _client(reviewer).post(
        reverse("petitions:reconsider_request", args=[concern.pk]),
        {"version": seen, "reasons": "Chưa đủ căn cứ."},
    )
    assert response.status_code == 409
    assert not Reconsideration.objects.exists()
    _request(concern, reviewer)
    stale = f.fresh(concern).version - 1
    response = _client(head_a).post(
        reverse("petitions:reconsider_respond", args=[concern.pk]),
        {"version": stale, "decision": "revising", "response": "Làm lại."},
    )
    assert response.status_code == 409
    assert f.fresh(concern).state == ConcernState.ANSWERED


def test_the_detail_page_shows_versions_requests_and_the_reviewer_s_form(
    ward_a, officer_a, head_a, reviewer
):
    concern = f.answered(ward_a, officer_a)
    url = reverse("petitions:detail", args=[concern.pk])
    body = _client(reviewer).get(url).content.decode()
    assert 'data-testid="answer-version-1"' in body
    assert reverse("petitions:reconsider_request", args=[concern.pk]) in body
    _request(concern, reviewer, "Lý do xem xét lại số 1")
    _respond(concern, head_a, "upheld", "Phản hồi giữ nguyên số 1")
    body = _client(officer_a).get(url).content.decode()
    assert "Lý do xem xét lại số 1" in body and "Phản hồi giữ nguyên số 1" in body
    assert reverse("petitions:reconsider_request", args=[concern.pk]) not in body


def test_concerns_keep_their_published_answer_fields_for_compliance(
    ward_a, officer_a, head_a, reviewer
):
    concern = f.answered(ward_a, officer_a)
    published_at = concern.answer_published_at
    _request(concern, reviewer)
    _respond(concern, head_a, "revising")
    fresh = Concern.objects.get(pk=concern.pk)
    assert fresh.answer_published_at == published_at  # when the answer in force was published
