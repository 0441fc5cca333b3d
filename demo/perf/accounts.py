"""Units and accounts: an officer and a head in each commune-level unit, the city reviewer."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from units.models import Membership, Person, Role, Unit

from .config import CITY_CODE, HEAD_PREFIX, OFFICER_PREFIX, PASSWORD, REVIEWER_USERNAME
from .words import FAMILY, GIVEN, MIDDLE, random_name
from .writer import first_free_id


@dataclass
class Ward:
    """One commune-level unit with its two perf accounts and its handful of derived facts."""

    unit: Unit
    officer_id: int
    head_id: int
    officer_name: str
    head_name: str
    secretary_name: str
    chair_name: str
    weight: float
    discipline: float  # how reliably it holds its required sessions (0.6–1.0)


def seed_accounts(rng: random.Random) -> tuple[list[Ward], int]:
    """Officer and head per commune-level unit, the city reviewer; one password hash for all."""
    city = Unit.objects.get(code=str(CITY_CODE))
    units = list(
        Unit.objects.filter(
            parent=city, is_active=True, kind__in=Unit.COMMUNE_LEVEL_KINDS
        ).order_by("code")
    )
    user_model = get_user_model()
    password = make_password(PASSWORD)
    next_id = first_free_id(user_model)
    users, people, memberships, wards = [], [], [], []

    def person(username: str, email_domain: str = "perf.invalid") -> tuple[int, str, str]:
        nonlocal next_id
        family, middle, given = rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)
        users.append(
            user_model(
                id=next_id,
                username=username,
                password=password,
                email=f"{username}@{email_domain}",
            )
        )
        full_name = f"{family} {middle} {given}"
        people.append(
            Person(user_id=next_id, full_name=full_name, sort_name=f"{given} {family} {middle}")
        )
        next_id += 1
        return next_id - 1, f"{family} {middle} {given}", given

    for unit in units:
        officer_id, officer_name, _g = person(f"{OFFICER_PREFIX}{unit.code}")
        head_id, head_name, _g = person(f"{HEAD_PREFIX}{unit.code}")
        memberships.append(
            Membership(
                user_id=officer_id,
                unit=unit,
                role=Role.WARD_OFFICER,
                position=(
                    "Chuyên viên Văn phòng Hội đồng nhân dân và Ủy ban nhân dân "
                    f"{unit.name_in_text}"
                ),
            )
        )
        memberships.append(
            Membership(
                user_id=head_id,
                unit=unit,
                role=Role.CHAIR,
                position=f"Chủ tịch Ủy ban nhân dân {unit.name_in_text}",
            )
        )
        wards.append(
            Ward(
                unit=unit,
                officer_id=officer_id,
                head_id=head_id,
                officer_name=officer_name,
                head_name=head_name,
                secretary_name=random_name(rng),
                chair_name=head_name,
                # Population and business differ a lot between wards: a lognormal spread.
                weight=rng.lognormvariate(0.0, 0.75),
                discipline=1.0 - 0.4 * rng.random() ** 2,
            )
        )
    reviewer_id, _n, _g = person(REVIEWER_USERNAME)
    memberships.append(
        Membership(
            user_id=reviewer_id,
            unit=city,
            role=Role.REVIEWER,
            position="Chuyên viên Ban Tuyên giáo và Dân vận Thành ủy",
        )
    )
    user_model.objects.bulk_create(users, batch_size=1000)
    Person.objects.bulk_create(people, batch_size=1000)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return wards, len(users)
