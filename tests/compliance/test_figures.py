"""The hand-built May 2026 dataset gives exactly the expected figures (SQLite and PostgreSQL).

Today is Monday 15/06/2026. Working days of May 2026: 4–8, 11–15, 18–22, 25–29.

Ward A (Phường Bến Thành), sessions:
- reception (Party secretary) 06/05, 7 working days' notice, conclusions 15/05 (due 20/05);
- reception (both heads) 13/05 announced 11/05 by the head: late notice; conclusions
  dated 01/06, due 27/05: late;
- conference 13/05… held 20/05, conclusions never issued, due 03/06: late;
- reception planned for 27/05, announced, cancelled: not counted;
- reception (chair) 27/05, conclusions 02/06 (due 10/06): on time.
Rules for a ward in May: chair reception ≥1 a week (weeks ending 03, 10, 17, 24, 31/05 → 5
required; met in the weeks of 13/05 and 27/05 → 3 missing), Party secretary reception ≥2
a month (06/05 and 13/05 → met), conference ≥1 a year (held 20/05 → nothing still due).

Ward A concerns (see tests/factories/compliance.py for each one's story):
- received in May: c1, c3, c6, c7, c8, c11, c13 = 7 (c9, a merged duplicate, is left out;
  c10, referred to ward B in the portal, is received there as c10b);
- answered in May: c1 (12 wd), c2 (23 wd, late), c3 (15 wd after a 4-wd pause), c4 (34 wd,
  on time thanks to an extension), c8 (15 wd, answered again after a dispute), c13 (18 wd)
  = 6, of which on time 5; c7 was disputed and is open again, so it is not answered;
- currently overdue with the deadline in May: c5 (answer due 13/05), c6 (acknowledgement
  due 18/05) = 2; c14 is past its date but paused; c7's new deadline is 11/06 (June);
- on-time rate = 5 ÷ (6 + 2) = 62.5 %;
- disputed in May: c7 (12/05), c8 (08/05) = 2;
- acknowledged in May: c1 1 wd, c3 0, c7 0, c8 0, c10 2 (referred to ward B), c11 1
  (referred outside), c13 12 (late: due 18/05) = 7; median 1, p90 = 2 + 0.4 × 10 = 6;
- answer days [12, 15, 15, 18, 23, 34]: median 16.5, p90 = 23 + 0.5 × 11 = 28.5;
- commitments of c1 due in May: 25/05 (done 24/05) and 29/05 (not done) = 2, 1 done,
  1 overdue (a third is due in June).

Ward B (Xã Cần Giờ): reception (chair) 07/05 and a Party secretary reception postponed
from 14/05 to 21/05, both with notice and conclusions on time. Rules: chair weekly 5
required, 1 met → 4 missing; secretary monthly 2 required, 1 held → 1 missing; the year's
conference is still due before 31/12. Concerns: c10b (referred from ward A, received 08/05,
accepted 11/05 → 1 wd, answered 25/05 on time → 11 wd) and b2 (due 04/05, open → overdue).

City: 1 Party secretary reception a month required (none held); conference still due.
"""

from datetime import date

import pytest

from compliance.periods import Period
from compliance.selectors import unit_figures, with_working_days
from petitions import clocks
from petitions.models import Concern

# Every test runs on the May 2026 dataset, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("may_2026_for_the_module")]

MAY = Period.for_month(2026, 5)
TODAY = date(2026, 6, 15)

EXPECTED_WARD_A = {
    "sessions_required": 7,
    "sessions_shortfall": 3,
    "sessions_held": 4,
    "sessions_with_notice": 3,
    "conclusions_on_time": 2,
    "conclusions_late": 2,
    "conclusions_pending": 0,
    "received": 7,
    "answered": 6,
    "answered_on_time": 5,
    "overdue": 2,
    "disputed": 2,
    "acknowledged": 7,
    "ack_late": 1,
    "answer_median": 16.5,
    "answer_p90": 28.5,
    "ack_median": 1.0,
    "ack_p90": 6.0,
    "commitments_due": 2,
    "commitments_done": 1,
    "commitments_overdue": 1,
}
EXPECTED_WARD_B = {
    "sessions_required": 7,
    "sessions_shortfall": 5,
    "sessions_held": 2,
    "sessions_with_notice": 2,
    "conclusions_on_time": 2,
    "conclusions_late": 0,
    "received": 1,
    "answered": 1,
    "answered_on_time": 1,
    "overdue": 1,
    "disputed": 0,
    "acknowledged": 1,
    "ack_late": 0,
    "answer_median": 11.0,
    "answer_p90": 11.0,
    "ack_median": 1.0,
    "ack_p90": 1.0,
    "commitments_due": 0,
}
EXPECTED_TOTAL = {
    "sessions_required": 15,
    "sessions_shortfall": 9,
    "sessions_held": 6,
    "sessions_with_notice": 5,
    "conclusions_on_time": 4,
    "conclusions_late": 2,
    "received": 8,
    "answered": 7,
    "answered_on_time": 6,
    "overdue": 3,
    "disputed": 2,
    "acknowledged": 8,
    "ack_late": 1,
    # answer days [11, 12, 15, 15, 18, 23, 34]; ack days [0, 0, 0, 1, 1, 1, 2, 12]
    "answer_median": 15.0,
    "answer_p90": 27.4,
    "ack_median": 1.0,
    "ack_p90": 5.0,
    "commitments_due": 2,
    "commitments_done": 1,
    "commitments_overdue": 1,
}


