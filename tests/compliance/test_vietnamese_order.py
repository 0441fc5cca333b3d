"""Dashboards, the public statistics and the report's exports list units in Vietnamese
alphabetical order (Đ after D and before E…H, tones after the letters) where their figures
tie, and the unit pickers show each parent's units in that order."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import make_unit
from units.models import Unit

pytestmark = pytest.mark.django_db

# Units with the same figures (no activity, the same kind): the table falls back on names.
# Byte order puts "Xã Đất Đỏ" after "Xã Hồ Tràm"; accent-free order puts it before "Xã Dầu Tiếng".
COMMUNES = ["Xã Cần Giờ", "Xã Dầu Tiếng", "Xã Đất Đỏ", "Xã Hồ Tràm"]


@pytest.fixture
def communes(city, ward_a, ward_b):
    # Made in another order, so that neither their codes nor their creation give the order.
    for name in ("Xã Hồ Tràm", "Xã Đất Đỏ", "Xã Dầu Tiếng"):
        make_unit(name=name, kind=Unit.Kind.COMMUNE, parent=city)


def _communes_in(names) -> list[str]:
    return [name for name in names if name in COMMUNES]


def test_the_city_table_lists_tied_units_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    table = client.get(reverse("compliance:city")).context["table"]
    assert _communes_in(row.figures.unit.name for row in table.rows) == COMMUNES


def test_the_public_statistics_list_units_in_vietnamese_order(client, communes):
    rows = client.get(reverse("public_compliance:index")).context["rows"]
    assert [row["name"] for row in rows] == ["Phường Bến Thành", *COMMUNES]


def test_the_report_csv_lists_tied_units_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    response = client.get(reverse("compliance:report_csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert _communes_in(row[1] for row in rows[2:]) == COMMUNES  # after the header, the total


def test_the_unit_picker_lists_each_parents_units_in_vietnamese_order(
    english, reviewer, city, communes
):
    client = english
    district = make_unit(name="Quận Bình Thạnh", kind=Unit.Kind.DISTRICT, parent=city)
    for name in ("Phường 2", "Phường 10", "Phường 1"):
        make_unit(name=name, parent=district)
    Unit.objects.filter(path__startswith=district.path).update(is_active=False)
    client.force_login(reviewer)
    form = client.get(reverse("compliance:city")).context["form"]
    assert [str(label) for value, label in form.fields["unit"].choices] == [
        "Thành phố Hồ Chí Minh",
        "— Phường Bến Thành",
        "— Quận Bình Thạnh (former unit)",
        "— — Phường 1 (former unit)",
        "— — Phường 10 (former unit)",
        "— — Phường 2 (former unit)",
        *(f"— {name}" for name in COMMUNES),
    ]


def test_the_trends_picker_lists_units_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    units = client.get(reverse("compliance:trends")).context["units"]
    assert [u.name for u in units] == ["Thành phố Hồ Chí Minh", "Phường Bến Thành", *COMMUNES]


def test_units_still_owing_sessions_are_named_in_vietnamese_order(client, reviewer, communes):
    client.force_login(reviewer)
    groups = client.get(reverse("compliance:city")).context["still_due"]
    owing = [_communes_in(u.name for u in group["units"]) for group in groups]
    assert COMMUNES in owing
