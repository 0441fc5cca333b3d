"""Browser journey: staff login → staff home shows the unit → English and back."""

import pytest

from tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_sees_unit_and_switches_language(page, live_server, officer_a, ward_a):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert_accessible(page)

    page.goto(f"{live_server.url}/staff/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đăng nhập cán bộ"
    assert_accessible(page)

    login(page, live_server, "officer_a")
    row = page.locator(f"tr[data-unit-code='{ward_a.code}']")
    assert "Phường Bến Thành" in row.inner_text()
    assert "Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân" in row.inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        "Officer of the office of the People's Council and People's Committee"
        in page.locator(f"tr[data-unit-code='{ward_a.code}']").inner_text()
    )
    assert page.url == f"{live_server.url}/staff/"
    assert_accessible(page)

    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert (
        "Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
        in page.locator(f"tr[data-unit-code='{ward_a.code}']").inner_text()
    )
