"""Compute the city's figures for this month, quarter and year ahead of the reviewers.

Meant for cron every few minutes (at most COMPLIANCE_FIGURES_CACHE_SECONDS apart), so the
dashboards, the report and its exports open on figures already computed:

    manage.py warm_compliance_figures
"""

from django.core.management.base import BaseCommand

from compliance import workdays
from compliance.figure_cache import warm
from dialogue_portal.lib import clock


class Command(BaseCommand):
    help = "Compute and keep the city's compliance figures for the default periods."

    def handle(self, *args, **options):
        today = clock.today()
        workdays.refresh_index(today=today)  # the pages only read it
        timings = warm(today)
        if not timings:
            self.stdout.write("No units yet: nothing to compute.")
        for period, seconds in timings:
            self.stdout.write(f"{period.label()}: computed in {seconds:.2f} s")
