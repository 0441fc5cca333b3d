"""Anonymise submitters' personal data once the retention period is over (cron it daily).

A concern whose final transition (closed, referred, declined, merged, withdrawn) is older
than ``PERSONAL_DATA_RETENTION_YEARS`` loses its submitter's name, phone, e-mail and
address; everything the dashboards count stays. Safe to run twice: an anonymised concern
no longer matches. ``--dry-run`` only prints how many would be anonymised.
"""

from django.core.management.base import BaseCommand

from petitions import selectors, services


class Command(BaseCommand):
    help = "Anonymise the submitters of concerns that ended more than the retention period ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print how many concerns are due."
        )

    def handle(self, *args, **options):
        years = selectors.retention_years()
        count = services.concerns_anonymise_expired(dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(
                f"{count} concern(s) ended more than {years} year(s) ago and would be anonymised "
                "(dry run: nothing changed)."
            )
        else:
            self.stdout.write(
                f"{count} concern(s) anonymised (ended more than {years} year(s) ago)."
            )
