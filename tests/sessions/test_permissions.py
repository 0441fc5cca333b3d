"""Sessions seen from outside: what the public may never reach, files of other sessions.

The URL × persona × method statuses of every sessions page are rows of the portal-wide
matrix (tests/security/test_url_matrix.py) and, for the lifecycle actions, of the matrix
generated from ``sessions.transitions`` (tests/security/test_transitions_matrix.py).
"""

import pytest
from django.urls import reverse

from sessions import services
from tests.factories.files import pdf_upload
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


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
