"""Helpers for the browser journeys (pytest-playwright + Debian's Chromium + axe).

Usage in a test module::

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

    def test_journey(page, live_server, officer_a):
        login(page, live_server, "officer_a")
        assert_accessible(page)
"""

from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def assert_accessible(page) -> None:
    """Run axe on the current page; fail on any serious or critical violation."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"Accessibility violations on {page.url}:"]
        for violation in blocking:
            targets = ", ".join(str(node.get("target")) for node in violation.get("nodes", [])[:5])
            lines.append(
                f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"
            )
        raise AssertionError("\n".join(lines))


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form and wait for the staff home page."""
    page.goto(f"{live_server.url}/staff/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/staff/")
