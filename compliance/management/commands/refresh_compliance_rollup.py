"""Recompute the all-history compliance rollup (meant for cron, e.g. every hour).

manage.py refresh_compliance_rollup             # everything
manage.py refresh_compliance_rollup --months 3  # this month and the two before it
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.periods import add_months
from compliance.services import rollup_refresh
from dialogue_portal.lib import clock


class Command(BaseCommand):
    help = "Recompute the compliance rollup shown as 'since records began' on the dashboards."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Only recompute this many recent months (default: all history).",
        )

    def handle(self, *args, months: int | None = None, **options):
        today = clock.today()
        since = None
        if months is not None:
            if months < 1:
                raise CommandError("--months must be at least 1")
            since = add_months(date(today.year, today.month, 1), -(months - 1))
        run = rollup_refresh(since=since, today=today)
        self.stdout.write(
            f"Compliance rollup refreshed: {run.rows} rows"
            + (f" from {since:%m/%Y}" if since else " (all history)")
            + f", finished {timezone.localtime(run.finished_at):%d/%m/%Y %H:%M}."
        )
