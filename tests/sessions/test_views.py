"""The staff pages: happy paths, and bad input that gets a clear message and changes nothing."""

import html
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from sessions import services
from sessions.models import DialogueSession, SessionAttachment, SessionState
from tests.factories.files import jpeg_upload, pdf_upload, png_upload
from tests.factories.sessions import days, make_session, plan_fields

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


def _local(value) -> str:
    return timezone.localtime(value).strftime(FMT)


def plan_post(unit=None, **overrides) -> dict:
    start = overrides.pop("start", days(30))
    data = {
        "kind": "conference",
        "topic": "Hội nghị đối thoại về chống ngập",
        "description": "",
        "planned_start": _local(start),
        "planned_end": _local(start + timedelta(hours=2)),
        "format": "in_person",
        "place": "Hội trường UBND phường",
        "online_link": "",
        "hosts": "both",
        "party_secretary_name": "Nguyễn Văn Hải",
        "chair_name": "Trần Minh Tuấn",
        "delegate_name": "",
        "delegate_position": "",
        "co_organisers": ["mttq"],
        "other_co_organisers": "",
        "target_audience": "",
        "expected_attendance": "",
        "how_to_take_part": "",
    }
    if unit is not None:
        data["unit"] = unit.pk
    data.update(overrides)
    return data


def _page(response) -> str:
    return html.unescape(response.content.decode())


def post_action(client, name: str, session, data=None, **kwargs):
    """POST an action as its page does: with the version of the session the page shows."""
    version = DialogueSession.objects.get(pk=session.pk).version
    return client.post(
        reverse(f"sessions:{name}", args=[session.pk]),
        {"version": version, **(data or {})},
        **kwargs,
    )


# --- Create and edit --------------------------------------------------------------------------


def test_officer_plans_a_session(client, officer_a, ward_a):
    client.force_login(officer_a)
    response = client.post(reverse("sessions:create"), plan_post(ward_a))
    session = DialogueSession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "sessions:detail", args=[session.pk]
    )
    assert session.state == SessionState.DRAFT and session.created_by == officer_a
    assert session.co_organisers == ["mttq"]


def test_create_page_offers_only_the_users_units_and_filters_them(
    client, officer_a, ward_a, ward_b
):
    client.force_login(officer_a)
    response = client.get(reverse("sessions:create"))
    assert list(response.context["form"].fields["unit"].queryset) == [ward_a]
    response = client.post(reverse("sessions:create"), plan_post(ward_b))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not DialogueSession.objects.exists()


def test_admin_unit_picker_filters_accent_insensitively(client, admin_user, ward_a, ward_b):
    client.force_login(admin_user)
    response = client.get(reverse("sessions:create"), {"unit_q": "can gio"})
    assert list(response.context["form"].fields["unit"].queryset) == [ward_b]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"planned_end": _local(days(29))}, "planned_end", services.MSG_END_BEFORE_START),
        (
            {"format": "online", "online_link": "", "place": ""},
            "online_link",
            services.MSG_ONLINE_NEEDS_LINK,
        ),
        (
            {"format": "hybrid", "online_link": "https://meet.example/x", "place": ""},
            "place",
            services.MSG_PLACE_REQUIRED,
        ),
        (
            {"party_secretary_name": "", "chair_name": ""},
            "party_secretary_name",
            services.MSG_HOST_NAME_REQUIRED,
        ),
    ],
)
def test_bad_plan_gets_a_clear_message_keeps_the_input_and_saves_nothing(
    client, officer_a, ward_a, overrides, field, message
):
    client.force_login(officer_a)
    response = client.post(reverse("sessions:create"), plan_post(ward_a, **overrides))
    assert response.status_code == 200
    assert str(message) in response.context["form"].errors[field]
    assert "Hội nghị đối thoại về chống ngập" in _page(response)  # nothing typed is lost
    assert not DialogueSession.objects.exists()


def test_officer_edits_a_plan(client, officer_a, ward_a):
    session = make_session(ward_a, "planned")
    client.force_login(officer_a)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]),
        plan_post(topic="Chủ đề mới", version=session.version),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic == "Chủ đề mới" and session.version == 2


