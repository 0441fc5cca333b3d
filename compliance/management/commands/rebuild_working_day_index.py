"""Rebuild the working-day index the compliance figures count with.

`migrate` builds it when missing, an administrator's calendar change rebuilds it, and the
rollup refresh keeps it reaching today; run this after upgrading the ``holidays`` package
(new holidays or day swaps) or when a page logs that the index is too short:

    manage.py rebuild_working_day_index
"""

from django.core.management.base import BaseCommand

from compliance import workdays


class Command(BaseCommand):
    help = "Rebuild the working-day index used by the compliance figures."

    def handle(self, *args, **options):
        rows = workdays.rebuild()
        self.stdout.write(f"Working-day index rebuilt: {rows} days.")
