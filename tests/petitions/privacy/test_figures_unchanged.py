"""Anonymising keeps every count the dashboards use: the compliance figures are identical.

The compliance app's own hand-built May 2026 dataset (tests/factories/compliance.py), plus
concerns that ended in May in each final way (closed, declined complaint, withdrawn
denunciation), is computed through ``compliance.selectors`` and ``compliance.services``
before and after the retention command and an erasure, years later.
"""

from datetime import date

import pytest

from compliance.periods import Period
from compliance.selectors import DRILLDOWN_FIGURES, drilldown, monthly_series, unit_figures
from compliance.services import rollup_rows
from petitions import services
from petitions.models import Concern, ConcernType
from petitions.selectors import ContactKey
from tests.factories import concerns as f
from tests.factories.compliance import build_may_2026
from units.models import Unit

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
PERIODS = [
    Period.for_month(2026, 4),
    Period.for_month(2026, 5),
    Period.custom(date(2026, 1, 1), TODAY),
]
MONTHS = [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]


@pytest.fixture
def dataset(settings, clock, city, ward_a, ward_b, officer_a, head_a, officer_b, head_b):
    settings.COMPLIANCE_INDEX_FIRST_YEAR = 2025
    data = build_may_2026(
        clock,
        ward_a=ward_a,
        ward_b=ward_b,
        officer_a=officer_a,
        head_a=head_a,
        officer_b=officer_b,
        head_b=head_b,
    )
    clock.to(2026, 5, 18, 9)
    f.closed(ward_a, officer_a, head_a, submitter_phone="0911 222 333")
    f.complaint_declined(ward_a, officer_a, submitter_phone="0911 222 333")
    f.withdrawn(ward_b, officer_b, type=ConcernType.DENUNCIATION, submitter_phone="0911 222 333")
    clock.to(TODAY.year, TODAY.month, TODAY.day, 9)
    return data


def snapshot(city, ward_a, ward_b) -> dict:
    units = [city, ward_a, ward_b]
    ids = [u.pk for u in units]
    figures = {}
    for period in PERIODS:
        table = unit_figures(units, period, TODAY)
        figures[str(period.start), str(period.end)] = (table.rows, table.total)
        for figure in DRILLDOWN_FIGURES:
            _kind, items = drilldown(figure, ids, period, TODAY)
            figures[figure, str(period.start)] = list(items.values_list("pk", flat=True))
    figures["series"] = monthly_series(ids, ward_a.pk, MONTHS, TODAY)
    figures["rollup"] = [
        (r.unit_id, r.month, r.concerns_received, r.concerns_answered,
         r.concerns_answered_on_time, r.concerns_disputed, r.sessions_held)
        for r in rollup_rows(since=date(2026, 1, 1), today=TODAY)
    ]  # fmt: skip
    figures["counts"] = sorted(
        Concern.objects.values_list(
            "unit_id", "state", "type", "channel", "category_id", "received_at",
            "accepted_at", "answer_published_at", "closed_at", "due_at", "ack_due_at",
            "dispute_count", "citizen_verdict", "merged_into_id", "referred_from_id",
        )
    )  # fmt: skip
    return figures


def test_the_compliance_figures_are_identical_after_the_retention_command(
    dataset, clock, city, ward_a, ward_b
):
    before = snapshot(city, ward_a, ward_b)
    clock.to(2032, 1, 5, 3)

    anonymised = services.concerns_anonymise_expired()

    assert anonymised == 6  # c9 merged, c10 and c11 referred, and the three added above
    assert Concern.objects.filter(anonymised_at__isnull=False).count() == 6
    clock.to(TODAY.year, TODAY.month, TODAY.day, 9)
    assert snapshot(city, ward_a, ward_b) == before


def test_the_compliance_figures_are_identical_after_an_erasure(
    dataset, city, ward_a, ward_b, head_a
):
    before = snapshot(city, ward_a, ward_b)

    result = services.personal_data_erase(
        actor=head_a,
        units=Unit.objects.filter(pk=ward_a.pk),
        key=ContactKey.parse("0911222333"),
        expected=2,
    )

    assert (result.erased, result.kept_open) == (2, 0)
    assert snapshot(city, ward_a, ward_b) == before