def test_moving_an_announced_session_raises_its_calendar_sequence_and_keeps_the_old_date(
    client, officer_a, ward_a
):
    old_start = days(20)
    session = make_session(ward_a, "announced", planned_start=old_start)
    client.force_login(officer_a)
    client.post(
        reverse("sessions:edit", args=[session.pk]),
        plan_post(start=days(22), topic=session.topic, version=session.version),
    )
    session.refresh_from_db()
    assert session.sequence == 1
    row = session.transitions.last()
    assert row.data["event"] == "rescheduled" and row.data["old_start"] == old_start.isoformat()


def test_editing_a_held_sessions_plan_is_refused_and_changes_nothing(client, officer_a, ward_a):
    session = make_session(ward_a, "held")
    client.force_login(officer_a)
    response = client.get(reverse("sessions:edit", args=[session.pk]), follow=True)
    assert "can no longer be changed" in _page(response)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]),
        plan_post(topic="Sửa lén", version=session.version),
        follow=True,
    )
    assert "can no longer be changed" in _page(response)
    session.refresh_from_db()
    assert session.topic != "Sửa lén" and session.version == 1


def test_editing_a_held_plan_through_the_service_is_refused_too(officer_a, ward_a):
    from django.core.exceptions import ValidationError

    session = make_session(ward_a, "concluded")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.session_update_plan(
            actor=officer_a, session_id=session.pk, expected_version=1, fields={"topic": "x"}
        )


def test_a_stale_edit_form_shows_the_current_values_and_does_not_overwrite(
    client, officer_a, head_a, ward_a
):
    session = make_session(ward_a, "planned", topic="Ban đầu")
    stale_version = session.version
    # Someone else saves first.
    services.session_update_plan(
        actor=head_a,
        session_id=session.pk,
        expected_version=stale_version,
        fields={**{k: getattr(session, k) for k in services.PLAN_FIELDS}, "topic": "Trưởng đã sửa"},
    )
    client.force_login(officer_a)
    response = client.post(
        reverse("sessions:edit", args=[session.pk]),
        plan_post(topic="Cán bộ sửa", version=stale_version),
    )
    assert response.status_code == 200
    page = _page(response)
    assert "Someone else changed this session" in page
    assert response.context["form"]["topic"].value() == "Trưởng đã sửa"  # the current values
    assert ("Topic", "Cán bộ sửa") in response.context["unsaved"]  # what the user typed, kept
    session.refresh_from_db()
    assert session.topic == "Trưởng đã sửa"


# --- Transitions through the pages ------------------------------------------------------------


def test_submit_and_approve_buttons(client, officer_a, head_a, ward_a):
    session = make_session(ward_a, "draft")
    client.force_login(officer_a)
    post_action(
        client,
        "submit",
        session,
    )
    client.force_login(head_a)
    response = post_action(client, "approve", session, follow=True)
    assert "The plan was approved" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED and session.approved_by == head_a


def test_an_illegal_transition_from_a_button_says_why(client, head_a, ward_a):
    session = make_session(ward_a, "announced")
    client.force_login(head_a)
    response = post_action(client, "approve", session, follow=True)
    assert response.status_code == 409
    assert "Only a draft plan can be approved" in _page(response)


def test_officer_announcing_late_is_told_only_the_head_may(client, officer_a, ward_a):
    session = make_session(ward_a, "planned", planned_start=days(1))
    client.force_login(officer_a)
    page = _page(client.get(reverse("sessions:announce", args=[session.pk])))
    assert "This is late notice. Only the unit head may announce it now" in page
    response = post_action(client, "announce", session, {"late_reason": "Khẩn"})
    assert "Only the unit head may announce with late notice" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED


def test_head_announces_late_with_a_reason_through_the_page(client, head_a, ward_a):
    session = make_session(ward_a, "planned", planned_start=days(1))
    client.force_login(head_a)
    response = post_action(client, "announce", session, {"late_reason": ""})
    assert "Give the reason for announcing late" in _page(response)
    post_action(client, "announce", session, {"late_reason": "Sự cố khẩn cấp"})
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED and session.is_late_notice


def test_announcing_a_session_in_the_past_is_refused_with_a_clear_message(client, head_a, ward_a):
    session = make_session(ward_a, "planned", planned_start=days(-1))
    client.force_login(head_a)
    response = post_action(client, "announce", session, {"late_reason": "x"})
    assert "has already passed" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.PLANNED and session.announced_at is None


