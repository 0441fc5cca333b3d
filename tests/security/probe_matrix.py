"""Not collected (no test_ prefix): `pytest tests/security/probe_matrix.py::probe -s` prints
the observed matrix, to review before updating EXPECTED in test_url_matrix.py."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.world import (
    PERSONAS,
    QUERY,
    all_url_names,
    build_world,
    persona_users,
    url_kwargs,
)


@pytest.mark.django_db
def probe(request, ward_a, ward_b, officer_a, officer_b, head_a, reviewer, mttq_a, admin_user):
    world = build_world(ward_a, officer_a)
    users = persona_users(officer_a, officer_b, head_a, reviewer, mttq_a, admin_user)
    for name in all_url_names():
        url = reverse(name, kwargs=url_kwargs(name, world)) + QUERY.get(name, "")
        row = {}
        for method in ("get", "post"):
            codes = []
            for persona in PERSONAS:
                client = Client()
                if users[persona]:
                    client.force_login(users[persona])
                codes.append(getattr(client, method)(url).status_code)
            row[method] = codes
        print(f'    "{name}": {{"GET": {tuple(row["get"])}, "POST": {tuple(row["post"])}}},')
