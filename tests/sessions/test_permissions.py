"""Every sessions URL × persona × method → the expected status.

The session always belongs to ward A, in the state the URL needs. Anonymous visitors of
staff URLs go to the login page (302); staff of another ward get 404 (the session does
not exist for them); a role that may see but not act gets 403; read-only pages answer
405 to POST and action endpoints 405 to GET.
"""

import pytest
from django.urls import reverse

from sessions import services
from tests.sessions.factories import make_session, pdf_upload

pytestmark = pytest.mark.django_db

PERSONAS = (None, "officer_a", "officer_b", "head_a", "reviewer", "mttq_a")


def row(anon, officer_a, officer_b, head_a, reviewer, mttq_a):
    return dict(zip(PERSONAS, (anon, officer_a, officer_b, head_a, reviewer, mttq_a), strict=True))


READ = row(302, 200, 404, 200, 200, 200)
READ_POST = row(302, 405, 405, 405, 405, 405)
MANAGE_FORM = row(302, 200, 404, 200, 403, 403)
ACTION_GET = row(302, 405, 405, 405, 405, 405)
MANAGE_ACTION = row(302, 302, 404, 302, 403, 403)

# url name → (state of the session or None for list pages, {method: expected row})
STAFF = {
    "list": (None, {"get": row(302, 200, 200, 200, 200, 200), "post": READ_POST}),
    "calendar": (None, {"get": row(302, 200, 200, 200, 200, 200), "post": READ_POST}),
    "create": (
        None,
        {"get": row(302, 200, 200, 200, 403, 403), "post": row(302, 200, 200, 200, 403, 403)},
    ),
    "detail": ("announced", {"get": READ, "post": READ_POST}),
    "edit": ("planned", {"get": MANAGE_FORM, "post": MANAGE_FORM}),
    "submit": ("draft", {"get": ACTION_GET, "post": MANAGE_ACTION}),
    "approve": ("draft", {"get": ACTION_GET, "post": row(302, 403, 404, 302, 403, 403)}),
    "announce": ("planned", {"get": MANAGE_FORM, "post": MANAGE_ACTION}),
    "postpone": ("announced", {"get": MANAGE_FORM, "post": MANAGE_FORM}),
    "cancel": ("announced", {"get": MANAGE_FORM, "post": MANAGE_FORM}),
    "record_held": ("announced", {"get": MANAGE_FORM, "post": MANAGE_FORM}),
    "add_attachments": ("held", {"get": ACTION_GET, "post": MANAGE_ACTION}),
    "attachment": ("held", {"get": READ, "post": READ_POST}),
    "conclusions": ("held", {"get": MANAGE_FORM, "post": MANAGE_FORM}),
    "issue_conclusions": ("held", {"get": ACTION_GET, "post": row(302, 403, 404, 302, 403, 403)}),
    "conclusions_print": ("held", {"get": READ, "post": READ_POST}),
    "close": ("concluded", {"get": ACTION_GET, "post": MANAGE_ACTION}),
}

PUBLIC_ANY = row(200, 200, 200, 200, 200, 200)
PUBLIC_POST = row(405, 405, 405, 405, 405, 405)
PUBLIC = ["upcoming", "past", "detail", "ics", "feed_city", "feed_unit"]


def staff_cases():
    for name, (_state, methods) in STAFF.items():
        for method, expected in methods.items():
            for persona in PERSONAS:
                yield pytest.param(
                    name, method, persona, expected[persona], id=f"{name}-{method}-{persona}"
                )


def public_cases():
    for name in PUBLIC:
        for method, expected in (("get", PUBLIC_ANY), ("post", PUBLIC_POST)):
            for persona in PERSONAS:
                yield pytest.param(
                    name, method, persona, expected[persona], id=f"{name}-{method}-{persona}"
                )


def _staff_url(name: str, ward_a, officer_a) -> str:
    state = STAFF[name][0]
    if state is None:
        return reverse(f"sessions:{name}")
    session = make_session(ward_a, state)
    if name == "attachment":
        services.session_add_attachments(
            actor=officer_a,
            session_id=session.pk,
            uploads=[services.Upload("minutes", pdf_upload())],
        )
        return reverse("sessions:attachment", args=[session.pk, session.attachments.get().pk])
    return reverse(f"sessions:{name}", args=[session.pk])


@pytest.mark.parametrize(("name", "method", "persona", "expected"), list(staff_cases()))
def test_staff_url_permissions(
    persona_client, ward_a, ward_b, officer_a, name, method, persona, expected
):
    url = _staff_url(name, ward_a, officer_a)
    client = persona_client(persona)
    response = getattr(client, method)(url)
    assert response.status_code == expected, f"{method.upper()} {url} as {persona}"
    if persona is None:
        assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize(("name", "method", "persona", "expected"), list(public_cases()))
def test_public_url_permissions(persona_client, ward_a, ward_b, name, method, persona, expected):
    session = make_session(ward_a, "concluded")
    args = {
        "detail": [session.public_id],
        "ics": [session.public_id],
        "feed_unit": [ward_a.code],
    }.get(name, [])
    url = reverse(f"public_sessions:{name}", args=args)
    response = getattr(persona_client(persona), method)(url)
    assert response.status_code == expected


@pytest.mark.parametrize("state", ["draft", "planned"])
def test_drafts_and_unannounced_plans_do_not_exist_publicly(client, ward_a, state):
    session = make_session(ward_a, state)
    assert (
        client.get(reverse("public_sessions:detail", args=[session.public_id])).status_code == 404
    )
    assert client.get(reverse("public_sessions:ics", args=[session.public_id])).status_code == 404


def test_the_public_page_is_not_reachable_by_primary_key(client, ward_a):
    session = make_session(ward_a, "announced")
    assert client.get(f"/sessions/{session.pk}/").status_code == 404


def test_attachment_of_another_session_is_404_even_inside_scope(client, ward_a, officer_a):
    held = make_session(ward_a, "held")
    other = make_session(ward_a, "held")
    services.session_add_attachments(
        actor=officer_a, session_id=held.pk, uploads=[services.Upload("minutes", pdf_upload())]
    )
    client.force_login(officer_a)
    url = reverse("sessions:attachment", args=[other.pk, held.attachments.get().pk])
    assert client.get(url).status_code == 404


def test_attachments_download_as_files_not_inline(client, ward_a, officer_a):
    held = make_session(ward_a, "held")
    services.session_add_attachments(
        actor=officer_a,
        session_id=held.pk,
        uploads=[services.Upload("minutes", pdf_upload("Biên bản.pdf"))],
    )
    client.force_login(officer_a)
    response = client.get(reverse("sessions:attachment", args=[held.pk, held.attachments.get().pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    stored = held.attachments.get().file.name
    assert "Biên" not in stored and stored.endswith(".pdf")
