"""Two people acting on one session at once: the row lock serialises them (PostgreSQL)."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation

from sessions import services
from sessions.models import DialogueSession, SessionState
from tests.factories.sessions import days, make_session

pytestmark = [
    pytest.mark.postgres(reason="SQLite cannot lock rows"),
    pytest.mark.django_db(transaction=True),
]


def test_cancelling_waits_for_a_concurrent_held_record_and_then_refuses(ward_a, officer_a, head_a):
    session = make_session(ward_a, "announced", planned_start=days(-1))
    locked = threading.Event()
    outcome: dict = {}

    def record_held_slowly():
        try:
            with transaction.atomic():
                DialogueSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                time.sleep(0.5)  # the other request arrives while the row is locked
                services.session_record_held(
                    actor=officer_a,
                    session_id=session.pk,
                    actual_start=timezone.now() - timedelta(hours=20),
                    actual_end=None,
                    chaired_by_role="chair",
                    chaired_by_name="A",
                    attendance_count=10,
                )
        finally:
            connection.close()

    def cancel():
        locked.wait(5)
        try:
            translation.activate("en")
            services.session_cancel(actor=head_a, session_id=session.pk, reason="Trùng lịch")
            outcome["cancel"] = "done"
        except ValidationError as exc:
            outcome["cancel"] = " ".join(exc.messages)
        finally:
            connection.close()

    first = threading.Thread(target=record_held_slowly)
    second = threading.Thread(target=cancel)
    first.start()
    second.start()
    first.join(10)
    second.join(10)

    session.refresh_from_db()
    assert session.state == SessionState.HELD
    assert "a held session cannot be cancelled" in outcome["cancel"]


def test_two_stale_edits_cannot_both_win(ward_a, officer_a, head_a):
    session = make_session(ward_a, "planned")
    fields = {k: getattr(session, k) for k in services.PLAN_FIELDS}
    results: list[str] = []
    barrier = threading.Barrier(2)

    def edit(actor, topic):
        barrier.wait(5)
        try:
            services.session_update_plan(
                actor=actor,
                session_id=session.pk,
                expected_version=1,
                fields={**fields, "topic": topic},
            )
            results.append("saved")
        except ValidationError as exc:
            results.append(exc.code or "error")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(u, t)) for u, t in ((officer_a, "Một"), (head_a, "Hai"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(results) == ["saved", "stale"]
    session.refresh_from_db()
    assert session.version == 2
