"""One journey in Chromium: plan → approve → announce → public calendar → held with minutes →
conclusions → public page → print view, with axe checks on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.demo import minimal_pdf
from sessions.models import DialogueSession
from tests.browser import assert_accessible, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

TOPIC = "Đối thoại về chống ngập đường Lê Lợi"


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _as(page, live_server, username: str | None) -> None:
    page.context.clear_cookies()
    if username:
        login(page, live_server, username)


def _press(page, url_name_path: str) -> None:
    """Click the submit button of the POST form whose action is ``url_name_path``."""
    page.locator(f"form[action='{url_name_path}'] button[type=submit]").click()
    page.wait_for_load_state()


def test_session_from_plan_to_published_conclusions(page, live_server, officer_a, head_a, ward_a):
    start = (timezone.now() + timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)

    # The officer plans the session.
    _as(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/staff/sessions/new/")
    assert_accessible(page)
    page.select_option("#id_unit", str(ward_a.pk))
    page.select_option("#id_kind", "conference")
    page.fill("#id_topic", TOPIC)
    page.fill("#id_planned_start", _local(start))
    page.fill("#id_planned_end", _local(start + timedelta(hours=2)))
    page.fill("#id_place", "Hội trường UBND phường Bến Thành")
    page.fill("#id_party_secretary_name", "Nguyễn Văn Hải")
    page.fill("#id_chair_name", "Trần Minh Tuấn")
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()
    session = DialogueSession.objects.get(topic=TOPIC)
    detail = f"/staff/sessions/{session.pk}/"
    assert page.url == f"{live_server.url}{detail}"
    assert_accessible(page)
    _press(page, f"{detail}submit/")

    # The head approves it.
    _as(page, live_server, "head_a")
    page.goto(f"{live_server.url}{detail}")
    _press(page, f"{detail}approve/")
    session.refresh_from_db()
    assert session.state == "planned"

    # The officer announces it.
    _as(page, live_server, "officer_a")
    page.goto(f"{live_server.url}{detail}announce/")
    assert_accessible(page)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.state == "announced" and not session.is_late_notice

    # The public calendar shows it, to anyone.
    _as(page, live_server, None)
    page.goto(f"{live_server.url}/sessions/")
    assert page.get_by_role("link", name=TOPIC).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TOPIC).click()
    page.wait_for_load_state()
    assert f"/sessions/{session.public_id}/" in page.url
    assert_accessible(page)

    # Time passes: the session takes place.
    DialogueSession.objects.filter(pk=session.pk).update(
        planned_start=timezone.now() - timedelta(days=1),
        planned_end=timezone.now() - timedelta(days=1) + timedelta(hours=2),
    )

    # The officer records it as held, with the signed minutes as PDF.
    _as(page, live_server, "officer_a")
    page.goto(f"{live_server.url}{detail}held/")
    assert_accessible(page)
    page.select_option("#id_chaired_by_role", "chair")
    page.fill("#id_chaired_by_name", "Phạm Minh Hùng")
    page.fill("#id_attendance_count", "96")
    page.set_input_files(
        "#id_minutes_file",
        files=[
            {
                "name": "bien-ban.pdf",
                "mimeType": "application/pdf",
                "buffer": minimal_pdf("Bien ban"),
            }
        ],
    )
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.state == "held" and session.attachments.filter(kind="minutes").exists()

    # The officer writes the conclusions notice; the head issues it.
    page.goto(f"{live_server.url}{detail}conclusions/")
    # The Chủ tịch chaired: the UBND issues, and its heads are the ones offered to sign.
    page.select_option("#id_conclusions_signer", str(head_a.pk))
    page.fill("#id_conclusions_text", "Giao Phòng Kinh tế khảo sát, xử lý điểm ngập trước ngày 30.")
    page.locator("form[method=post]:not([action]) button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    _as(page, live_server, "head_a")
    page.goto(f"{live_server.url}{detail}")
    _press(page, f"{detail}conclusions/issue/")
    session.refresh_from_db()
    assert session.state == "concluded"
    assert session.conclusions_number == "1/TB-UBND"

    # The public page shows the notice; on a 360 px phone nothing runs off the screen.
    _as(page, live_server, None)
    page.goto(f"{live_server.url}/sessions/{session.public_id}/")
    assert page.get_by_text("Số: 1/TB-UBND").is_visible()
    assert page.get_by_text("Giao Phòng Kinh tế khảo sát").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 360px phone"
    page.set_viewport_size({"width": 1280, "height": 900})

    # The print view renders like an official document, without the portal around it.
    _as(page, live_server, "officer_a")
    page.goto(f"{live_server.url}{detail}conclusions/print/")
    assert_accessible(page)
    page.emulate_media(media="print")
    assert page.get_by_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", exact=True).is_visible()
    assert page.get_by_text("Số: 1/TB-UBND").is_visible()
    assert page.get_by_text("TM. ỦY BAN NHÂN DÂN").is_visible()
    assert not page.locator("header.portal-header").is_visible()
    assert not page.locator(".print-toolbar").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
