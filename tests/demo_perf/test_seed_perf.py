"""``manage.py seed_perf``: a city's worth of realistic, deterministic data, in bulk.

Small scale here (a few thousand concerns); the same code writes half a million a year.
"""

import hashlib
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from demo.perf import PASSWORD, REVIEWER_USERNAME
from petitions.models import (
    Concern,
    ConcernChannel,
    ConcernState,
    ConcernTransition,
    ConcernType,
    FollowUpCommitment,
    TransitionAction,
)
from petitions.tracking import normalize_code
from sessions.models import DialogueSession, SessionState, SessionTransition
from tests.demo_perf.test_replay import every_seeded_history_row_is_a_move_the_tables_allow
from tests.shared_rows import rows_kept_for_the_scope
from units.models import Membership, Unit
from units.services import units_import_province

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
SMALL = ["--concerns-per-year", "3000", "--sessions-per-year", "1500", "--today", "2026-06-15"]


@pytest.fixture(autouse=True)
def _demo_mode(settings):
    settings.DEMO_MODE = True
    settings.COMPLIANCE_INDEX_FIRST_YEAR = 2025


def seed(*extra: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_perf", *SMALL, *extra, stdout=out)
    return out.getvalue()


def digest() -> str:
    """Every seeded row of concerns, their history and commitments, sessions and theirs."""
    h = hashlib.sha256()
    for model in (
        Concern,
        ConcernTransition,
        FollowUpCommitment,
        DialogueSession,
        SessionTransition,
    ):
        for row in model.objects.order_by("pk").values_list():
            h.update(repr(row).encode())
    return h.hexdigest()


def seed_and_digest(*extra: str) -> str:
    """Seed, digest, and roll it all back (the next seed starts from the same database)."""
    with transaction.atomic():
        seed(*extra)
        result = digest()
        transaction.set_rollback(True)
    return result


@pytest.fixture(scope="class")
def output(django_db_setup, django_db_blocker):
    """One small city seeded for the class (its tests read it; what a test writes is rolled
    back after it); the command's output."""
    with (
        override_settings(DEMO_MODE=True, COMPLIANCE_INDEX_FIRST_YEAR=2025),
        rows_kept_for_the_scope(django_db_blocker),
    ):
        yield seed()


class TestOneSeededCity:
    def test_seeds_units_accounts_and_every_state_channel_and_type(self, output):
        assert Unit.objects.filter(kind__in=Unit.COMMUNE_LEVEL_KINDS).count() == 168
        assert Membership.objects.filter(user__username__startswith="perf.").count() == 2 * 168 + 1
        assert PASSWORD in output and REVIEWER_USERNAME in output
        assert "concerns" in output and "Phase times" in output
        assert set(Concern.objects.values_list("state", flat=True)) == set(ConcernState.values)
        assert set(Concern.objects.values_list("channel", flat=True)) == set(ConcernChannel.values)
        assert set(Concern.objects.values_list("type", flat=True)) == set(ConcernType.values)
        assert set(DialogueSession.objects.values_list("state", flat=True)) == set(
            SessionState.values
        )
        assert 2900 <= Concern.objects.count() <= 3100
        # Every kind of history the services write for these lives, and the clocks' states.
        actions = set(ConcernTransition.objects.values_list("action", flat=True))
        # Not simulated: anonymising, passing a concern to the other body of the ward (every
        # seeded concern is the UBND's), a reviewer's request for reconsideration, changing a
        # case's type, and the steps of the statutory procedures that have no history code of
        # their own elsewhere (the complaint dialogue and decision, the second complaint): the
        # benchmark measures the queue and dashboards over volume, which those do not change.
        assert set(TransitionAction.values) - actions == {
            TransitionAction.ANONYMISED,
            TransitionAction.BODY_TRANSFERRED,
            TransitionAction.RECONSIDERATION_REQUESTED,
            TransitionAction.RECONSIDERATION_UPHELD,
            TransitionAction.RECONSIDERATION_REVISING,
            TransitionAction.RECLASSIFIED,
            TransitionAction.COMPLAINT_DIALOGUE,
            TransitionAction.COMPLAINT_DECIDED,
            TransitionAction.SECOND_COMPLAINT,
        }
        assert Concern.objects.overdue(TODAY).exists()
        assert Concern.objects.filter(paused_since__isnull=False).exists()
        assert Concern.objects.filter(dispute_count__gt=0).exists()
        assert FollowUpCommitment.objects.filter(done_at__isnull=True, due__lt=TODAY).exists()
        assert Concern.objects.filter(
            session__isnull=False, channel=ConcernChannel.SESSION
        ).exists()
        assert Concern.objects.filter(referred_from__isnull=False).exists()

    def test_rows_look_like_the_services_wrote_them(self, output):
        codes = list(Concern.objects.values_list("tracking_code", flat=True))
        assert 2900 <= len(codes) <= 3100
        assert len(set(codes)) == len(codes)
        assert all(normalize_code(code) == code for code in codes)
        for concern in Concern.objects.order_by("pk")[:300]:
            stored = (concern.search_text, concern.tracking_code_compact)
            concern.refresh_search_text()
            assert stored == (concern.search_text, concern.tracking_code_compact)
            history = list(concern.transitions.all())
            assert history[0].action == TransitionAction.SUBMITTED and history[0].from_state == ""
            assert history[-1].to_state == concern.state
            for before, after in zip(history, history[1:], strict=False):
                assert after.from_state == before.to_state
                assert after.created_at >= before.created_at
        # A concern raised at a closed session has ended (the session's close guard).
        assert not Concern.objects.filter(
            session__state=SessionState.CLOSED,
            state__in=(ConcernState.RECEIVED, ConcernState.ACCEPTED, ConcernState.ASSIGNED),
        ).exists()

    def test_reviewer_sees_the_city_dashboard_with_figures(self, output, client):
        reviewer = Membership.objects.get(user__username=REVIEWER_USERNAME).user
        client.force_login(reviewer)

        response = client.get(
            reverse("compliance:city"),
            {"period": "year", "year": "2026"},
            HTTP_ACCEPT_LANGUAGE="en",
        )

        assert response.status_code == 200
        total = response.context["total"]
        assert total.received > 1000
        assert total.answered > 500 and total.sessions_held > 100
        assert total.overdue > 0 and total.disputed > 0
        assert response.context["history"].concerns_received > 2000

    def test_every_seeded_history_row_is_a_move_the_tables_allow(self, output):
        every_seeded_history_row_is_a_move_the_tables_allow()

    def test_refuses_a_second_run_without_adding_anything(self, output):
        before = (Concern.objects.count(), DialogueSession.objects.count())

        with pytest.raises(CommandError, match="already perf-seeded"):
            seed("--yes")

        assert (Concern.objects.count(), DialogueSession.objects.count()) == before

    def test_refuses_a_database_with_concerns_unless_told_yes(self, output):
        Membership.objects.filter(user__username=REVIEWER_USERNAME).delete()
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(username=REVIEWER_USERNAME).delete()

        with pytest.raises(CommandError, match="--yes"):
            seed()


@pytest.mark.slow
def test_same_seed_same_rows_and_another_seed_other_rows():
    # Units first: a rolled-back import does not rewind PostgreSQL's sequences.
    units_import_province()
    first = seed_and_digest()
    again = seed_and_digest()
    other = seed_and_digest("--seed", "7")

    assert first == again
    assert other != first


def test_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        seed()
    assert not Concern.objects.exists()


@pytest.mark.postgres(reason="the COPY path is PostgreSQL's")
def test_postgres_copy_path_writes_the_same_kind_of_data():
    seed()

    assert set(Concern.objects.values_list("state", flat=True)) == set(ConcernState.values)
    assert all(
        normalize_code(code) == code
        for code in Concern.objects.values_list("tracking_code", flat=True)
    )
    # Sequences follow the ids assigned by the seed: the next insert does not collide.
    session = DialogueSession.objects.order_by("-pk").first()
    transition = SessionTransition.objects.create(session=session, to_state=session.state)
    assert transition.pk > session.transitions.exclude(pk=transition.pk).order_by("-pk")[0].pk
    concern = Concern.objects.order_by("pk").first()
    concern.pk = None
    concern.tracking_code = "0000-0000-0000-00"
    concern.save()
    assert concern.pk > Concern.objects.exclude(pk=concern.pk).order_by("-pk")[0].pk
