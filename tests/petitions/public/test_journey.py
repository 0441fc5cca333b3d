"""Browser journey: a citizen sends a concern with a photo and gets a code → the officer
accepts and assigns it → the assignee answers → the head approves → the citizen looks it
up, reads the answer and disputes it → the concern is reopened and shows as disputed in
the staff queue."""

import pytest

from petitions.models import Concern, ConcernAttachment, ConcernRule, ConcernState
from tests.browser import assert_accessible, login
from tests.factories.files import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _act(page, key: str) -> None:
    """Open one action panel of the staff detail page and send its form."""
    panel = page.locator(f"#action-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()


def test_citizen_to_staff_and_back_with_a_dispute(
    page, browser, live_server, ward_a, ward_b, officer_a, head_a
):
    # This ward's rule asks for the head's sign-off before a report's answer goes out.
    ConcernRule.objects.filter(type="report").update(needs_head_approval=True)

    # 1. The citizen sends a concern with a photo.
    page.goto(f"{live_server.url}/concerns/new/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert_accessible(page)
    page.locator("#ward-q").fill("ben thanh")  # the list filters as they type, accents optional
    assert page.locator("#id_ward").input_value() == str(ward_a.pk)
    # The two bodies are named after the ward as soon as it is chosen; the UBND is the default.
    for radio in ("#id_addressed_to_0", "#id_addressed_to_1"):
        label = page.locator(f"label[for={radio[1:]}]").inner_text()
        assert "phường Bến Thành" in label
    assert page.locator("#id_addressed_to_0").is_checked()
    page.locator("#id_content").fill("Đèn đường hẻm 12 Lê Lợi không sáng đã hai tuần, rất tối.")
    page.locator("#id_address").fill("Hẻm 12 Lê Lợi")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "den-hong.png", "mimeType": "image/png", "buffer": png_bytes((40, 30))}]
    )
    page.locator("#id_submitter_phone").fill("0903 123 456")
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator("#send-concern").click()

    # 2. The confirmation shows the code, not in the URL.
    assert page.url == f"{live_server.url}/concerns/new/sent/"
    code = page.locator(".tracking-code").inner_text().strip()
    concern = Concern.objects.get(tracking_code=code)
    assert code not in page.url
    assert ConcernAttachment.objects.get(concern=concern).kind == "png"
    assert_accessible(page)

    # 3. The officer accepts and assigns it (to themselves).
    staff_context = browser.new_context()
    staff = staff_context.new_page()
    login(staff, live_server, "officer_a")
    staff.goto(f"{live_server.url}/staff/concerns/?q={code}")
    staff.locator(f"a:has-text('{code}')").first.click()
    staff.wait_for_url(f"{live_server.url}/staff/concerns/{concern.pk}/")
    _act(staff, "accept")
    staff.locator("#action-assign").locator("summary").click()
    staff.locator("#action-assign select[name=assignee]").select_option(str(officer_a.pk))
    _act(staff, "assign")
    concern.refresh_from_db()
    assert concern.state == ConcernState.ASSIGNED and concern.assignee == officer_a

    # 4. The assignee writes the answer and sends it on to the head.
    staff.locator("#action-answer").locator("summary").click()
    staff.locator("#action-answer textarea[name=answer_text]").fill(
        "Kính gửi công dân (0903 123 456): UBND phường đã cho thay bóng đèn hẻm 12."
    )
    staff.locator("#action-answer textarea[name=answer_public_text]").fill(
        "UBND phường đã cho thay bóng đèn hẻm 12 Lê Lợi."
    )
    _act(staff, "answer")
    _act(staff, "answer_submit")
    concern.refresh_from_db()
    assert concern.answer_status == "pending"
    staff_context.close()

    # 5. The head approves; the answer is published.
    head_context = browser.new_context()
    head = head_context.new_page()
    login(head, live_server, "head_a")
    head.goto(f"{live_server.url}/staff/concerns/{concern.pk}/")
    _act(head, "approve")
    concern.refresh_from_db()
    assert concern.state == ConcernState.ANSWERED
    head_context.close()

    # 6. The citizen looks it up, reads the answer and disputes it.
    page.goto(f"{live_server.url}/concerns/status/")
    assert_accessible(page)
    page.locator("#id_code").fill(code.lower().replace("-", " "))
    page.locator("#id_factor").fill("3456")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url == f"{live_server.url}/concerns/status/view/"
    body = page.locator("main").inner_text()
    assert "UBND phường đã cho thay bóng đèn hẻm 12 Lê Lợi." in body
    assert "0903 123 456" not in body  # the letter with personal data stays with the staff
    # Who approved: the position, never the name.
    assert "Chủ tịch Ủy ban nhân dân phường Bến Thành" in body
    assert head_a.person.full_name not in body
    assert_accessible(page)
    page.locator("#id_reason").fill("Đèn vẫn chưa sáng, tối qua hẻm vẫn tối om.")
    with page.expect_navigation():
        page.locator("form[action='/concerns/status/dispute/'] button[type=submit]").click()
    concern.refresh_from_db()
    assert concern.state == ConcernState.ASSIGNED
    assert concern.citizen_verdict == "disputed" and concern.dispute_count == 1
    assert page.locator(".alert-success").count() == 1
    assert concern.due_at.strftime("%d/%m/%Y") in page.locator("main").inner_text()
    assert_accessible(page)

    # 7. The officer sees it reopened and marked disputed in the queue.
    staff_context = browser.new_context()
    staff = staff_context.new_page()
    login(staff, live_server, "officer_a")
    staff.goto(f"{live_server.url}/staff/concerns/?disputed=on")
    row = staff.locator(f"tr:has-text('{code}')")
    assert row.count() == 1
    staff_context.close()
