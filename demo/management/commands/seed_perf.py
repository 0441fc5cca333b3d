"""Seed a scratch database with a city's worth of data for performance work (issue #7).

    manage.py migrate
    manage.py seed_perf --yes                       # 1 year: ~20,000 sessions, ~500,000 concerns
    manage.py seed_perf --years 4                   # four years of history
    manage.py seed_perf --concerns-per-year 100000  # smaller, e.g. for SQLite

Expects a freshly migrated database: it adds to whatever is there (the units are
imported idempotently) and stops if a perf seed is already present. Demo mode only
(DJANGO_DEBUG=true): every account it creates shares one printed password.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.perf import (
    HEAD_PREFIX,
    OFFICER_PREFIX,
    PASSWORD,
    REVIEWER_USERNAME,
    AlreadySeeded,
    PerfConfig,
    is_seeded,
    seed_perf,
)
from dialogue_portal.lib import clock
from petitions.models import Concern

USAGE = (
    "seed_perf is for a scratch database: create one, migrate it, then seed it, e.g.\n"
    "  createdb -h 127.0.0.1 -U postgres dp_perf\n"
    "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/dp_perf DJANGO_DEBUG=true "
    "python manage.py migrate\n"
    "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/dp_perf DJANGO_DEBUG=true "
    "python manage.py seed_perf --yes"
)


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Seed the 168 units, staff accounts and N years of sessions and concerns in bulk, "
        "for performance work on a scratch database (deterministic for a seed and a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=1, help="Years of history (default 1).")
        parser.add_argument("--sessions-per-year", type=_positive, default=20_000)
        parser.add_argument("--concerns-per-year", type=_positive, default=500_000)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day the history ends (YYYY-MM-DD; default: today).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Seed even though the database already has concerns.",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_perf creates accounts with a printed password and runs only with "
                "DJANGO_DEBUG=true.\n" + USAGE
            )
        if options["years"] < 1:
            raise CommandError("--years must be at least 1")
        if is_seeded():
            raise CommandError(
                f"This database is already perf-seeded (the account {REVIEWER_USERNAME} "
                "exists); nothing was added. Seed a fresh database instead.\n" + USAGE
            )
        existing = Concern.objects.count()
        if existing and not options["yes"]:
            raise CommandError(
                f"This database already has {existing} concerns. Pass --yes to add the perf "
                "seed to them anyway.\n" + USAGE
            )
        config = PerfConfig(
            today=options["today"] or clock.today(),
            years=options["years"],
            sessions_per_year=options["sessions_per_year"],
            concerns_per_year=options["concerns_per_year"],
            seed=options["seed"],
        )
        self.stdout.write(
            f"Seeding {config.years} year(s) to {config.today:%d/%m/%Y}: "
            f"{config.sessions_per_year} sessions and {config.concerns_per_year} concerns a "
            f"year, seed {config.seed}."
        )
        try:
            report = seed_perf(config, log=self.stdout.write)
        except AlreadySeeded as exc:  # pragma: no cover - a concurrent run
            raise CommandError(f"Already perf-seeded ({exc}).") from exc
        total = sum(seconds for _name, seconds in report.phases)
        self.stdout.write("")
        self.stdout.write("Phase times:")
        for name, seconds in report.phases:
            self.stdout.write(f"  {name:<20} {seconds:8.1f} s")
        self.stdout.write(f"  {'total':<20} {total:8.1f} s")
        self.stdout.write("Rows:")
        for label, count in report.counts.items():
            self.stdout.write(f"  {label:<40} {count:>10,}")
        self.stdout.write("")
        self.stdout.write(
            f"Accounts (password for all: {PASSWORD}): {REVIEWER_USERNAME} (city reviewer), "
            f"{OFFICER_PREFIX}<unit code> (ward officer), {HEAD_PREFIX}<unit code> (unit head), "
            f"e.g. {OFFICER_PREFIX}26743 for Phường Bến Thành."
        )