def test_action_page_in_the_wrong_state_sends_back_with_the_reason(client, officer_a, ward_a):
    session = make_session(ward_a, "draft")
    client.force_login(officer_a)
    response = client.get(reverse("sessions:announce", args=[session.pk]), follow=True)
    assert "A draft needs the unit head's approval first" in _page(response)


def test_postpone_and_cancel_pages(client, officer_a, ward_a):
    session = make_session(ward_a, "announced", planned_start=days(10))
    client.force_login(officer_a)
    post_action(
        client,
        "postpone",
        session,
        {
            "new_start": _local(days(15)),
            "new_end": _local(days(15) + timedelta(hours=2)),
            "reason": "Mưa bão",
        },
    )
    session.refresh_from_db()
    assert session.state == SessionState.POSTPONED
    post_action(client, "cancel", session, {"reason": "Không tổ chức nữa"})
    session.refresh_from_db()
    assert session.state == SessionState.CANCELLED


def test_cancel_page_of_a_held_session_says_it_cannot_be_cancelled(client, officer_a, ward_a):
    session = make_session(ward_a, "held")
    client.force_login(officer_a)
    response = post_action(client, "cancel", session, {"reason": "x"}, follow=True)
    assert "a held session cannot be cancelled" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.HELD


def _held_post(**extra) -> dict:
    data = {
        "actual_start": _local(days(-1)),
        "actual_end": _local(days(-1) + timedelta(hours=2)),
        "chaired_by_role": "chair",
        "chaired_by_name": "Phạm Minh Hùng",
        "attendance_count": "85",
        "bodies_present": "Đảng ủy, UBND, MTTQ",
        "minutes_text": "",
        "recording_link": "",
    }
    data.update(extra)
    return data


def test_officer_records_a_session_held_with_files(client, officer_a, ward_a):
    session = make_session(ward_a, "announced", planned_start=days(-1))
    client.force_login(officer_a)
    response = post_action(
        client,
        "record_held",
        session,
        _held_post(
            minutes_file=pdf_upload(),
            photos=[png_upload(), jpeg_upload()],
            sign_in_sheet=jpeg_upload("ds.jpg"),
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.state == SessionState.HELD and session.attendance_count == 85
    kinds = sorted(
        SessionAttachment.objects.filter(session=session).values_list("kind", "content_kind")
    )
    assert kinds == [
        ("minutes", "pdf"),
        ("photo", "jpeg"),
        ("photo", "png"),
        ("sign_in_sheet", "jpeg"),
    ]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {
                "minutes_file": SimpleUploadedFile(
                    "bien-ban.pdf", b"just text pretending", "application/pdf"
                )
            },
            "not an allowed type",
        ),
        ({"minutes_file": png_upload("bien-ban.pdf")}, "not an allowed type"),
        ({"photos": [pdf_upload("anh.jpg")]}, "not an allowed type"),
        (
            {
                "sign_in_sheet": SimpleUploadedFile(
                    "ds.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"
                )
            },
            "damaged",
        ),
    ],
)
def test_disguised_uploads_are_refused_and_nothing_is_recorded(
    client, officer_a, ward_a, files, message
):
    session = make_session(ward_a, "announced", planned_start=days(-1))
    client.force_login(officer_a)
    response = post_action(client, "record_held", session, _held_post(**files))
    assert response.status_code == 200
    assert message in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED
    assert not SessionAttachment.objects.exists()
    assert _held_post()["chaired_by_name"] in _page(response)  # the typed facts are still there


def test_oversize_upload_is_refused(client, officer_a, ward_a, settings):
    settings.UPLOAD_MAX_BYTES = 300
    session = make_session(ward_a, "announced", planned_start=days(-1))
    client.force_login(officer_a)
    response = post_action(client, "record_held", session, _held_post(minutes_file=pdf_upload()))
    assert "the limit is 300" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED and not SessionAttachment.objects.exists()


def test_recording_held_for_a_future_time_is_refused(client, officer_a, ward_a):
    session = make_session(ward_a, "announced", planned_start=days(2))
    client.force_login(officer_a)
    response = post_action(
        client,
        "record_held",
        session,
        _held_post(actual_start=_local(days(2)), actual_end=_local(days(2) + timedelta(hours=1))),
    )
    assert "is in the future" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED


