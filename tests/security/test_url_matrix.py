"""Every URL of the portal × every persona × GET/POST → the status a user gets.

The table is the contract: a new URL without a row fails the suite
(``test_every_url_has_a_row``). The lifecycle actions of sessions and concerns are not
listed here: their matrix is generated from the transitions tables
(``test_transitions_matrix.py``). Objects belong to ward A, so the officer of ward B gets
404 for every object page, action and export about them; a wrong role inside the unit
gets 403; an anonymous visitor is sent to the login page (302). Empty POSTs to actions
get 400 (the form is incomplete) or a redirect with a message. Every page that answers
200 carries the security headers.

Personas, in column order: anonymous, officer_a, officer_b, head_a, vice_chair_a,
party_officer_a, secretary_a, council_a, reviewer, mttq_a, admin_user (world.PERSONAS).
The objects are the UBND's (a dialogue conference, a concern addressed to the UBND); the
URLs about one object are checked again on the Party committee's (PARTY_EXPECTED). The
Thường trực HĐND sees the sessions and nothing else; the Party committee's people see the
unit's concerns and act only on their own. Django's admin is left out (its own gate).
"""

import pytest
from django.urls import reverse

from tests.conftest import persona as row_of
from tests.security.scenes import ACTION_URL_NAMES
from tests.security.world import (
    PERSONAS,
    QUERY,
    SignIns,
    all_url_names,
    build_party_world,
    build_world,
    make_cast,
    object_url_names,
    url_kwargs,
)
from tests.shared_rows import rows_kept_for_the_scope

EXPECTED = {
    "compliance:city": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:items": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:my_unit": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 404, 302, 404, 302),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:report": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:report_csv": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:report_docx": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:report_register": {
        "GET": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 403, 403, 403, 403, 403, 302, 404, 403, 404, 302),
    },
    "compliance:report_xlsx": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:trends": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "compliance:unit": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "home": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:attachment": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    # The documents of a concern: whoever sees the concern (a denunciation's: its resolvers).
    "petitions:document_print": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:document_docx": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    # Who saw a denunciator before it was protected: its resolvers only (before it is
    # assigned, the head of the body it is addressed to and that body's office head).
    "petitions:reclassification_report": {
        "GET": (302, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    # Anonymous information: the unit's heads, its inspection committee, city reviewers.
    "petitions:anonymous_list": {
        "GET": (302, 404, 404, 200, 404, 404, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:anonymous_review": {
        "GET": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 404, 404, 302, 404, 404, 302, 404, 302, 404, 302),
    },
    "petitions:bulk_assign": {
        "GET": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 403, 403, 403, 302),
    },
    "petitions:detail": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:export_csv": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 403, 200, 403, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:export_xlsx": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 403, 200, 403, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:feedback_create": {
        "GET": (302, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
        "POST": (302, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    },
    "petitions:feedback_list": {
        "GET": (302, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
        "POST": (302, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    },
    "petitions:intake": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 403, 403, 403, 200),
        "POST": (302, 200, 200, 200, 200, 200, 200, 403, 403, 403, 200),
    },
    "petitions:personal_data": {
        "GET": (302, 403, 403, 200, 200, 403, 200, 403, 403, 403, 200),
        "POST": (302, 403, 403, 200, 200, 403, 200, 403, 403, 403, 200),
    },
    "petitions:personal_data_erase": {
        "GET": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 403, 403, 400, 400, 403, 400, 403, 403, 403, 400),
    },
    "petitions:personal_data_export": {
        "GET": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 403, 403, 400, 400, 403, 400, 403, 403, 403, 400),
    },
    "petitions:queue": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 403, 200, 403, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:receipt": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 403, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:session_opinions": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 403, 403, 403, 200),
        "POST": (302, 200, 404, 200, 200, 403, 403, 403, 403, 403, 200),
    },
    "public_compliance:index": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_petitions:accept": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_petitions:dispute": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_petitions:denunciation_conclusions": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    # Only from a status page looked up with the tracking code and its second factor.
    "public_petitions:second_complaint": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_petitions:forget": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_petitions:lookup": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "public_petitions:status": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_petitions:submit": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "public_petitions:submitted": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "public_sessions:detail": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_sessions:feed_city": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_sessions:feed_unit": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_sessions:ics": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_sessions:past": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "public_sessions:upcoming": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:attachment": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:calendar": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:conclusions_docx": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:conclusions_print": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:create": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 403, 403, 403, 200),
        "POST": (302, 200, 200, 200, 200, 200, 200, 403, 403, 403, 200),
    },
    "sessions:detail": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:list": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "set_language": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "staff:home": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "staff:login": {
        "GET": (200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST": (200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "staff:logout": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "staff:otp_setup": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "staff:otp_verify": {
        "GET": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
        "POST": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    },
    "staff:password_change": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "staff:password_change_done": {
        "GET": (302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "staff:password_reset": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "staff:password_reset_complete": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "staff:password_reset_confirm": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    },
    "staff:password_reset_done": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
}

