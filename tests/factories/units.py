"""Units and the people in them."""

import itertools

from django.contrib.auth import get_user_model

from units.models import Membership, Role, Unit
from units.services import name_person

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_unit(
    *,
    name: str | None = None,
    kind: str = Unit.Kind.WARD,
    parent: Unit | None = None,
    code: str | None = None,
) -> Unit:
    n = next(_counter)
    if parent is None and kind != Unit.Kind.CITY:
        parent = Unit.objects.filter(kind=Unit.Kind.CITY).first() or make_unit(
            kind=Unit.Kind.CITY, name="Thành phố Hồ Chí Minh"
        )
    unit = Unit(
        name=name or f"Phường Thử Nghiệm {n}",
        kind=kind,
        parent=parent,
        code=code or f"T{n:05d}",
    )
    unit.save()
    return unit


def make_user(
    username: str | None = None, *, password: str = PASSWORD, full_name: str = "", **extra
):
    """A staff account; ``full_name`` is the one "Họ và tên", family name first."""
    n = next(_counter)
    user_model = get_user_model()
    user = user_model.objects.create_user(
        username=username or f"user{n}",
        password=password,
        email=extra.pop("email", f"user{n}@example.test"),
        **extra,
    )
    if full_name:
        name_person(user, full_name)
    return user


def make_member(
    unit: Unit,
    role: str = Role.WARD_OFFICER,
    *,
    username: str | None = None,
    position: str = "",
    **extra,
):
    user = make_user(username, **extra)
    Membership.objects.create(user=user, unit=unit, role=role, position=position)
    return user