def test_files_can_be_added_later_and_bad_ones_are_refused(client, officer_a, ward_a):
    session = make_session(ward_a, "held")
    client.force_login(officer_a)
    post_action(client, "add_attachments", session, {"photos": [png_upload()]})
    assert session.attachments.count() == 1
    response = post_action(
        client,
        "add_attachments",
        session,
        {"minutes_file": png_upload("x.pdf")},
        follow=True,
    )
    assert "not an allowed type" in _page(response)
    assert session.attachments.count() == 1


def test_conclusions_are_written_previewed_issued_and_printed(
    client, officer_a, head_a, ward_a, monkeypatch
):
    from sessions import hooks

    monkeypatch.setattr(
        hooks,
        "_commitments_providers",
        [
            lambda s: [
                hooks.Commitment(
                    "Nạo vét cống Lê Lợi",
                    "Ủy ban nhân dân phường Bến Thành",
                    timezone.localdate(),
                    "Đang làm",
                    False,
                )
            ]
        ],
    )
    session = make_session(ward_a, "held")  # chaired by the Chủ tịch: a state notice
    client.force_login(officer_a)
    form = _page(client.get(reverse("sessions:conclusions", args=[session.pk])))
    # Who may sign: the UBND's heads, never the Party's; the chair is proposed.
    assert "Phạm Minh Hùng" in form and 'name="conclusions_number"' not in form
    client.post(
        reverse("sessions:conclusions", args=[session.pk]),
        {
            "version": session.version,
            "conclusions_date": timezone.localdate().isoformat(),
            "conclusions_signer": head_a.pk,
            "conclusions_text": "Giao phòng chuyên môn xử lý.",
        },
    )
    preview = _page(client.get(reverse("sessions:conclusions", args=[session.pk])))
    assert "Số: ……/TB-UBND" in preview and "Nạo vét cống Lê Lợi" in preview
    assert "DỰ THẢO" in preview
    # The officer may not issue it.
    assert post_action(client, "issue_conclusions", session).status_code == 403
    client.force_login(head_a)
    post_action(client, "issue_conclusions", session)
    session.refresh_from_db()
    assert session.state == SessionState.CONCLUDED
    assert session.conclusions_number == "1/TB-UBND"
    printed = _page(client.get(reverse("sessions:conclusions_print", args=[session.pk])))
    for text in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1/TB-UBND",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Giao phòng chuyên môn xử lý.",
        "Nạo vét cống Lê Lợi",
        "Phạm Minh Hùng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Bến Thành",
        "Lưu: VT.",
    ):
        assert text in printed, text
    assert "DỰ THẢO" not in printed
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in printed


