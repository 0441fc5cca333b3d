"""Every staff URL of petitions × persona × method → the status a user gets.

Anonymous → login; other ward → 404 for every object page; wrong role → 403; GET on an
action → 405; allowed with an empty form → 400 (re-rendered, nothing changed).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import services
from petitions.models import Concern
from sessions.demo import small_png
from tests.petitions.staff import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "officer_a", "officer_b", "head_a", "reviewer", "mttq_a", "admin_user"]


@pytest.fixture
def objects(ward_a, officer_a, head_a):
    concern = f.assigned(
        ward_a, officer_a, attachments=[SimpleUploadedFile("a.png", small_png(), "image/png")]
    )
    commitment = f.with_commitment(concern, officer_a)
    extension = services.concern_extension_request(
        actor=officer_a,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        new_due=concern.due_at + timedelta(days=5),
        reason="r",
    )
    return {
        "pk": concern.pk,
        "attachment_pk": concern.attachments.get().pk,
        "commitment_pk": commitment.pk,
        "extension_pk": extension.pk,
    }


def url(name, objects, *extra):
    args = {
        "detail": ["pk"],
        "receipt": ["pk"],
        "attachment": ["pk", "attachment_pk"],
        "commitment_done": ["pk", "commitment_pk"],
        "extension_decide": ["pk", "extension_pk"],
    }.get(
        name,
        ["pk"]
        if name not in ("queue", "intake", "export_csv", "export_xlsx", "bulk_assign")
        else [],
    )
    return reverse(f"petitions:{name}", args=[objects[a] for a in args])


#      name, method, expected per persona in PERSONAS order
ALLOWED_HANDLERS = [302, 400, 404, 400, 403, 404, 400]
TABLE = [
    ("queue", "get", [302, 200, 200, 200, 200, 403, 200]),
    ("export_csv", "get", [302, 200, 200, 200, 200, 403, 200]),
    ("export_xlsx", "get", [302, 200, 200, 200, 200, 403, 200]),
    ("intake", "get", [302, 200, 200, 200, 403, 403, 200]),
    ("intake", "post", [302, 200, 200, 200, 403, 403, 200]),
    ("bulk_assign", "post", [302, 302, 302, 302, 403, 403, 302]),
    ("bulk_assign", "get", [302, 405, 405, 405, 405, 405, 405]),
    ("detail", "get", [302, 200, 404, 200, 200, 404, 200]),
    ("receipt", "get", [302, 200, 404, 200, 403, 404, 200]),
    ("attachment", "get", [302, 200, 404, 200, 200, 404, 200]),
    ("accept", "post", ALLOWED_HANDLERS),
    ("assign", "post", ALLOWED_HANDLERS),
    ("refer", "post", ALLOWED_HANDLERS),
    ("decline", "post", ALLOWED_HANDLERS),
    ("merge", "post", ALLOWED_HANDLERS),
    ("withdraw", "post", ALLOWED_HANDLERS),
    ("answer_save", "post", ALLOWED_HANDLERS),
    ("answer_submit", "post", ALLOWED_HANDLERS),
    ("close", "post", ALLOWED_HANDLERS),
    ("commitment_add", "post", ALLOWED_HANDLERS),
    ("commitment_done", "post", ALLOWED_HANDLERS),
    ("extension_request", "post", ALLOWED_HANDLERS),
    ("pause_start", "post", ALLOWED_HANDLERS),
    ("pause_end", "post", ALLOWED_HANDLERS),
    ("note_add", "post", ALLOWED_HANDLERS),
    ("answer_approve", "post", [302, 403, 404, 400, 403, 404, 400]),
    ("extension_decide", "post", [302, 403, 404, 400, 403, 404, 400]),
    ("answer_return", "post", [302, 403, 404, 400, 400, 404, 400]),
    ("accept", "get", [302, 405, 405, 405, 405, 405, 405]),
    ("answer_approve", "get", [302, 405, 405, 405, 405, 405, 405]),
]

CASES = [
    pytest.param(name, method, persona, expected[i], id=f"{method}-{name}-{persona}")
    for name, method, expected in TABLE
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("name", "method", "persona", "expected"), CASES)
def test_permission_table(persona_client, objects, name, method, persona, expected):
    client = persona_client(None if persona == "anonymous" else persona)
    response = getattr(client, method)(url(name, objects))
    assert response.status_code == expected
    if expected == 302 and persona == "anonymous":
        assert "/staff/login/" in response["Location"]


@pytest.mark.parametrize("name", ["detail", "receipt", "attachment", "accept", "answer_approve"])
def test_an_object_of_another_ward_does_not_exist_for_its_officer(persona_client, objects, name):
    method = "get" if name in ("detail", "receipt", "attachment") else "post"
    response = getattr(persona_client("officer_b"), method)(url(name, objects))
    assert response.status_code == 404
