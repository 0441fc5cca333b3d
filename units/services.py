"""Writes to units: importing the official list, naming the people in them."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dialogue_portal.lib.text import normalize_spaces

from .models import Person, Unit


def name_person(user, full_name: str) -> Person:
    """Give ``user`` their one full name, family name first ("Nguyễn Văn Hải")."""
    person, _created = Person.objects.update_or_create(user=user, defaults={"full_name": full_name})
    user.person = person
    return person


# Date the two-level structure took effect (Resolution 202/2025/QH15).
TWO_LEVEL_START = date(2025, 7, 1)

_DIVISION_KINDS = {
    "phường": Unit.Kind.WARD,
    "xã": Unit.Kind.COMMUNE,
    "đặc khu": Unit.Kind.SPECIAL_ZONE,
}


# Remote, hard-to-reach units the city has named for the longer time limits of the law on
# complaints: Đặc khu Côn Đảo and Xã Thạnh An (the islands of Cần Giờ; not Xã Thanh An,
# 25807, of the former Bình Dương). Set when the unit is first imported; the city
# changes the flag in the admin afterwards, and a later import never overwrites it.
REMOTE_UNIT_CODES = frozenset({"26732", "27676"})


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _upsert(result: ImportResult, *, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    name = normalize_spaces(name)
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            valid_from=TWO_LEVEL_START,
            is_remote=code in REMOTE_UNIT_CODES,
        )
        unit.save()
        result.created += 1
        return unit
    changed = []
    for field, value in (
        ("name", name),
        ("kind", kind),
        ("parent_id", parent.pk if parent else None),
    ):
        if getattr(unit, field) != value:
            setattr(unit, field, value)
            changed.append(field.removesuffix("_id"))
    if not unit.is_active:
        unit.is_active = True
        changed.append("is_active")
    if changed:
        unit.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return unit


@transaction.atomic
def units_import_province(*, province_code: int = 79) -> ImportResult:
    """Load a province and its commune-level units from the ``vietnam-provinces`` package.

    Idempotent: units are matched by official code, so a second run changes nothing
    and a renamed unit is updated in place.
    """
    from vietnam_provinces import Province, ProvinceCode, Ward

    province = Province.from_code(ProvinceCode(province_code))
    result = ImportResult()
    city = _upsert(
        result, code=str(province_code), name=province.name, kind=Unit.Kind.CITY, parent=None
    )
    for ward in Ward.iter_all():
        if int(ward.province_code) != province_code:
            continue
        kind = _DIVISION_KINDS.get(str(ward.division_type.value))
        if kind is None:
            raise ValueError(f"Unknown division type {ward.division_type!r} for {ward.name}")
        _upsert(result, code=str(int(ward.code)), name=ward.name, kind=kind, parent=city)
    return result
