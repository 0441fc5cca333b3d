"""Browser journey: a reviewer opens the city dashboard → sorts by on-time rate → drills into
the worst ward → opens an overdue concern → exports the report (axe on every page)."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_reviewer_finds_the_worst_ward_and_exports_the_report(
    page, live_server, may_2026, ward_a, ward_b, reviewer
):
    login(page, live_server, "reviewer")

    # 1. The city dashboard, for May 2026.
    page.goto(f"{live_server.url}/staff/compliance/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator("#id_period").select_option("month")
    page.locator("#id_year").fill("2026")
    page.locator("#id_month").select_option("5")
    with page.expect_navigation():
        page.locator("form[data-period-form] button[type=submit]").click()
    assert "month=5" in page.url
    assert (
        page.locator("tr[data-total-row] td[data-column=on_time_rate] .cmp-number").inner_text()
        == "60,0 %"
    )
    assert_accessible(page)

    # 2. Sort by on-time rate: the worst ward comes first.
    with page.expect_navigation():
        page.locator("th[data-column=on_time_rate] a.cmp-sort-link").click()
    assert "sort=on_time_rate" in page.url
    first = page.locator("#figure-table tbody tr[data-unit-code]").first
    assert first.get_attribute("data-unit-code") == ward_b.code
    assert first.locator("td[data-column=on_time_rate] .cmp-number").inner_text() == "50,0 %"
    assert page.locator("th[data-column=on_time_rate]").get_attribute("aria-sort") == "ascending"
    assert_accessible(page)

    # 3. Drill into the worst ward.
    with page.expect_navigation():
        first.locator("th a").click()
    assert f"/staff/compliance/unit/{ward_b.pk}/" in page.url
    assert page.locator("h1").inner_text().endswith(ward_b.name)
    assert_accessible(page)

    # 4. Open its overdue concern.
    overdue = may_2026.concerns["b2"]
    with page.expect_navigation():
        page.locator(
            f"section[aria-labelledby=overdue-heading] a:has-text('{overdue.tracking_code}')"
        ).click()
    assert page.url.endswith(f"/staff/concerns/{overdue.pk}/")
    assert overdue.tracking_code in page.content()

    # 5. Back to the dashboard; the periodic report of May, exported as XLSX.
    page.go_back()
    with page.expect_navigation():
        page.locator("a:has-text('Báo cáo định kỳ')").first.click()
    assert "/staff/compliance/report/" in page.url and "month=5" in page.url
    assert page.locator("#report-title").is_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("a[data-export=xlsx]").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-2026-05.xlsx")
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    rows = {row[0].value: row for row in workbook.worksheets[0].iter_rows(min_row=2)}
    assert rows[ward_b.code][2 + 9].value == pytest.approx(0.5)  # the on-time rate column


def test_trends_lists_and_public_statistics_are_accessible(
    page, live_server, may_2026, ward_a, reviewer
):
    page.goto(f"{live_server.url}/statistics/?q=ben%20thanh")
    assert page.locator("#public-table tbody tr").count() == 1
    assert_accessible(page)
    login(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/staff/compliance/trends/?focus={ward_a.pk}")
    assert page.locator("svg[role=img]").count() == 3
    assert_accessible(page)
    page.goto(
        f"{live_server.url}/staff/compliance/items/?figure=answered&unit={ward_a.pk}"
        "&period=month&year=2026&month=5"
    )
    assert page.locator("tr[data-item]").count() == 6
    assert_accessible(page)