def test_print_view_reads_like_an_official_document_with_prose_time_and_place(
    client, officer_a, ward_a, settings
):
    session = make_session(ward_a, "concluded")
    client.force_login(officer_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = _page(client.get(reverse("sessions:conclusions_print", args=[session.pk])))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Độc lập - Tự do - Hạnh phúc" in page
    assert "THÔNG BÁO" in page
    assert "Kết luận của đồng chí Trần Minh Tuấn, Chủ tịch Ủy ban nhân dân phường Bến Thành" in page
    today = timezone.localdate()
    day = f"{today.day:02d}" if today.day < 10 else str(today.day)
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    assert f"Bến Thành, ngày {day} tháng {month} năm {today:%Y}" in page
    assert "Phường Bến Thành, ngày" not in page
    start = timezone.localtime(session.actual_start)
    assert (
        f"Vào hồi {start:%H} giờ {start:%M} phút, ngày {start.day}/{start.month}/{start:%Y}" in page
    )


def test_a_session_the_bi_thu_chaired_is_a_party_notice_in_print_and_in_word(
    client, secretary_a, ward_a
):
    from docx import Document

    session = make_session(
        ward_a,
        "concluded",
        kind="reception",
        hosts="party_secretary",
        chaired_by_role="party_secretary",
        chaired_by_name="Nguyễn Văn Hải",
        chaired_by_position="Bí thư Đảng ủy phường Bến Thành",
    )
    client.force_login(secretary_a)
    page = _page(client.get(reverse("sessions:conclusions_print", args=[session.pk])))
    for text in (
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 1-TB/ĐU",
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Lưu Văn phòng Đảng ủy.",
    ):
        assert text in page, text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in page
    response = client.get(reverse("sessions:conclusions_docx", args=[session.pk]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(response.content))
    heading = document.tables[0]
    left, right = heading.rows[0].cells
    assert "ĐẢNG ỦY PHƯỜNG BẾN THÀNH" in left.text and "Số 1-TB/ĐU" in left.text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right.text
    everything = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "T/M ĐẢNG ỦY" in everything and "Nguyễn Văn Hải" in everything


def test_conclusions_stale_form_does_not_overwrite(client, officer_a, ward_a):
    session = make_session(ward_a, "held")
    client.force_login(officer_a)
    data = {
        "version": session.version,
        "conclusions_text": "Bản của tôi",
    }
    services.session_save_conclusions(
        actor=officer_a,
        session_id=session.pk,
        expected_version=session.version,
        fields={"conclusions_text": "Bản khác"},
    )
    response = client.post(reverse("sessions:conclusions", args=[session.pk]), data)
    assert "Someone else changed this session" in _page(response)
    session.refresh_from_db()
    assert session.conclusions_text == "Bản khác"


def test_detail_page_shows_history_and_what_is_due_next(client, officer_a, ward_a):
    session = make_session(ward_a, "held", conclusions_due=timezone.localdate() + timedelta(days=5))
    client.force_login(officer_a)
    page = _page(client.get(reverse("sessions:detail", args=[session.pk])))
    due = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    assert f"Conclusions due by {due}." in page


def test_detail_links_to_the_opinions_page_once_the_session_is_held(client, officer_a, ward_a):
    held = make_session(ward_a, "held")
    announced = make_session(ward_a, "announced")
    client.force_login(officer_a)
    page = _page(client.get(reverse("sessions:detail", args=[held.pk])))
    assert reverse("petitions:session_opinions", args=[held.pk]) in page
    assert "Opinions raised at the session" in page
    page = _page(client.get(reverse("sessions:detail", args=[announced.pk])))
    assert "/opinions/" not in page
    assert "Opinions raised at the session" not in page


def test_a_link_to_a_page_of_an_app_not_installed_is_left_out():
    from sessions.templatetags.sessions_tags import url_if_exists

    assert url_if_exists("petitions:no_such_page", 1) == ""
    assert url_if_exists("sessions:detail", 1) == reverse("sessions:detail", args=[1])


def test_downloads_are_audited(client, officer_a, ward_a):
    session = make_session(ward_a, "held")
    services.session_add_attachments(
        actor=officer_a, session_id=session.pk, uploads=[services.Upload("minutes", pdf_upload())]
    )
    client.force_login(officer_a)
    client.get(reverse("sessions:attachment", args=[session.pk, session.attachments.get().pk]))
    assert AuditEntry.objects.filter(
        action="session.attachment_downloaded", actor=officer_a
    ).exists()


def test_close_button_shows_the_blockers(client, officer_a, ward_a, monkeypatch):
    from sessions import hooks

    monkeypatch.setattr(hooks, "_close_guards", [lambda s: ["Còn 2 ý kiến chưa trả lời"]])
    session = make_session(ward_a, "concluded")
    client.force_login(officer_a)
    assert "Còn 2 ý kiến chưa trả lời" in _page(
        client.get(reverse("sessions:detail", args=[session.pk]))
    )
    response = post_action(client, "close", session, follow=True)
    assert "Còn 2 ý kiến chưa trả lời" in _page(response)
    session.refresh_from_db()
    assert session.state == SessionState.CONCLUDED


def test_a_cancellation_sent_after_someone_else_changed_the_session_keeps_the_reason_typed(
    client, officer_a, head_a, ward_a
):
    session = make_session(ward_a, "announced", planned_start=days(10))
    seen = session.version
    services.session_update_plan(
        actor=head_a,
        session_id=session.pk,
        expected_version=seen,
        fields={**plan_fields(), "topic": "Chủ đề do người đứng đầu sửa"},
    )
    client.force_login(officer_a)
    response = client.post(
        reverse("sessions:cancel", args=[session.pk]),
        {"version": seen, "reason": "Lý do rất dài đã gõ xong"},
    )
    assert response.status_code == 409
    page = _page(response)
    assert "Lý do rất dài đã gõ xong" in page  # nothing typed is lost
    assert str(services.MSG_STALE_EDIT)[:40] in page
    session.refresh_from_db()
    assert session.state == SessionState.ANNOUNCED
