"""What a reviewer and a ward officer see on the dashboards for the May 2026 dataset."""

import re
from html import unescape

import pytest
from django.urls import reverse

from compliance.periods import Period
from compliance.selectors import DRILLDOWN_FIGURES, unit_figures
from tests.compliance.test_figures import MAY, TODAY

# Every test runs on the May 2026 dataset, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("may_2026_for_the_module")]

MAY_QUERY = "period=month&year=2026&month=5"


def _cell(page: str, unit_code: str, column: str) -> str:
    """The number shown in one cell of the figure table ("total" for the total row)."""
    row_marker = "data-total-row" if unit_code == "total" else f'data-unit-code="{unit_code}"'
    row = page.split(row_marker, 1)[1].split("</tr>", 1)[0]
    cell = row.split(f'data-column="{column}"', 1)[1].split("</td>", 1)[0]
    return unescape(re.search(r'class="cmp-number"[^>]*>([^<]*)<', cell).group(1)).strip()


def _city(client, extra=""):
    return client.get(f"{reverse('compliance:city')}?{MAY_QUERY}{extra}").content.decode()


def test_the_city_dashboard_shows_the_expected_numbers_with_their_status(
    client, may_2026, reviewer, ward_a
):
    client.force_login(reviewer)
    page = _city(client)
    assert _cell(page, "26743", "received") == "7"
    assert _cell(page, "26743", "answered") == "6"
    assert _cell(page, "26743", "overdue") == "2"
    assert _cell(page, "26743", "on_time_rate") == "62,5 %"
    assert _cell(page, "27673", "on_time_rate") == "50,0 %"
    assert _cell(page, "total", "on_time_rate") == "60,0 %"
    assert _cell(page, "total", "answer_p90") == "27,4"
    assert _cell(page, "26743", "sessions_held") == "4"
    # The status is written out, not only coloured.
    ward_a_row = page.split('data-unit-code="26743"', 1)[1].split("</tr>", 1)[0]
    ward_b_row = page.split('data-unit-code="27673"', 1)[1].split("</tr>", 1)[0]
    assert "cmp-status-missed" in ward_a_row and "✗</span> không đạt" in ward_a_row
    assert "cmp-status-met" in ward_b_row  # both sessions with enough notice


def test_city_totals_come_first_with_their_formulas(client, english, may_2026, reviewer):
    client.force_login(reviewer)
    page = _city(client)
    assert page.index("data-total-row") < page.index('data-unit-code="26743"')
    assert "Answered on time ÷ (answered + currently overdue) = 6 ÷ (7 + 3)" in unescape(page)
    for key in ("on_time_rate", "answer_median", "sessions_required", "commitments_overdue"):
        assert f'id="formula-{key}"' in page


def test_sorting_by_on_time_rate_puts_the_worst_ward_first(client, may_2026, reviewer):
    client.force_login(reviewer)
    page = _city(client, "&sort=on_time_rate")
    assert page.index('data-unit-code="27673"') < page.index('data-unit-code="26743"')
    assert 'aria-sort="ascending"' in page
    best = _city(client, "&sort=on_time_rate&dir=best")
    assert best.index('data-unit-code="26743"') < best.index('data-unit-code="27673"')
    # The city has no concern: no rate, last either way.
    assert best.index('data-unit-code="27673"') < best.index('data-unit-code="79"')


def test_by_default_the_unit_with_most_rules_missed_comes_first(client, may_2026, reviewer):
    client.force_login(reviewer)
    page = _city(client)
    positions = {code: page.index(f'data-unit-code="{code}"') for code in ("26743", "27673", "79")}
    assert positions["26743"] < positions["27673"] < positions["79"]


def test_an_unknown_sort_falls_back_to_the_default(client, may_2026, reviewer):
    client.force_login(reviewer)
    assert _city(client, "&sort=__class__").count("data-unit-code=") == 3


def test_every_list_behind_a_number_has_as_many_items_as_the_number(
    client, may_2026, reviewer, city, ward_a, ward_b
):
    """The list behind each figure, for ward A and for the whole city, matches the counts."""
    client.force_login(reviewer)
    table = unit_figures([city, ward_a, ward_b], MAY, TODAY)

    def number(f, figure):
        derived = {
            "rate_basis": f.rate_basis,
            "answered_late": f.answered_late,
            "sessions_late_notice": f.late_notice,
        }
        return derived.get(figure, getattr(f, figure, None))

    checked = 0
    for figure in DRILLDOWN_FIGURES:
        for scope, f in ((f"unit={ward_a.pk}", table.rows[1]), (f"root={city.pk}", table.total)):
            url = f"{reverse('compliance:items')}?figure={figure}&{scope}&{MAY_QUERY}"
            page = client.get(url).content.decode()
            assert page.count("data-item=") == number(f, figure), (figure, scope)
            checked += number(f, figure)
    assert checked > 50


def test_the_overdue_list_links_each_concern_and_the_queue(client, may_2026, reviewer, ward_a):
    client.force_login(reviewer)
    url = f"{reverse('compliance:items')}?figure=overdue&unit={ward_a.pk}&{MAY_QUERY}"
    page = client.get(url).content.decode()
    for name in ("c5", "c6"):
        concern = may_2026.concerns[name]
        assert reverse("petitions:detail", args=[concern.pk]) in page
    assert f"{reverse('petitions:queue')}?unit={ward_a.pk}&amp;overdue=on" in page