# The same URLs on the Party committee's objects of ward A (a reception the Bí thư chaired,
# a concern addressed to the Party committee): reading is unit-wide, acting belongs to the
# Party committee's people.
PARTY_EXPECTED = {
    "petitions:document_print": EXPECTED["petitions:document_print"],
    "petitions:document_docx": EXPECTED["petitions:document_docx"],
    # The Bí thư resolves (routes) a denunciation addressed to the Party committee.
    "petitions:reclassification_report": {
        "GET": (302, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:anonymous_review": EXPECTED["petitions:anonymous_review"],
    "petitions:attachment": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:detail": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 200, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:receipt": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 404, 403, 404, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "petitions:session_opinions": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 403, 403, 403, 200),
        "POST": (302, 403, 404, 403, 403, 200, 200, 403, 403, 403, 200),
    },
    "sessions:attachment": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:conclusions_docx": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:conclusions_print": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
    "sessions:detail": {
        "GET": (302, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (302, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    },
}

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_every_url_has_a_row():
    """Lifecycle actions get their rows from the transitions tables
    (tests/security/test_transitions_matrix.py); every other URL has one here."""
    covered = set(EXPECTED) | ACTION_URL_NAMES
    missing = sorted(set(all_url_names()) - covered)
    stale = sorted(set(EXPECTED) - set(all_url_names()))
    assert not set(EXPECTED) & ACTION_URL_NAMES, "an action's row belongs to its table"
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {stale}"
    about_one_object = set(object_url_names(ACTION_URL_NAMES))
    assert set(PARTY_EXPECTED) == about_one_object, "a URL about one object has a Party row"


def check_headers(response, url: str) -> None:
    for header, value in SECURITY_HEADERS.items():
        assert response.get(header) == value, f"{url}: {header} is {response.get(header)!r}"
    csp = response.get("Content-Security-Policy", "")
    for directive in (
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp, f"{url}: CSP lacks {directive}"
    script_src = csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-inline" not in script_src


def _observe(name: str, world: dict, sign_ins: SignIns) -> dict:
    """The status each persona gets for GET and POST on ``name``, with the usual checks. Each
    request comes from a client of its own (a session of its own, no cookie kept)."""
    from django.core.cache import cache

    url = reverse(name, kwargs=url_kwargs(name, world)) + QUERY.get(name, "")
    observed = {}
    for method in ("GET", "POST"):
        codes = []
        for persona in PERSONAS:
            cache.clear()  # rate-limit counters belong to one request each here
            client = sign_ins.client(persona)
            response = getattr(client, method.lower())(url)
            codes.append(response.status_code)
            staff_page = name.split(":")[0] in ("sessions", "petitions", "compliance")
            if persona == "anonymous" and staff_page and response.status_code == 302:
                assert response["Location"].startswith("/staff/login/"), url
            if response.status_code == 200:
                check_headers(response, url)
        observed[method] = tuple(codes)
    return observed


# The personas and the objects are made once for the module (tests/shared_rows.py): each
# test runs in a savepoint, so every test meets them exactly as built, whatever the POSTs
# of the tests before it did.


@pytest.fixture(scope="module")
def users(django_db_setup, django_db_blocker) -> dict:
    with rows_kept_for_the_scope(django_db_blocker):
        yield make_cast()


@pytest.fixture(scope="module")
def sign_ins(users, django_db_blocker) -> SignIns:
    with rows_kept_for_the_scope(django_db_blocker):
        yield SignIns(users)


@pytest.fixture(scope="module")
def world(users, django_db_blocker) -> dict:
    with rows_kept_for_the_scope(django_db_blocker):
        yield build_world(row_of("ward_a"), users["officer_a"])


@pytest.fixture(scope="module")
def party_world(users, django_db_blocker) -> dict:
    with rows_kept_for_the_scope(django_db_blocker):
        yield build_party_world(row_of("ward_a"), users["party_officer_a"], users["secretary_a"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_for_every_persona(name, world, sign_ins):
    observed = _observe(name, world, sign_ins)
    assert observed == EXPECTED[name], f"{name}, personas {PERSONAS}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PARTY_EXPECTED))
def test_status_on_the_party_committees_objects(name, party_world, sign_ins):
    observed = _observe(name, party_world, sign_ins)
    assert observed == PARTY_EXPECTED[name], f"{name} (Party), personas {PERSONAS}"
