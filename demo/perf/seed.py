"""The whole seed: units, accounts, sessions, concerns, in one transaction, timed by phase."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from units.services import units_import_province

from .accounts import seed_accounts
from .concerns import ConcernSeeder
from .config import CITY_CODE, REVIEWER_USERNAME, AlreadySeeded, PerfConfig, PerfReport
from .sessions import SessionSeeder
from .timeline import Timeline

SEEDED_MODELS = (
    "auth.User",
    "units.Membership",
    "dialogue_sessions.DialogueSession",
    "dialogue_sessions.SessionTransition",
    "petitions.Concern",
    "petitions.ConcernTransition",
    "petitions.FollowUpCommitment",
    "petitions.Extension",
    "petitions.Pause",
)


class _Phases:
    """Times each phase and tells the operator as it goes."""

    def __init__(self, report: PerfReport, log: Callable[[str], None]):
        self.report = report
        self.log = log

    def run(self, name: str, func, *args):
        self.log(f"{name}…")
        started = time.perf_counter()
        result = func(*args)
        elapsed = time.perf_counter() - started
        self.report.phases.append((name, elapsed))
        self.log(f"{name}: {elapsed:.1f} s")
        return result


def is_seeded() -> bool:
    return get_user_model().objects.filter(username=REVIEWER_USERNAME).exists()


def _reset_sequences() -> None:
    from django.apps import apps

    models = [apps.get_model(label) for label in SEEDED_MODELS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {label: apps.get_model(label).objects.count() for label in SEEDED_MODELS}


def seed_perf(config: PerfConfig, *, log: Callable[[str], None] = print) -> PerfReport:
    """Seed the units, the accounts, sessions and concerns; refresh the rollup. See the module."""
    from compliance.services import rollup_refresh

    if is_seeded():
        raise AlreadySeeded(REVIEWER_USERNAME)
    report = PerfReport()
    phases = _Phases(report, log)
    rng = random.Random(config.seed)
    # The services write their history in the portal's language; so does this.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        phases.run("units", lambda: units_import_province(province_code=CITY_CODE))
        wards, _users = phases.run("accounts", seed_accounts, rng)
        timeline = Timeline(config.today, rng)
        sessions = SessionSeeder(config, timeline, rng)
        phases.run("sessions", sessions.run, wards)
        concerns = ConcernSeeder(config, timeline, rng, wards)
        phases.run("concerns", concerns.run, sessions.held)
        phases.run("sequences", _reset_sequences)
        committing = time.perf_counter()
    # Leaving the block commits: PostgreSQL checks the deferred foreign keys now.
    report.phases.append(("commit", time.perf_counter() - committing))
    phases.run("analyze", _analyze)
    phases.run("compliance rollup", lambda: rollup_refresh(today=config.today))
    report.counts = _counts()
    return report
