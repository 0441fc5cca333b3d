"""A concern referred from one unit to another in the portal is one concern in the city's
figures: the receiving unit's case, which shows where it came from."""

import pytest
from django.urls import reverse

from compliance.periods import Period
from compliance.selectors import unit_figures
from dialogue_portal.lib import clock
from petitions import services
from tests.factories.concerns import submit

pytestmark = pytest.mark.django_db


def _referred(ward_a, ward_b, officer_a):
    concern = submit(ward_a)
    services.concern_refer(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        to_unit=ward_b,
        note_to_citizen="Việc này thuộc địa bàn xã Cần Giờ.",
    )
    return concern, concern.referrals.get()


def test_a_referral_in_the_portal_is_received_once_in_the_city(city, ward_a, ward_b, officer_a):
    _referred(ward_a, ward_b, officer_a)
    submit(ward_a)  # and one that stays
    today = clock.today()
    table = unit_figures([ward_a, ward_b], Period.for_month(today.year, today.month), today)
    by_unit = {row.unit.pk: row for row in table.rows}
    assert by_unit[ward_b.pk].received == 1
    assert by_unit[ward_a.pk].received == 1
    # The total is the sum of the rows, and counts the referred concern once.
    assert table.total.received == 2


def test_a_referral_outside_the_portal_still_counts_where_it_was_received(ward_a, officer_a):
    concern = submit(ward_a)
    services.concern_refer(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        outside_body="Sở Xây dựng",
        note_to_citizen="Thuộc thẩm quyền của Sở Xây dựng.",
    )
    today = clock.today()
    table = unit_figures([ward_a], Period.for_month(today.year, today.month), today)
    assert table.total.received == 1


def test_the_receiving_case_names_where_it_came_from(client, ward_a, ward_b, officer_a, officer_b):
    _origin, new = _referred(ward_a, ward_b, officer_a)
    client.force_login(officer_b)
    html = client.get(reverse("petitions:detail", args=[new.pk])).content.decode()
    assert "Phường Bến Thành" in html
