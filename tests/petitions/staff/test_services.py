"""Every transition of a concern, and the illegal ones, through the services."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from audit.models import AuditEntry
from dialogue_portal.lib.transitions import ActionForbidden
from petitions import services
from petitions.models import (
    AnswerStatus,
    Concern,
    ConcernChannel,
    ConcernRule,
    ConcernState,
    ConcernType,
    ExtensionStatus,
    Organisation,
)
from petitions.services import (
    MSG_ALREADY_DECIDED,
    MSG_CANNOT_RETURN,
    MSG_CLOSE_TOO_EARLY,
    MSG_CONSENT_REQUIRED,
    MSG_EXTENSION_LIMIT,
    MSG_IDENTITY_REQUIRED,
    MSG_MERGE_TARGET,
    MSG_NOT_HEAD,
    MSG_PAUSED,
    MSG_STALE,
    MSG_VERDICT_EXPLANATION_REQUIRED,
    MSG_VERDICT_REQUIRED,
    MSG_WINDOW_CLOSED,
    MSG_WRONG_STATE,
)
from tests.factories import concerns as f
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


def fresh(concern):
    return Concern.objects.get(pk=concern.pk)


def messages_of(excinfo):
    return " ".join(excinfo.value.messages)


def history(concern):
    return list(fresh(concern).transitions.values_list("from_state", "to_state"))


def test_submitting_stores_the_concern_with_a_code_history_audit_and_receipt(
    ward_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern = f.submit(ward_a, submitter_email="dan@example.test")
    assert concern.state == ConcernState.RECEIVED
    assert len(concern.tracking_code) == 17
    assert concern.ack_due_at > timezone.localdate()
    assert history(concern) == [("", "received")]
    assert AuditEntry.objects.filter(action="concern.submitted", object_id=str(concern.pk)).exists()
    assert mail.outbox[0].to == ["dan@example.test"]
    assert concern.tracking_code in mail.outbox[0].body


def test_public_submission_without_consent_is_refused_and_nothing_stored(ward_a):
    with pytest.raises(ValidationError) as excinfo:
        f.submit(ward_a, consent=False)
    assert str(MSG_CONSENT_REQUIRED) in messages_of(excinfo)
    assert not Concern.objects.exists()


@pytest.mark.parametrize("type_", [ConcernType.COMPLAINT, ConcernType.DENUNCIATION])
def test_complaints_and_denunciations_need_an_identity(ward_a, type_):
    with pytest.raises(ValidationError) as excinfo:
        f.submit(ward_a, type=type_, submitter_name="", submitter_phone="", submitter_email="")
    assert str(MSG_IDENTITY_REQUIRED) in messages_of(excinfo)


def test_an_anonymous_report_is_allowed(ward_a):
    concern = f.submit(ward_a, submitter_name="", submitter_phone="", submitter_email="")
    assert concern.submitter_name == ""


def test_reclassifying_an_anonymous_report_as_complaint_is_refused(ward_a, officer_a):
    concern = f.submit(ward_a, submitter_name="", submitter_phone="", submitter_email="")
    with pytest.raises(ValidationError) as excinfo:
        services.concern_accept(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            type=ConcernType.COMPLAINT,
            category=None,
        )
    assert str(MSG_IDENTITY_REQUIRED) in messages_of(excinfo)
    assert fresh(concern).state == ConcernState.RECEIVED


def test_accepting_sets_the_due_date_from_the_rule_with_its_explanation(ward_a, officer_a):
    concern = f.accepted(ward_a, officer_a)
    rule = ConcernRule.objects.get(type=ConcernType.REPORT)
    assert concern.state == ConcernState.ACCEPTED
    assert concern.due_at >= timezone.localdate() + timedelta(days=rule.answer_days)
    assert str(rule.answer_days) in concern.due_explanation
    assert history(concern) == [("", "received"), ("received", "accepted")]


def test_a_complex_complaint_gets_the_longer_clock(ward_a, head_a):
    concern = f.submit(ward_a, type=ConcernType.COMPLAINT)
    concern = services.complaint_accept(
        actor=head_a, concern=concern, version=concern.version, is_complex=True
    )
    assert concern.due_at >= timezone.localdate() + timedelta(days=45)


def test_assigning_notifies_the_officer_after_commit(
    ward_a, officer_a, head_a, django_capture_on_commit_callbacks
):
    concern = f.accepted(ward_a, head_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_assign(
            actor=head_a, concern=concern, version=concern.version, assignee=officer_a
        )
    concern = fresh(concern)
    assert concern.state == ConcernState.ASSIGNED
    assert concern.assignee == officer_a
    assert [m.to for m in mail.outbox][-1] == [officer_a.email]


def test_an_officer_of_another_ward_cannot_be_assigned(ward_a, officer_a, officer_b):
    concern = f.accepted(ward_a, officer_a)
    with pytest.raises(ValidationError):
        services.concern_assign(
            actor=officer_a, concern=concern, version=concern.version, assignee=officer_b
        )


def test_a_due_date_later_than_the_rule_needs_an_extension(ward_a, officer_a):
    concern = f.accepted(ward_a, officer_a)
    with pytest.raises(ValidationError):
        services.concern_assign(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            assignee=officer_a,
            due_at=concern.due_at + timedelta(days=1),
        )
    earlier = timezone.localdate() + timedelta(days=3)
    concern = services.concern_assign(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        assignee=officer_a,
        due_at=earlier,
    )
    assert concern.due_at == earlier


def test_received_concerns_cannot_be_assigned_before_acceptance(ward_a, officer_a):
    concern = f.submit(ward_a)
    with pytest.raises(ValidationError) as excinfo:
        services.concern_assign(
            actor=officer_a, concern=concern, version=concern.version, assignee=officer_a
        )
    assert excinfo.value.messages[0] == MSG_WRONG_STATE % {"state": ConcernState.RECEIVED.label}


def test_a_stale_version_changes_nothing_and_says_so(ward_a, officer_a):
    concern = f.submit(ward_a)
    seen = concern.version
    services.concern_accept(
        actor=officer_a, concern=concern, version=seen, type=concern.type, category=None
    )
    with pytest.raises(ValidationError) as excinfo:
        services.concern_decline(
            actor=officer_a, concern=concern, version=seen, reason="unclear", note_to_citizen="x"
        )
    assert excinfo.value.messages == [str(MSG_STALE)]
    assert fresh(concern).state == ConcernState.ACCEPTED


def test_referring_to_a_unit_in_the_portal_creates_a_linked_concern_in_their_queue(
    ward_a, ward_b, officer_a
):
    concern = f.accepted(ward_a, officer_a)
    concern = services.concern_refer(
        actor=officer_a, concern=concern, version=concern.version, to_unit=ward_b
    )
    assert concern.state == ConcernState.REFERRED
    new = concern.referrals.get()
    assert new.unit == ward_b
    assert new.channel == ConcernChannel.REFERRAL
    assert new.state == ConcernState.RECEIVED
    assert new.tracking_code != concern.tracking_code
    public = concern.transitions.filter(is_public=True).last()
    assert new.tracking_code in public.public_note


def test_referring_outside_needs_a_note_to_the_citizen(ward_a, officer_a):
    concern = f.accepted(ward_a, officer_a)
    with pytest.raises(ValidationError):
        services.concern_refer(
            actor=officer_a, concern=concern, version=concern.version, outside_body="Tòa án"
        )
    concern = services.concern_refer(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        outside_body="Sở Tài nguyên và Môi trường",
        note_to_citizen="Sở sẽ liên hệ ông.",
    )
    assert concern.referred_to == "Sở Tài nguyên và Môi trường"
    assert "Sở sẽ liên hệ ông." in concern.transitions.last().public_note


def test_declining_records_the_legal_reason(ward_a, officer_a):
    concern = f.submit(ward_a)
    concern = services.concern_decline(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        reason="already_resolved",
        note_to_citizen="Đã trả lời năm 2024.",
    )
    assert concern.state == ConcernState.DECLINED
    assert concern.decline_reason == "already_resolved"
    with pytest.raises(ValidationError):
        services.concern_decline(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            reason="nonsense",
            note_to_citizen="x",
        )


def test_merging_points_to_the_surviving_concern(ward_a, ward_b, officer_a, officer_b):
    survivor = f.accepted(ward_a, officer_a)
    duplicate = f.submit(ward_a)
    duplicate = services.concern_merge(
        actor=officer_a, concern=duplicate, version=duplicate.version, into=survivor
    )
    assert duplicate.state == ConcernState.MERGED
    assert duplicate.merged_into == survivor
    other_ward = f.submit(ward_b)
    with pytest.raises(ValidationError) as excinfo:
        services.concern_merge(
            actor=officer_a, concern=f.submit(ward_a), version=None, into=other_ward
        )
    assert str(MSG_MERGE_TARGET) in messages_of(excinfo)
    with pytest.raises(ValidationError):
        services.concern_merge(
            actor=officer_a, concern=f.submit(ward_a), version=None, into=duplicate
        )


def test_withdrawing_ends_the_concern(ward_a, officer_a):
    concern = f.assigned(ward_a, officer_a)
    concern = services.concern_withdraw(
        actor=officer_a, concern=concern, version=concern.version, note="Gọi điện xin rút."
    )
    assert concern.state == ConcernState.WITHDRAWN
    with pytest.raises(ValidationError):
        services.concern_withdraw(
            actor=officer_a, concern=concern, version=concern.version, note="again"
        )


def test_an_answer_without_head_approval_is_published_at_once(
    ward_a, officer_a, django_capture_on_commit_callbacks
):
    concern = f.drafted(ward_a, officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_answer_submit(
            actor=officer_a, concern=concern, version=concern.version
        )
    assert concern.state == ConcernState.ANSWERED
    assert concern.answer_status == AnswerStatus.PUBLISHED
    assert concern.answer_published_at is not None
    assert mail.outbox[-1].to == [concern.submitter_email]


def test_a_feedback_answer_waits_for_the_head_who_approves_it(ward_a, officer_a, head_a):
    concern = f.drafted(ward_a, officer_a, type=ConcernType.FEEDBACK)
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    assert concern.state == ConcernState.ASSIGNED
    assert concern.answer_status == AnswerStatus.PENDING
    with pytest.raises(ActionForbidden) as excinfo:
        services.concern_answer_approve(actor=officer_a, concern=concern, version=concern.version)
    assert excinfo.value.messages == [str(MSG_NOT_HEAD)]
    concern = services.concern_answer_approve(
        actor=head_a, concern=concern, version=concern.version
    )
    assert concern.state == ConcernState.ANSWERED
    assert concern.answer_approved_by == head_a


def test_the_head_returns_an_answer_for_rework(ward_a, officer_a, head_a):
    concern = f.drafted(ward_a, officer_a, type=ConcernType.FEEDBACK)
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    concern = services.concern_answer_return(
        actor=head_a, concern=concern, version=concern.version, note="Bổ sung căn cứ pháp lý."
    )
    assert concern.answer_status == AnswerStatus.RETURNED
    assert concern.return_count == 1
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        answer_text="Thư mới",
        answer_public_text="Bản công khai mới",
    )
    assert concern.answer_status == AnswerStatus.DRAFT


def test_a_reviewer_cannot_take_back_a_published_answer(ward_a, officer_a, reviewer):
    # A published answer stays in force; the reviewer asks the unit to reconsider it
    # instead (tests/petitions/test_reconsideration.py).
    concern = f.answered(ward_a, officer_a)
    with pytest.raises(ActionForbidden):
        services.concern_answer_return(
            actor=reviewer, concern=concern, version=concern.version, note="Trả lời chưa đầy đủ."
        )
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.state == ConcernState.ANSWERED
    assert concern.answer_published_at is not None
    assert concern.answer_status == AnswerStatus.PUBLISHED


def test_an_officer_cannot_return_an_answer(ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    with pytest.raises(ActionForbidden) as excinfo:
        services.concern_answer_return(
            actor=officer_a, concern=concern, version=concern.version, note="x"
        )
    assert excinfo.value.messages == [str(MSG_CANNOT_RETURN)]
    assert Concern.objects.get(pk=concern.pk).state == ConcernState.ANSWERED


def test_feedback_answers_must_carry_a_verdict_and_explain_what_is_not_accepted(
    ward_a, officer_a, head_a, mttq_a
):
    concern = f.assigned(
        ward_a,
        officer_a,
        type=ConcernType.FEEDBACK,
        channel=ConcernChannel.ORGANISATION,
        organisation=Organisation.FATHERLAND_FRONT,
        submitter_name="",
        submitter_phone="",
        submitter_email="",
        consent=False,
    )
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        answer_text="Thư",
        answer_public_text="Công khai",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.concern_answer_submit(actor=officer_a, concern=concern, version=concern.version)
    assert excinfo.value.messages == [str(MSG_VERDICT_REQUIRED)]
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=fresh(concern),
        version=fresh(concern).version,
        answer_text="Thư",
        answer_public_text="Công khai",
        verdict="partly",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.concern_answer_submit(actor=officer_a, concern=concern, version=concern.version)
    assert excinfo.value.messages == [str(MSG_VERDICT_EXPLANATION_REQUIRED)]
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=fresh(concern).version,
        answer_text="Thư",
        answer_public_text="Công khai",
        verdict="partly",
        verdict_explanation="Chưa tiếp thu đề xuất mở rộng đường vì chưa có quy hoạch.",
    )
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    concern = services.concern_answer_approve(
        actor=head_a, concern=concern, version=concern.version
    )
    assert concern.verdict == "partly"


def test_citizen_accepts_and_the_concern_closes(ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    concern = services.concern_citizen_accept(concern=concern)
    assert concern.state == ConcernState.CLOSED
    assert concern.citizen_verdict == "accepted"
    with pytest.raises(ValidationError):
        services.concern_citizen_dispute(concern=concern, reason="late")


def test_citizen_accepts_an_answer_with_commitments_and_it_is_followed_up_until_all_are_done(
    ward_a, officer_a
):
    concern = f.assigned(ward_a, officer_a)
    first = f.with_commitment(concern, officer_a, what="Sửa đèn")
    second = f.with_commitment(concern, officer_a, what="Cắt tỉa cây")
    concern = fresh(concern)
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        answer_text="a",
        answer_public_text="b",
    )
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    concern = services.concern_citizen_accept(concern=concern)
    assert concern.state == ConcernState.FOLLOWING_UP
    services.commitment_complete(actor=officer_a, commitment=first, note="Đã thay bóng đèn")
    assert fresh(concern).state == ConcernState.FOLLOWING_UP
    services.commitment_complete(actor=officer_a, commitment=second, note="Đã cắt tỉa")
    assert fresh(concern).state == ConcernState.CLOSED
    with pytest.raises(ValidationError):
        services.commitment_complete(actor=officer_a, commitment=second, note="again")


def test_a_dispute_reopens_with_its_own_deadline_and_is_counted(
    ward_a, officer_a, django_capture_on_commit_callbacks
):
    concern = f.answered(ward_a, officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_citizen_dispute(concern=concern, reason="Đèn vẫn chưa sáng.")
    assert concern.state == ConcernState.ASSIGNED
    assert concern.dispute_count == 1
    assert concern.citizen_verdict == "disputed"
    assert concern.due_at >= timezone.localdate() + timedelta(days=30)
    assert mail.outbox[-1].to == [officer_a.email]
    with pytest.raises(ValidationError) as excinfo:
        services.concern_citizen_accept(concern=concern)
    # The citizen has given their verdict on this answer (they disputed it).
    assert messages_of(excinfo) == str(MSG_ALREADY_DECIDED)
    # The new answer tells the citizen the outcome of their dispute.
    concern = services.concern_answer_save(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        answer_text="a",
        answer_public_text="b",
    )
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_answer_submit(
            actor=officer_a, concern=concern, version=concern.version
        )
    assert concern.state == ConcernState.ANSWERED
    assert concern.citizen_verdict == ""
    # The mail is the outcome of the dispute, not another first answer.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("New answer after your dispute of %(code)s")
    assert mail.outbox[-1].subject == subject % {"code": concern.tracking_code}
    assert mail.outbox[-1].to == [concern.submitter_email]


def test_the_citizen_cannot_decide_twice_or_after_the_window(ward_a, officer_a, time_machine=None):
    concern = f.answered(ward_a, officer_a)
    Concern.objects.filter(pk=concern.pk).update(
        answer_published_at=timezone.now() - timedelta(days=40)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.concern_citizen_dispute(concern=concern, reason="x")
    assert str(MSG_WINDOW_CLOSED) in messages_of(excinfo)
    other = f.answered(ward_a, officer_a)
    services.concern_citizen_dispute(concern=other, reason="x")
    with pytest.raises(ValidationError) as excinfo:
        services.concern_citizen_dispute(concern=other, reason="y")
    assert messages_of(excinfo) == str(MSG_ALREADY_DECIDED)


def test_staff_close_only_after_the_citizens_window(ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    with pytest.raises(ValidationError) as excinfo:
        services.concern_close(actor=officer_a, concern=concern, version=concern.version)
    assert "%(date)s" not in excinfo.value.messages[0]
    assert excinfo.value.error_list[0].message == MSG_CLOSE_TOO_EARLY
    Concern.objects.filter(pk=concern.pk).update(
        answer_published_at=timezone.now() - timedelta(days=40)
    )
    concern = services.concern_close(
        actor=officer_a, concern=fresh(concern), version=fresh(concern).version
    )
    assert concern.state == ConcernState.CLOSED


def test_an_extension_needs_the_heads_approval_and_moves_the_due_date_visibly(
    ward_a, officer_a, head_a
):
    concern = f.assigned(ward_a, officer_a)
    old_due = concern.due_at
    extension = services.concern_extension_request(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        new_due=old_due + timedelta(days=15),
        reason="Chờ kết quả đo đạc.",
    )
    assert fresh(concern).due_at == old_due
    with pytest.raises(ActionForbidden) as excinfo:
        services.concern_extension_decide(
            actor=officer_a, extension=extension, version=None, approve=True
        )
    assert excinfo.value.messages == [str(MSG_NOT_HEAD)]
    extension = services.concern_extension_decide(
        actor=head_a, extension=extension, version=None, approve=True
    )
    concern = fresh(concern)
    assert extension.status == ExtensionStatus.APPROVED
    assert concern.due_at == old_due + timedelta(days=15)
    public = concern.transitions.filter(is_public=True).last()
    assert old_due.strftime("%d/%m/%Y") in public.public_note
    with pytest.raises(ValidationError) as excinfo:
        services.concern_extension_request(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=5),
            reason="again",
        )
    assert excinfo.value.error_list[0].message == MSG_EXTENSION_LIMIT


def test_a_refused_extension_leaves_the_due_date(ward_a, officer_a, head_a):
    concern = f.assigned(ward_a, officer_a)
    extension = services.concern_extension_request(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        new_due=concern.due_at + timedelta(days=5),
        reason="r",
    )
    with pytest.raises(ValidationError):
        services.concern_extension_decide(
            actor=head_a, extension=extension, version=None, approve=False
        )
    services.concern_extension_decide(
        actor=head_a, extension=extension, version=None, approve=False, note="Không đủ lý do."
    )
    assert fresh(concern).due_at == concern.due_at


def test_a_pause_stops_the_clock_and_blocks_the_answer(ward_a, officer_a):
    concern = f.drafted(ward_a, officer_a)
    services.concern_pause_start(
        actor=officer_a, concern=concern, version=concern.version, reason="Chờ bổ sung giấy tờ."
    )
    concern = fresh(concern)
    assert concern.is_paused
    assert not concern.is_overdue(concern.due_at + timedelta(days=10))
    with pytest.raises(ValidationError) as excinfo:
        services.concern_answer_submit(actor=officer_a, concern=concern, version=concern.version)
    assert excinfo.value.messages == [str(MSG_PAUSED)]
    services.concern_pause_end(actor=officer_a, concern=concern, version=concern.version)
    assert not fresh(concern).is_paused
    assert fresh(concern).pauses.get().ended_at is not None


def test_an_opinion_answered_on_the_spot_is_stored_and_closed(ward_a, officer_a):
    session = make_session(ward_a, "held", created_by=officer_a)
    concern = services.concern_record_opinion(
        session=session,
        actor=officer_a,
        raised_by="Bà Tư",
        content="Hẻm ngập",
        category=None,
        outcome="answered",
        answer="Đã lên kế hoạch nạo vét.",
    )
    assert concern.state == ConcernState.CLOSED
    assert concern.answer_public_text == "Đã lên kế hoạch nạo vét."
    assert concern.channel == ConcernChannel.SESSION


def test_an_opinion_assigned_at_a_session_gets_unit_officer_and_due_date(ward_a, officer_a, head_a):
    session = make_session(ward_a, "held", created_by=officer_a)
    due = timezone.localdate() + timedelta(days=60)
    concern = services.concern_record_opinion(
        session=session,
        actor=head_a,
        raised_by="",
        content="Xin lắp camera",
        category=None,
        outcome="assigned",
        assignee=officer_a,
        due_at=due,
    )
    assert concern.state == ConcernState.ASSIGNED
    assert concern.assignee == officer_a
    assert concern.due_at == due
    referred = services.concern_record_opinion(
        session=session,
        actor=head_a,
        raised_by="",
        content="Cấp sổ đỏ",
        category=None,
        outcome="referred",
        referred_to="Văn phòng Đăng ký đất đai",
    )
    assert referred.state == ConcernState.REFERRED


def test_every_service_writes_history_and_audit(ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    services.concern_citizen_accept(concern=concern)
    actions = set(
        AuditEntry.objects.filter(object_id=str(concern.pk)).values_list("action", flat=True)
    )
    assert {
        "concern.submitted",
        "concern.accepted",
        "concern.assigned",
        "concern.answered",
        "concern.citizen_accepted",
    } <= actions
    assert history(concern)[-1] == ("answered", "closed")


def test_the_database_refuses_an_unknown_state(ward_a):
    from django.db import IntegrityError, transaction

    concern = f.submit(ward_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(state="lost")


def test_model_clean_explains_the_identity_rule(ward_a):
    concern = Concern(
        unit=ward_a,
        channel=ConcernChannel.WEB,
        type=ConcernType.DENUNCIATION,
        content="x",
        tracking_code="X",
    )
    with pytest.raises(ValidationError) as excinfo:
        concern.clean()
    assert "submitter_name" in excinfo.value.message_dict