def _figures(city, ward_a, ward_b):
    return unit_figures([city, ward_a, ward_b], MAY, TODAY)


def _check(figures, expected):
    for key, value in expected.items():
        actual = getattr(figures, key)
        if isinstance(value, float):
            assert actual == pytest.approx(value), key
        else:
            assert actual == value, key


def test_ward_a_figures_for_may_are_exactly_the_hand_counted_ones(may_2026, city, ward_a, ward_b):
    table = _figures(city, ward_a, ward_b)
    _check(table.rows[1], EXPECTED_WARD_A)
    assert table.rows[1].on_time_rate == pytest.approx(0.625)
    assert table.rows[1].still_due == []


def test_ward_b_figures_count_the_referred_concern_and_the_postponed_session(
    may_2026, city, ward_a, ward_b
):
    table = _figures(city, ward_a, ward_b)
    ward = table.rows[2]
    _check(ward, EXPECTED_WARD_B)
    assert ward.on_time_rate == pytest.approx(0.5)
    assert [(item.rule.session_kind, item.missing, item.by) for item in ward.still_due] == [
        ("conference", 1, date(2026, 12, 31))
    ]


def test_city_row_has_its_own_rule_and_the_totals_add_up(may_2026, city, ward_a, ward_b):
    table = _figures(city, ward_a, ward_b)
    city_row = table.rows[0]
    assert (city_row.sessions_required, city_row.sessions_shortfall) == (1, 1)
    assert city_row.received == 0 and city_row.on_time_rate is None
    _check(table.total, EXPECTED_TOTAL)
    assert table.total.on_time_rate == pytest.approx(0.6)


def test_cancelled_sessions_never_count_as_held(may_2026, city, ward_a, ward_b):
    cancelled = may_2026.sessions["a_cancelled"]
    assert cancelled.state == "cancelled"
    table = _figures(city, ward_a, ward_b)
    assert table.rows[1].sessions_held == 4  # five planned, one cancelled


def test_working_days_in_sql_equal_the_petitions_clocks(may_2026, ward_a, ward_b):
    """The database's count (working-day index) is petitions.clocks' count, item by item."""
    from compliance import workdays

    workdays.ensure_index(through=TODAY)
    rows = with_working_days(Concern.objects.filter(answer_published_at__isnull=False))
    checked = 0
    for concern in rows:
        if concern.state in ("answered", "following_up", "closed"):
            assert concern.answer_days == clocks.response_working_days(concern), concern
            checked += 1
    assert checked >= 7
    # No concern of the dataset was paused before its acceptance: both counts agree.
    accepted = list(with_working_days(Concern.objects.filter(accepted_at__isnull=False)))
    assert len(accepted) >= 10
    for concern in accepted:
        assert concern.ack_days == clocks.acknowledgement_working_days(concern), concern


def test_a_pause_before_acceptance_is_taken_out_of_the_acknowledgement_time(
    clock, ward_a, officer_a
):
    from compliance import workdays
    from tests.factories import compliance as f

    concern = f.received(clock, ward_a, date(2026, 5, 4))
    f.pause(clock, concern, officer_a, date(2026, 5, 5), date(2026, 5, 7))
    f.accept(clock, concern, officer_a, date(2026, 5, 8))
    workdays.ensure_index(through=TODAY)
    row = with_working_days(Concern.objects.filter(pk=concern.pk)).get()
    # 4 working days from 04/05 to 08/05, minus the pause 05/05–07/05 (2 working days).
    assert (row.ack_days, row.ack_paused) == (2, 2)


def test_a_pause_is_taken_out_of_the_answer_time(may_2026):
    from compliance import workdays

    workdays.ensure_index(through=TODAY)
    c3 = with_working_days(Concern.objects.filter(pk=may_2026.concerns["c3"].pk)).get()
    # 19 working days from 04/05 to 29/05, minus the pause 11/05–15/05 (4 working days).
    assert (c3.answer_days, c3.answer_paused) == (15, 4)


@pytest.mark.postgres(reason="percentile_cont is PostgreSQL's")
def test_figures_are_the_same_on_postgresql(may_2026, city, ward_a, ward_b):
    """The same expectations through percentile_cont (this test only runs on PostgreSQL)."""
    table = _figures(city, ward_a, ward_b)
    _check(table.rows[1], EXPECTED_WARD_A)
    _check(table.rows[2], EXPECTED_WARD_B)
    _check(table.total, EXPECTED_TOTAL)


def test_a_quarter_counts_april_and_june_too(may_2026, city, ward_a, ward_b):
    table = unit_figures([ward_a], Period.for_quarter(2026, 2), TODAY)
    ward = table.rows[0]
    # c2, c4, c5, c14 were received in April; c9 (merged) and c10 (received by ward B as
    # c10b) stay out.
    assert ward.received == 11
    # c7: disputed in May, its new deadline 11/06 is past and in the quarter.
    assert ward.overdue == 3
    assert ward.answered == 6
