"""The public pages: announced sessions only, no personal data, conclusions once issued."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import hooks
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_upcoming_lists_announced_sessions_and_never_drafts_or_plans(client, ward_a):
    make_session(ward_a, "draft", topic="Bản nháp bí mật")
    make_session(ward_a, "planned", topic="Kế hoạch chưa công bố")
    make_session(ward_a, "announced", topic="Đã thông báo")
    make_session(ward_a, "postponed", topic="Đã hoãn")
    make_session(ward_a, "cancelled", topic="Đã hủy", announced_at=days(-1))
    make_session(ward_a, "concluded", topic="Đã kết luận")
    page = _page(client.get(reverse("public_sessions:upcoming")))
    assert "Bản nháp bí mật" not in page and "Kế hoạch chưa công bố" not in page
    assert "Đã thông báo" in page and "Đã hoãn" in page and "Đã hủy" in page
    assert "Đã kết luận" not in page  # it is in the past
    assert "Cancelled" in page and "Postponed" in page  # said in words, not colour only


def test_past_lists_held_sessions_with_their_conclusions(client, ward_a):
    make_session(ward_a, "held", topic="Chờ kết luận")
    make_session(ward_a, "concluded", topic="Có kết luận")
    make_session(ward_a, "announced", topic="Sắp tới")
    page = _page(client.get(reverse("public_sessions:past")))
    assert "Chờ kết luận" in page and "Có kết luận" in page and "Sắp tới" not in page
    assert page.count("conclusions published") == 1


def test_detail_shows_when_where_who_and_how_to_take_part(client, ward_a):
    session = make_session(
        ward_a,
        "announced",
        topic="Đối thoại về vỉa hè",
        place="Hội trường UBND phường",
        how_to_take_part="Đăng ký trước tại bộ phận một cửa.",
        chair_name="Trần Minh Tuấn",
    )
    page = _page(client.get(reverse("public_sessions:detail", args=[session.public_id])))
    start = timezone.localtime(session.planned_start).strftime("%d/%m/%Y %H:%M")
    for text in (
        "Đối thoại về vỉa hè",
        "Hội trường UBND phường",
        "Trần Minh Tuấn",
        "Đăng ký trước tại bộ phận một cửa.",
        start,
        "Add to calendar",
    ):
        assert text in page


def test_detail_shows_conclusions_and_commitments_only_once_issued(client, ward_a, monkeypatch):
    monkeypatch.setattr(
        hooks,
        "_commitments_providers",
        [
            lambda s: [
                hooks.Commitment(
                    "Sửa đèn đường", "Điện lực", timezone.localdate(), "Đang làm", False, "/staff/x"
                )
            ]
        ],
    )
    held = make_session(ward_a, "held", conclusions_text="Bản nháp kết luận")
    page = _page(client.get(reverse("public_sessions:detail", args=[held.public_id])))
    assert "Bản nháp kết luận" not in page and "Sửa đèn đường" not in page
    concluded = make_session(ward_a, "concluded")
    page = _page(client.get(reverse("public_sessions:detail", args=[concluded.public_id])))
    assert "Kết luận của hội nghị." in page and "1/TB-UBND" in page
    assert "Sửa đèn đường" in page and "Điện lực" in page
    assert 'href="/staff/x"' not in page  # no links into the staff area


def test_public_pages_show_no_staff_notes_or_personal_data(client, ward_a, officer_a):
    session = make_session(
        ward_a,
        "concluded",
        minutes_text="Ông Nguyễn Văn A, số điện thoại 0909123456, phát biểu",
        is_late_notice=True,
        late_notice_reason="Lý do nội bộ",
        created_by=officer_a,
    )
    page = _page(client.get(reverse("public_sessions:detail", args=[session.public_id])))
    for secret in (
        "0909123456",
        "Nguyễn Văn A",
        "Lý do nội bộ",
        officer_a.username,
        officer_a.email,
    ):
        assert secret not in page


def test_public_pages_are_vietnamese_by_default(client, ward_a, settings):
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    page = _page(client.get(reverse("public_sessions:upcoming")))
    assert "Các buổi tiếp xúc, đối thoại sắp tới" in page
