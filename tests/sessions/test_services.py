"""Every state change of a session, legal and illegal, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from dialogue_portal.lib.transitions import ActionForbidden
from sessions import hooks, services
from sessions.models import DialogueSession, SessionAttachment, SessionState, SessionTransition
from tests.factories.files import pdf_upload, png_upload
from tests.factories.sessions import days, make_session, plan_fields

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


def _audit_actions(session) -> list[str]:
    return list(
        AuditEntry.objects.for_object(session).order_by("id").values_list("action", flat=True)
    )


def test_officer_creates_a_draft_with_a_history_row_and_an_audit_entry(ward_a, officer_a):
    session = services.session_create(
        actor=officer_a, unit=ward_a, fields=plan_fields(topic="Đối thoại về chống ngập")
    )

    assert session.state == SessionState.DRAFT
    assert session.search_text == "doi thoai ve chong ngap hoi truong ubnd phuong"
    row = session.transitions.get()
    assert (row.from_state, row.to_state, row.actor) == ("", SessionState.DRAFT, officer_a)
    assert _audit_actions(session) == ["session.created"]


def test_officer_cannot_create_a_session_for_another_ward(ward_b, officer_a):
    with pytest.raises(ActionForbidden) as exc:
        services.session_create(actor=officer_a, unit=ward_b, fields=plan_fields())
    assert str(services.MSG_UNIT_NOT_ALLOWED) in _messages(exc)
    assert not DialogueSession.objects.exists()


def test_full_lifecycle_draft_to_closed_writes_history_and_audit(
    ward_a, officer_a, head_a, django_capture_on_commit_callbacks
):
    session = services.session_create(actor=officer_a, unit=ward_a, fields=plan_fields())
    with django_capture_on_commit_callbacks(execute=True):
        services.session_submit(actor=officer_a, session_id=session.pk)
    assert [m.to for m in mail.outbox] == [[head_a.email]]
    services.session_approve(actor=head_a, session_id=session.pk)
    session = services.session_announce(actor=officer_a, session_id=session.pk)
    assert session.announced_at is not None
    assert session.notice_working_days >= 5 and not session.is_late_notice

    # The session took place: pretend its dates were in the past.
    DialogueSession.objects.filter(pk=session.pk).update(
        planned_start=days(-2), planned_end=days(-2) + timedelta(hours=2)
    )
    session = services.session_record_held(
        actor=officer_a,
        session_id=session.pk,
        actual_start=days(-2),
        actual_end=days(-2) + timedelta(hours=2),
        chaired_by_role="chair",
        chaired_by_name="Phạm Minh Hùng",
        attendance_count=120,
        minutes_text="Biên bản",
        uploads=[services.Upload("minutes", pdf_upload()), services.Upload("photo", png_upload())],
    )
    assert session.state == SessionState.HELD
    assert session.conclusions_due > timezone.localdate() - timedelta(days=2)
    assert SessionAttachment.objects.filter(session=session).count() == 2

    session = services.session_save_conclusions(
        actor=officer_a,
        session_id=session.pk,
        expected_version=session.version,
        fields={"conclusions_date": timezone.localdate(), "conclusions_text": "Kết luận"},
        signer_id=head_a.pk,
    )
    session = services.session_issue_conclusions(actor=head_a, session_id=session.pk)
    assert session.state == SessionState.CONCLUDED
    # The Chủ tịch chaired: a state notice, numbered in the UBND's register.
    assert session.conclusions_number == "1/TB-UBND"
    assert session.chaired_by_position == "Chủ tịch Ủy ban nhân dân phường Bến Thành"
    session = services.session_close(actor=officer_a, session_id=session.pk)
    assert session.state == SessionState.CLOSED

    states = list(session.transitions.values_list("from_state", "to_state"))
    assert states == [
        ("", "draft"),
        ("draft", "draft"),  # submitted for approval
        ("draft", "planned"),
        ("planned", "announced"),
        ("announced", "held"),
        ("held", "concluded"),
        ("concluded", "closed"),
    ]
    assert _audit_actions(session) == [
        "session.created",
        "session.submitted",
        "session.approved",
        "session.announced",
        "session.held",
        "session.conclusions_saved",
        "session.conclusions_issued",
        "session.closed",
    ]


@pytest.mark.parametrize(
    ("state", "call", "message"),
    [
        ("planned", "approve", services.MSG_APPROVE_NOT_DRAFT),
        ("announced", "submit", services.MSG_SUBMIT_NOT_DRAFT),
        ("draft", "announce", services.MSG_ANNOUNCE_WRONG_STATE),
        ("held", "announce", services.MSG_ANNOUNCE_WRONG_STATE),
        ("planned", "postpone", services.MSG_POSTPONE_WRONG_STATE),
        ("held", "postpone", services.MSG_POSTPONE_WRONG_STATE),
        ("held", "cancel", services.MSG_CANCEL_HELD),
        ("concluded", "cancel", services.MSG_CANCEL_HELD),
        ("closed", "cancel", services.MSG_CANCEL_HELD),
        ("cancelled", "cancel", services.MSG_CANCEL_ALREADY),
        ("planned", "hold", services.MSG_HOLD_WRONG_STATE),
        ("postponed", "hold", services.MSG_HOLD_POSTPONED),
        ("announced", "issue", services.MSG_CONCLUSIONS_WRONG_STATE),
        ("held", "close", services.MSG_CLOSE_WRONG_STATE),
        ("cancelled", "close", services.MSG_CLOSE_WRONG_STATE),
    ],
)
def test_illegal_transitions_are_refused_with_a_reason_and_change_nothing(
    ward_a, head_a, state, call, message
):
    session = make_session(ward_a, state)
    before = (session.state, session.version, session.transitions.count())
    calls = {
        "approve": lambda: services.session_approve(actor=head_a, session_id=session.pk),
        "submit": lambda: services.session_submit(actor=head_a, session_id=session.pk),
        "announce": lambda: services.session_announce(
            actor=head_a, session_id=session.pk, late_reason="x"
        ),
        "postpone": lambda: services.session_postpone(
            actor=head_a, session_id=session.pk, reason="x", new_start=days(40), new_end=days(40.1)
        ),
        "cancel": lambda: services.session_cancel(actor=head_a, session_id=session.pk, reason="x"),
        "hold": lambda: services.session_record_held(
            actor=head_a,
            session_id=session.pk,
            actual_start=days(-1),
            actual_end=None,
            chaired_by_role="chair",
            chaired_by_name="A",
            attendance_count=1,
        ),
        "issue": lambda: services.session_issue_conclusions(actor=head_a, session_id=session.pk),
        "close": lambda: services.session_close(actor=head_a, session_id=session.pk),
    }
    with pytest.raises(ValidationError) as exc:
        calls[call]()
    label = str(SessionState(state).label)
    expected = str(message) % {"state": label} if "%(state)s" in str(message) else str(message)
    assert expected in _messages(exc)
    session.refresh_from_db()
    assert (session.state, session.version, session.transitions.count()) == before


def test_only_the_unit_head_may_approve(ward_a, officer_a):
    session = make_session(ward_a, "draft")
    with pytest.raises(ActionForbidden) as exc:
        services.session_approve(actor=officer_a, session_id=session.pk)
    assert str(services.MSG_APPROVE_NOT_HEAD) in _messages(exc)


def test_submitting_twice_is_refused(ward_a, officer_a):
    session = make_session(ward_a, "draft")
    services.session_submit(actor=officer_a, session_id=session.pk)
    with pytest.raises(ValidationError, match="already been submitted"):
        services.session_submit(actor=officer_a, session_id=session.pk)


# --- Late notice --------------------------------------------------------------------------


def test_officer_cannot_announce_with_late_notice(ward_a, officer_a):
    session = make_session(ward_a, "planned", planned_start=days(1))
    with pytest.raises(ValidationError) as exc:
        services.session_announce(actor=officer_a, session_id=session.pk, late_reason="urgent")
    assert "Only the unit head may announce with late notice" in _messages(exc)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED and session.announced_at is None


def test_head_must_give_a_reason_for_late_notice(ward_a, head_a):
    session = make_session(ward_a, "planned", planned_start=days(1))
    with pytest.raises(ValidationError) as exc:
        services.session_announce(actor=head_a, session_id=session.pk, late_reason="  ")
    assert "Give the reason for announcing late" in _messages(exc)
    assert "late_reason" in exc.value.error_dict


def test_head_announces_with_late_notice_and_it_is_recorded(ward_a, head_a):
    session = make_session(ward_a, "planned", planned_start=days(1))
    session = services.session_announce(
        actor=head_a, session_id=session.pk, late_reason="Sự cố khẩn cấp"
    )

    assert session.state == SessionState.ANNOUNCED
    assert session.is_late_notice
    assert session.late_notice_reason == "Sự cố khẩn cấp"
    assert session.notice_working_days < 5
    row = session.transitions.last()
    assert row.note == "Sự cố khẩn cấp" and row.data["late"] is True


def test_announcing_with_enough_notice_is_not_late_and_ignores_a_reason(ward_a, officer_a):
    session = make_session(ward_a, "planned", planned_start=days(30))
    session = services.session_announce(
        actor=officer_a, session_id=session.pk, late_reason="not needed"
    )
    assert not session.is_late_notice and session.late_notice_reason == ""


def test_announcing_a_session_whose_start_has_passed_is_refused(ward_a, head_a):
    session = make_session(ward_a, "planned", planned_start=days(-1))
    with pytest.raises(ValidationError) as exc:
        services.session_announce(actor=head_a, session_id=session.pk, late_reason="x")
    assert "already passed" in _messages(exc)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED


def test_notice_rule_is_read_from_the_admin_editable_rules(ward_a, officer_a):
    from sessions.models import TimingRule

    TimingRule.objects.update_or_create(
        kind="notice",
        session_kind="",
        defaults={"days": 60, "working_days": True, "legal_basis": "Test"},
    )
    session = make_session(ward_a, "planned", planned_start=days(30))
    with pytest.raises(ValidationError, match="60 working days"):
        services.session_announce(actor=officer_a, session_id=session.pk)


# --- Postpone and cancel -------------------------------------------------------------------


def test_postponing_keeps_the_old_date_in_history_and_raises_the_calendar_sequence(
    ward_a, officer_a
):
    session = make_session(ward_a, "announced", planned_start=days(10))
    old_start = session.planned_start
    new_start = days(20)
    session = services.session_postpone(
        actor=officer_a,
        session_id=session.pk,
        reason="Mưa bão",
        new_start=new_start,
        new_end=new_start + timedelta(hours=2),
    )
    assert session.state == SessionState.POSTPONED
    assert session.planned_start == new_start
    assert session.sequence == 1
    row = session.transitions.last()
    assert row.note == "Mưa bão"
    assert row.data["old_start"] == old_start.isoformat()
    assert "Moved from" in row.event_text


def test_a_postponed_session_is_announced_again_at_its_new_date(ward_a, officer_a):
    session = make_session(ward_a, "postponed", planned_start=days(20))
    session = services.session_announce(actor=officer_a, session_id=session.pk)
    assert session.state == SessionState.ANNOUNCED
    assert session.postponed_reason == "Trùng lịch"  # the record of the postponement stays


def test_postponing_needs_a_reason_and_a_future_date(ward_a, officer_a):
    session = make_session(ward_a, "announced", planned_start=days(10))
    with pytest.raises(ValidationError) as exc:
        services.session_postpone(
            actor=officer_a, session_id=session.pk, reason="", new_start=days(-1), new_end=days(-2)
        )
    assert set(exc.value.error_dict) == {"reason", "new_start", "new_end"}
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED and session.sequence == 0


def test_cancelling_an_announced_session_keeps_it_public_and_raises_the_sequence(ward_a, officer_a):
    session = make_session(ward_a, "announced")
    session = services.session_cancel(
        actor=officer_a, session_id=session.pk, reason="Không đủ điều kiện"
    )
    assert session.state == SessionState.CANCELLED and session.is_public and session.sequence == 1
    assert DialogueSession.objects.public().filter(pk=session.pk).exists()


def test_a_plan_cancelled_before_its_announcement_never_becomes_public(ward_a, officer_a):
    session = make_session(ward_a, "planned")
    services.session_cancel(actor=officer_a, session_id=session.pk, reason="Không cần nữa")
    assert not DialogueSession.objects.public().filter(pk=session.pk).exists()


def test_cancelling_needs_a_reason(ward_a, officer_a):
    session = make_session(ward_a, "announced")
    with pytest.raises(ValidationError, match="Give a reason"):
        services.session_cancel(actor=officer_a, session_id=session.pk, reason=" ")


# --- Held, conclusions, close ------------------------------------------------------------------


def test_recording_a_session_held_in_the_future_is_refused(ward_a, officer_a):
    session = make_session(ward_a, "announced", planned_start=days(2))
    with pytest.raises(ValidationError) as exc:
        services.session_record_held(
            actor=officer_a,
            session_id=session.pk,
            actual_start=days(2),
            actual_end=None,
            chaired_by_role="chair",
            chaired_by_name="A",
            attendance_count=None,
        )
    assert "in the future" in _messages(exc)


def test_conclusions_due_date_follows_the_working_day_rule(ward_a, officer_a):
    from workcalendar.calendar import compute_due

    session = make_session(ward_a, "announced", planned_start=days(-3))
    session = services.session_record_held(
        actor=officer_a,
        session_id=session.pk,
        actual_start=days(-3),
        actual_end=None,
        chaired_by_role="chair",
        chaired_by_name="A",
        attendance_count=10,
    )
    held_on = timezone.localtime(days(-3)).date()
    assert session.conclusions_due == compute_due(held_on, 10, working=True).due


def test_only_the_unit_head_issues_the_conclusions(ward_a, officer_a):
    session = make_session(ward_a, "held")
    services.session_save_conclusions(
        actor=officer_a,
        session_id=session.pk,
        expected_version=session.version,
        fields={
            "conclusions_number": "1/TB",
            "conclusions_date": timezone.localdate(),
            "conclusions_signer_name": "A",
            "conclusions_signer_position": "Chủ tịch",
            "conclusions_text": "x",
        },
    )
    with pytest.raises(ActionForbidden) as exc:
        services.session_issue_conclusions(actor=officer_a, session_id=session.pk)
    assert str(services.MSG_ISSUE_NOT_SIGNER) in _messages(exc)


def test_incomplete_conclusions_cannot_be_issued(ward_a, head_a):
    session = make_session(ward_a, "held")
    with pytest.raises(ValidationError) as exc:
        services.session_issue_conclusions(actor=head_a, session_id=session.pk)
    assert "the person who signs" in _messages(exc)
    assert "the text of the conclusions" in _messages(exc)


def test_close_guards_block_closing_and_their_reasons_are_shown(ward_a, officer_a, monkeypatch):
    monkeypatch.setattr(hooks, "_close_guards", [lambda s: ["2 opinions are not answered yet"]])
    session = make_session(ward_a, "concluded")
    with pytest.raises(ValidationError) as exc:
        services.session_close(actor=officer_a, session_id=session.pk)
    assert "2 opinions are not answered yet" in _messages(exc)
    session.refresh_from_db()
    assert session.state == SessionState.CONCLUDED


def test_commitments_from_every_provider_are_listed_by_due_date(ward_a, monkeypatch):
    early = hooks.Commitment(
        "Nạo vét cống", "Phòng Kinh tế", timezone.localdate(), "Đang làm", False
    )
    late = hooks.Commitment(
        "Lắp đèn", "Điện lực", timezone.localdate() + timedelta(days=9), "Xong", True
    )
    undated = hooks.Commitment("Trả lời bằng văn bản", "Văn phòng", None, "Chờ", False)
    monkeypatch.setattr(
        hooks, "_commitments_providers", [lambda s: [undated, late], lambda s: [early]]
    )
    assert hooks.commitments_for(make_session(ward_a, "held")) == [early, late, undated]


def test_history_rows_are_one_per_change(ward_a, officer_a, head_a):
    session = make_session(ward_a, "draft")
    services.session_approve(actor=head_a, session_id=session.pk)
    services.session_announce(actor=officer_a, session_id=session.pk)
    assert SessionTransition.objects.filter(session=session).count() == 2


def test_the_bi_thus_conclusions_are_a_party_notice_that_only_the_party_side_issues(
    ward_a, secretary_a, party_officer_a, head_a, officer_a
):
    session = make_session(
        ward_a,
        "held",
        kind="reception",
        hosts="party_secretary",
        chaired_by_role="party_secretary",
        chaired_by_name="Nguyễn Văn Hải",
        chaired_by_position="Bí thư Đảng ủy phường Bến Thành",
    )
    assert session.issuer_institution == "party"
    # The UBND's officer cannot write the Party's notice, nor can the Chủ tịch issue it.
    with pytest.raises(ActionForbidden):
        services.session_save_conclusions(
            actor=officer_a,
            session_id=session.pk,
            expected_version=session.version,
            fields={"conclusions_date": timezone.localdate(), "conclusions_text": "Kết luận"},
        )
    session = services.session_save_conclusions(
        actor=party_officer_a,
        session_id=session.pk,
        expected_version=session.version,
        fields={"conclusions_date": timezone.localdate(), "conclusions_text": "Kết luận"},
        signer_id=secretary_a.pk,
    )
    with pytest.raises(ActionForbidden):
        services.session_issue_conclusions(actor=head_a, session_id=session.pk)
    session = services.session_issue_conclusions(actor=secretary_a, session_id=session.pk)
    assert session.conclusions_number == "1-TB/ĐU"
    assert session.conclusions_signer_rank == "head"


def test_only_a_signer_of_the_issuing_body_can_be_chosen_to_sign(ward_a, officer_a, secretary_a):
    session = make_session(ward_a, "held")  # the Chủ tịch chaired: the UBND issues
    with pytest.raises(ValidationError) as exc:
        services.session_save_conclusions(
            actor=officer_a,
            session_id=session.pk,
            expected_version=session.version,
            fields={"conclusions_date": timezone.localdate(), "conclusions_text": "Kết luận"},
            signer_id=secretary_a.pk,
        )
    assert "conclusions_signer" in exc.value.error_dict


def test_a_deputy_signs_for_the_head_and_the_numbers_follow_each_other(
    ward_a, officer_a, vice_chair_a
):
    numbers = []
    for _ in range(2):
        session = make_session(ward_a, "held")
        session = services.session_save_conclusions(
            actor=officer_a,
            session_id=session.pk,
            expected_version=session.version,
            fields={"conclusions_date": timezone.localdate(), "conclusions_text": "Kết luận"},
            signer_id=vice_chair_a.pk,
        )
        session = services.session_issue_conclusions(actor=vice_chair_a, session_id=session.pk)
        numbers.append(session.conclusions_number)
        assert session.conclusions_signer_rank == "deputy"
    assert numbers == ["1/TB-UBND", "2/TB-UBND"]


def test_a_party_officer_cannot_plan_the_chairs_session(ward_a, party_officer_a):
    with pytest.raises(ValidationError) as exc:
        services.session_create(
            actor=party_officer_a, unit=ward_a, fields=plan_fields(kind="reception", hosts="chair")
        )
    assert "hosts" in exc.value.error_dict
    session = services.session_create(
        actor=party_officer_a,
        unit=ward_a,
        fields=plan_fields(kind="reception", hosts="party_secretary"),
    )
    assert session.institutions == ("party",)


def test_a_conference_is_chaired_by_the_peoples_committee_and_published_by_it(ward_a, officer_a):
    session = make_session(ward_a, "announced", kind="conference", planned_start=days(-1))
    held = {
        "actor": officer_a,
        "session_id": session.pk,
        "actual_start": days(-1),
        "actual_end": days(-1) + timedelta(hours=2),
        "chaired_by_name": "Nguyễn Văn Hải",
        "attendance_count": 90,
    }
    with pytest.raises(ValidationError) as exc:
        services.session_record_held(chaired_by_role="party_secretary", **held)
    assert "chaired_by_role" in exc.value.error_dict
    held["chaired_by_name"] = "Phạm Minh Hùng"
    session = services.session_record_held(
        chaired_by_role="chair", co_chairs="Lê Thị Mai, Chủ tịch Ủy ban MTTQ", **held
    )
    assert session.issuer_institution == "state"
    assert session.co_chairs.startswith("Lê Thị Mai")
