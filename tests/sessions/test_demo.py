"""The demo seeder: every state in the two demo wards, through the services, idempotent."""

from datetime import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from sessions.demo import minimal_pdf, seed_demo
from sessions.models import DialogueSession, SessionState
from tests.shared_rows import rows_kept_for_the_scope
from units.demo import WARD_A_CODE, WARD_B_CODE, seed_units_and_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module (the tests only read it)."""
    with rows_kept_for_the_scope(django_db_blocker):
        seed_units_and_accounts()
        seed_demo(today=timezone.localdate())
        yield


def test_demo_has_every_state_in_both_wards_with_history_and_audit(seeded):
    for code in (WARD_A_CODE, WARD_B_CODE):
        states = set(
            DialogueSession.objects.filter(unit__code=code).values_list("state", flat=True)
        )
        assert states == set(SessionState.values), code
    assert DialogueSession.objects.filter(is_late_notice=True).exists()
    assert DialogueSession.objects.filter(state="postponed").count() >= 2
    assert DialogueSession.objects.filter(attachments__kind="minutes").exists()
    assert DialogueSession.objects.exclude(conclusions_issued_at=None).count() >= 4
    sessions = list(DialogueSession.objects.all())
    assert len(sessions) >= 2 * len(SessionState.values)
    for session in sessions:
        assert session.transitions.exists(), session
        assert AuditEntry.objects.for_object(session).exists(), session


def test_demo_sessions_were_announced_before_they_started(seeded):
    announced = list(DialogueSession.objects.exclude(announced_at=None))
    assert len(announced) >= 2 * 5  # announced, postponed, held, concluded, closed: both wards
    for session in announced:
        assert session.announced_at < session.planned_start, session
        postponed_from = session.transitions.filter(data__event="postponed").values_list(
            "data__old_start", flat=True
        )
        for old_start in postponed_from:
            assert session.announced_at < datetime.fromisoformat(old_start), session


def test_seeding_twice_adds_nothing(seeded):
    count = DialogueSession.objects.count()
    seed_demo(today=timezone.localdate())
    assert DialogueSession.objects.count() == count


def test_minimal_pdf_passes_the_upload_checks():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dialogue_portal.lib.uploads import validate_upload

    data = minimal_pdf("Biên bản hội nghị (thử)")
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    assert validate_upload(SimpleUploadedFile("x.pdf", data), allowed=["pdf"]) == "pdf"
