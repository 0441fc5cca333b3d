"""Another ward's concern does not exist for an officer (404, never 403).

The URL × persona × method statuses are rows of the portal-wide matrix
(tests/security/test_url_matrix.py) and, for the actions, of the matrix generated from
``petitions.transitions`` (tests/security/test_transitions_matrix.py).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import services
from petitions.models import Concern
from sessions.demo import small_png
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("name", ["detail", "receipt", "attachment", "accept", "answer_approve"])
def test_an_object_of_another_ward_does_not_exist_for_its_officer(persona_client, objects, name):
    method = "get" if name in ("detail", "receipt", "attachment") else "post"
    response = getattr(persona_client("officer_b"), method)(url(name, objects))
    assert response.status_code == 404
