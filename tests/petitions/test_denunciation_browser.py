"""Browser journey (issue #13): a citizen denounces the ward's Chủ tịch on the public form →
the ward's Chủ tịch and officer do not find it (searching its tracking code finds nothing)
→ the city's officer finds it in the city's queue and sees who denounced → the city's
reviewer opens it and does not."""

import re

import pytest

from petitions import services
from petitions.models import Concern
from tests.browser import assert_accessible, login
from tests.conftest import persona

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NAME = "Hồ Thị Kín Đáo"
CONTENT = "Tố cáo Chủ tịch Ủy ban nhân dân phường nhận tiền để bỏ qua vi phạm xây dựng."


def _queue_search(page, live_server, code: str):
    page.goto(f"{live_server.url}/staff/concerns/?q={code}")


def test_a_denunciation_of_the_wards_chair_is_seen_only_at_the_city(page, live_server, ward_a):
    people = {
        name: persona(name)
        for name in ("head_a", "officer_a", "city_chair", "city_officer", "reviewer")
    }

    # 1. The citizen denounces the ward's Chủ tịch on the public form.
    page.goto(f"{live_server.url}/concerns/new/")
    page.locator("#id_ward").select_option(str(ward_a.pk))
    page.locator("input[name=addressed_to][value=state]").check()
    page.locator("input[name=type][value=denunciation]").check()
    page.locator("input[name=accused_role][value=state_head]").check()
    page.locator("#id_accused_name").fill("Chủ tịch UBND phường")
    page.locator("#id_content").fill(CONTENT)
    page.locator("#id_submitter_name").fill(NAME)
    page.locator("#id_submitter_phone").fill("0912 777 888")
    page.locator("#id_submitter_address").fill("7 Lê Lợi, phường Bến Thành")
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator("#send-concern").click()
    code = page.locator(".tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{2,4})+", code), code
    assert "Thành phố Hồ Chí Minh" in page.locator("[data-testid=addressed-to]").inner_text()
    concern = Concern.objects.get(tracking_code=code)
    detail = f"/staff/concerns/{concern.pk}/"

    # 2. Neither the Chủ tịch denounced nor the ward's officer finds it.
    for username in ("head_a", "officer_a"):
        page.context.clear_cookies()
        login(page, live_server, username)
        _queue_search(page, live_server, code)
        assert page.locator(f"a[href='{detail}']").count() == 0
        assert CONTENT not in page.content()
        response = page.goto(f"{live_server.url}{detail}")
        assert response.status == 404

    # The Chủ tịch UBND Thành phố accepts it by decision and puts the city's officer in charge.
    concern = services.denunciation_accept(
        actor=people["city_chair"], concern=concern, version=concern.version
    )
    services.concern_assign(
        actor=people["city_chair"],
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        assignee=people["city_officer"],
    )

    # 3. The city's officer finds it in the city's queue and sees who denounced.
    page.context.clear_cookies()
    login(page, live_server, "city_officer")
    _queue_search(page, live_server, code)
    link = page.locator(f"a[href='{detail}']").first
    with page.expect_navigation():
        link.click()
    assert NAME in page.content()
    assert_accessible(page)

    # 4. The city's reviewer reads the case but never the denunciator.
    page.context.clear_cookies()
    login(page, live_server, "reviewer")
    page.goto(f"{live_server.url}{detail}")
    assert CONTENT in page.content()
    assert NAME not in page.content()
    assert page.locator("[data-testid=identity-hidden]").count() == 1
