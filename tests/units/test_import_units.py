from collections import Counter

import pytest
from django.core.management import call_command

from units.models import Unit

pytestmark = pytest.mark.django_db


def hcmc_counts() -> Counter:
    return Counter(Unit.objects.filter(path__startswith="79/").values_list("kind", flat=True))


def test_import_units_loads_the_city_and_its_168_commune_level_units():
    call_command("import_units")

    assert hcmc_counts() == Counter(
        {Unit.Kind.CITY: 1, Unit.Kind.WARD: 113, Unit.Kind.COMMUNE: 54, Unit.Kind.SPECIAL_ZONE: 1}
    )
    city = Unit.objects.get(code="79")
    assert city.name == "Thành phố Hồ Chí Minh"
    assert Unit.objects.get(code="26743").parent == city
    assert Unit.objects.get(name="Đặc khu Côn Đảo").kind == Unit.Kind.SPECIAL_ZONE


def test_running_import_units_twice_changes_nothing(capsys):
    call_command("import_units")
    before = list(Unit.objects.order_by("code").values_list("code", "name", "kind", "parent_id"))
    capsys.readouterr()

    call_command("import_units")

    assert "0 created, 0 updated, 169 unchanged" in capsys.readouterr().out
    assert (
        list(Unit.objects.order_by("code").values_list("code", "name", "kind", "parent_id"))
        == before
    )
    assert Unit.objects.count() == 169


def test_names_with_doubled_spaces_are_normalised():
    call_command("import_units")

    assert Unit.objects.filter(name__contains="  ").count() == 0
    assert Unit.objects.filter(name="Phường Rạch Dừa").exists()


def test_a_renamed_unit_is_updated_in_place_not_duplicated():
    call_command("import_units")
    unit = Unit.objects.get(code="26743")
    unit.name = "Phường Tên Cũ"
    unit.save()

    call_command("import_units")

    unit.refresh_from_db()
    assert unit.name == "Phường Bến Thành"
    assert Unit.objects.filter(code="26743").count() == 1


def test_legacy_units_stay_when_the_import_runs(city):
    district = Unit(
        code="760", name="Quận 1", kind=Unit.Kind.DISTRICT, parent=city, is_active=False
    )
    district.save()

    call_command("import_units")

    district.refresh_from_db()
    assert district.is_active is False
    assert Unit.objects.filter(kind=Unit.Kind.DISTRICT).count() == 1


def test_search_name_ignores_accents_and_unicode_form():
    import unicodedata

    from dialogue_portal.lib.text import fold

    call_command("import_units")
    typed = unicodedata.normalize("NFD", "bến thành")
    assert Unit.objects.filter(search_name__contains=fold(typed)).get().code == "26743"
    assert Unit.objects.filter(search_name__contains=fold("ben thanh")).get().code == "26743"
