"""How the frequency rules turn held sessions into "required", "missing" and "still due"."""

from datetime import date

import pytest

from compliance.periods import Period
from compliance.selectors import Figures, active_rules, apply_rules
from sessions.models import FrequencyRule
from units.models import Unit

pytestmark = pytest.mark.django_db

JUNE_15 = date(2026, 6, 15)


def _apply(unit, buckets, period, today=JUNE_15, rules=None):
    figures = Figures(unit=unit)
    apply_rules(figures, unit, rules or active_rules(), buckets, period, today)
    return figures


def test_a_ward_meets_the_weekly_chair_reception_only_with_the_chair_present(ward_a):
    weeks_of_may = [date(2026, 5, d) for d in (1, 6, 13, 20, 27)]
    only_secretary = [(day, "reception", "party_secretary", 1) for day in weeks_of_may]
    both = [(day, "reception", "both", 1) for day in weeks_of_may]
    may = Period.for_month(2026, 5)
    # Secretary receptions: the chair's weekly rule (5 weeks) is missed; the monthly
    # secretary rule (2) is met.
    assert _apply(ward_a, only_secretary, may).sessions_shortfall == 5
    # Hosted by both heads: every rule of the month is met.
    figures = _apply(ward_a, both, may)
    assert (figures.sessions_required, figures.sessions_shortfall) == (7, 0)


def test_rule_periods_not_over_yet_are_still_due_not_missed(ward_a):
    june = Period.for_month(2026, 6)
    figures = _apply(ward_a, [], june)
    # Weeks ending 07/06 and 14/06 are over (2 missing); the month and the weeks from
    # 15/06 on are not: still due, as is the year's dialogue conference.
    assert (figures.sessions_required, figures.sessions_shortfall) == (2, 2)
    still = {(i.rule.session_kind, i.rule.host, i.by): i.missing for i in figures.still_due}
    assert still == {
        ("conference", "any", date(2026, 12, 31)): 1,
        ("reception", "party_secretary", date(2026, 6, 30)): 2,
        ("reception", "chair", date(2026, 6, 21)): 1,
        ("reception", "chair", date(2026, 6, 28)): 1,
        ("reception", "chair", date(2026, 7, 5)): 1,
    }


def test_a_unit_created_mid_year_owes_nothing_before_it_existed(city):
    new_ward = Unit(name="Phường Mới", kind=Unit.Kind.WARD, parent=city, code="NEW01")
    new_ward.valid_from = date(2025, 7, 1)
    new_ward.save()
    figures = _apply(new_ward, [], Period.year_to("year", 2025), today=JUNE_15)
    # July–December: 6 months × 2 secretary receptions, the 26 weeks ending from 06/07 to
    # 28/12 × 1 chair reception, the year's conference.
    assert figures.sessions_required == 6 * 2 + 26 + 1


def test_the_city_has_its_own_rules_and_old_districts_none(city):
    may = Period.for_month(2026, 5)
    assert _apply(city, [], may).sessions_required == 1
    district = Unit(name="Quận Một (cũ)", kind=Unit.Kind.DISTRICT, parent=city, code="760")
    district.save()
    figures = _apply(district, [], may)
    assert (figures.sessions_has_rules, figures.sessions_required) == (False, 0)


def test_an_inactive_rule_is_not_applied(ward_a):
    FrequencyRule.objects.filter(session_kind="reception").update(is_active=False)
    figures = _apply(ward_a, [], Period.for_month(2026, 5))
    assert figures.sessions_required == 0
    assert [i.rule.session_kind for i in figures.still_due] == ["conference"]
