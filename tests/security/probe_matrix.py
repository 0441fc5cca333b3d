"""Not collected (no test_ prefix): `pytest -o python_functions=probe -s
tests/security/probe_matrix.py::probe` prints the observed matrix, to review before updating
EXPECTED and PARTY_EXPECTED in test_url_matrix.py."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.security.scenes import ACTION_URL_NAMES
from tests.security.world import (
    PERSONAS,
    QUERY,
    all_url_names,
    build_party_world,
    build_world,
    object_url_names,
    persona_users,
    url_kwargs,
)


def _print_rows(title: str, names, world, users) -> None:
    print(f"{title} = {{")
    for name in names:
        url = reverse(name, kwargs=url_kwargs(name, world)) + QUERY.get(name, "")
        row = {}
        for method in ("get", "post"):
            codes = []
            for persona in PERSONAS:
                cache.clear()  # rate-limit counters belong to one request each here
                client = Client()
                if users[persona]:
                    client.force_login(users[persona])
                codes.append(getattr(client, method)(url).status_code)
            row[method] = codes
        print(f'    "{name}": {{"GET": {tuple(row["get"])}, "POST": {tuple(row["post"])}}},')
    print("}")


@pytest.mark.django_db
def probe(request, ward_a, ward_b, officer_a, party_officer_a, secretary_a):
    users = persona_users(request)
    names = [n for n in all_url_names() if n not in ACTION_URL_NAMES]
    _print_rows("EXPECTED", names, build_world(ward_a, officer_a), users)
    party = build_party_world(ward_a, party_officer_a, secretary_a)
    _print_rows("PARTY_EXPECTED", object_url_names(ACTION_URL_NAMES), party, users)
