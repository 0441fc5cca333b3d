"""Generated input to every staff form never gives a 500.

For each staff URL that takes a POST, the fields are the ``name``s of the inputs on the
pages that carry its forms; Hypothesis fills any subset of them with arbitrary text
(NUL bytes, scripts, huge strings, numbers, dates, other units' ids) and posts them as
the unit head, who may use every form. Whatever is sent, the answer is a page, a
redirect or a 4xx, never a server error.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_url_matrix import EXPECTED
from tests.security.world import PERSONAS, build_world, url_kwargs

HEAD = PERSONAS.index("head_a")
STAFF_POST_URLS = sorted(
    name
    for name, row in EXPECTED.items()
    if not name.startswith(("public_", "staff:", "set_language", "home"))
    and row["POST"][HEAD] not in (403, 404, 405)
)
# Pages whose forms post to the URLs above.
FORM_PAGES = {
    "sessions": [
        "sessions:detail",
        "sessions:edit",
        "sessions:create",
        "sessions:conclusions",
        "sessions:record_held",
        "sessions:postpone",
        "sessions:cancel",
        "sessions:announce",
    ],
    "petitions": [
        "petitions:detail",
        "petitions:intake",
        "petitions:queue",
        "petitions:session_opinions",
        "petitions:personal_data",
    ],
}
NAME_RE = re.compile(r'name="([a-zA-Z0-9_\-]+)"')

values = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=3000),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999",
            "<script>alert(1)</script>",
            "\x00",
            "2026-02-30",
            "31/12/9999",
            "' OR 1=1 --",
            "1",
            "on",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)


def field_names(client, world) -> list[str]:
    names: set[str] = set()
    for pages in FORM_PAGES.values():
        for page_name in pages:
            url = reverse(page_name, kwargs=url_kwargs(page_name, world))
            response = client.get(url)
            if response.status_code == 200:
                names.update(NAME_RE.findall(response.content.decode()))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_POST_URLS)
def test_generated_input_never_gives_a_server_error(name, ward_a, ward_b, officer_a, head_a):
    world = build_world(ward_a, officer_a)
    client = Client(raise_request_exception=False)
    client.force_login(head_a)
    names = field_names(client, world)
    url = reverse(name, kwargs=url_kwargs(name, world))

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(data=st.dictionaries(st.sampled_from(names), values, max_size=8))
    def post(data):
        cache.clear()
        response = client.post(url, data)
        assert response.status_code < 500, f"{name}: {response.status_code} for {data!r}"

    post()