def test_the_answered_list_shows_the_working_days_of_each_answer(
    client, may_2026, reviewer, ward_a
):
    client.force_login(reviewer)
    url = f"{reverse('compliance:items')}?figure=answered&unit={ward_a.pk}&{MAY_QUERY}"
    page = client.get(url).content.decode()
    c3_row = page.split(f'data-item="{may_2026.concerns["c3"].tracking_code}"', 1)[1].split(
        "</tr>"
    )[0]
    assert "<td>15</td>" in c3_row  # 19 working days minus a pause of 4
    c2_row = page.split(f'data-item="{may_2026.concerns["c2"].tracking_code}"', 1)[1].split(
        "</tr>"
    )[0]
    assert "cmp-status-missed" in c2_row and "trễ hạn" in c2_row


def test_the_unit_dashboard_says_what_the_rules_still_require(
    client, english, may_2026, officer_b, ward_b
):
    client.force_login(officer_b)
    url = f"{reverse('compliance:unit', args=[ward_b.pk])}?{MAY_QUERY}"
    page = unescape(client.get(url).content.decode())
    assert "still due before 31/12/2026" in page
    assert "Overdue now (1)" in page
    assert may_2026.concerns["b2"].tracking_code in page


def test_the_unit_dashboard_lists_sessions_coming_up_and_concerns_due_this_week(
    client, clock, officer_a, head_a, ward_a
):
    from datetime import date

    from tests.factories import compliance as f

    clock.to(2026, 6, 1, 9)
    upcoming = f.plan(
        ward_a,
        officer_a,
        head_a,
        kind="conference",
        hosts="both",
        start=f.local(2026, 6, 20),
    )
    concern = f.received(clock, ward_a, date(2026, 6, 1))  # acknowledge by 15/06
    clock.to(2026, 6, 10, 9)
    client.force_login(officer_a)
    page = client.get(reverse("compliance:unit", args=[ward_a.pk])).content.decode()
    assert upcoming.topic in page
    assert concern.tracking_code in page.split('id="week-heading"', 1)[1]


def test_a_bad_custom_period_keeps_what_was_typed_and_says_why(client, english, reviewer, ward_a):
    client.force_login(reviewer)
    url = f"{reverse('compliance:city')}?period=custom&start=2026-05-31&end=2026-05-01"
    page = unescape(client.get(url).content.decode())
    assert "The end date must not be before the start date." in page
    assert 'value="2026-05-31"' in page
    assert "The current month is shown instead." in page


def test_a_custom_period_is_applied(client, may_2026, reviewer):
    client.force_login(reviewer)
    url = f"{reverse('compliance:city')}?period=custom&start=2026-05-01&end=2026-05-31"
    page = client.get(url).content.decode()
    assert _cell(page, "26743", "received") == "7"
    assert "01/05/2026" in page and "31/05/2026" in page


def test_trends_show_a_chart_and_its_data_table(client, may_2026, reviewer, ward_a):
    client.force_login(reviewer)
    page = client.get(f"{reverse('compliance:trends')}?focus={ward_a.pk}").content.decode()
    assert page.count('role="img"') == 3
    table = page.split('id="trend-table"', 1)[1]
    may_row = table.split("05/2026", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>([^<]*)</td>", may_row)
    # City: received 8, answered 7, on time 6, overdue 3, rate 60 %, sessions 6; then ward A.
    assert cells[:6] == ["8", "7", "6", "3", "60,0 %", "6"]
    assert cells[6:] == ["7", "6", "5", "2", "62,5 %", "4"]


def test_the_staff_home_shows_the_compliance_panel(client, clock, officer_a, ward_a):
    clock.to(2026, 6, 15, 9)
    client.force_login(officer_a)
    page = client.get(reverse("staff:home")).content.decode()
    assert "compliance-panel-heading" in page
    assert reverse("compliance:unit", args=[ward_a.pk]) in page


def test_the_fatherland_front_liaison_gets_no_compliance_panel(client, mttq_a):
    client.force_login(mttq_a)
    assert "compliance-panel-heading" not in client.get(reverse("staff:home")).content.decode()


def test_a_former_unit_shows_for_a_period_it_existed_in(client, clock, city, reviewer):
    from datetime import date

    from tests.factories import make_unit

    old = make_unit(name="Phường Cũ", parent=city, code="OLD01")
    old.is_active = False
    old.valid_to = date(2025, 6, 30)
    old.save()
    client.force_login(reviewer)
    before = client.get(f"{reverse('compliance:city')}?period=year&year=2025").content.decode()
    after = client.get(f"{reverse('compliance:city')}?period=year&year=2026").content.decode()
    assert 'data-unit-code="OLD01"' in before
    assert 'data-unit-code="OLD01"' not in after


def test_period_kinds_of_the_report(client, english, reviewer, ward_a):
    client.force_login(reviewer)
    for query, label in [
        ("period=q1&year=2026", "01/01/2026 to 31/03/2026"),
        ("period=6m&year=2026", "01/01/2026 to 30/06/2026"),
        ("period=9m&year=2026", "01/01/2026 to 30/09/2026"),
        ("period=year&year=2026", "01/01/2026 to 31/12/2026"),
        ("period=quarter&year=2026&quarter=3", "01/07/2026 to 30/09/2026"),
    ]:
        page = unescape(client.get(f"{reverse('compliance:report')}?{query}").content.decode())
        assert label in page, query


def test_periods_are_built_as_kl_215_sets_them():
    assert Period.year_to("q1", 2026).end.isoformat() == "2026-03-31"
    assert Period.year_to("6m", 2026).end.isoformat() == "2026-06-30"
    assert Period.year_to("9m", 2026).end.isoformat() == "2026-09-30"
    assert Period.for_month(2026, 2).end.isoformat() == "2026-02-28"
    last12 = Period.last_12_months(TODAY)
    assert (last12.start.isoformat(), last12.end) == ("2025-07-01", TODAY)
