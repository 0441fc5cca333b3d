"""Cron job: e-mail the units' staff about sessions that need action. Safe to run often."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sessions.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail unit officers and heads about sessions near and not announced, held without "
        "minutes, and conclusions due or overdue. Each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must look like 2026-03-12: {exc}")
        sent = send_due_reminders(today=today, dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        for reminder, count in sent:
            self.stdout.write(
                f"{verb} {reminder.kind} about {reminder.about:%d/%m/%Y} for session "
                f"{reminder.session.pk} ({reminder.session.unit.name}) to {count} recipient(s)."
            )
        self.stdout.write(f"{verb} {len(sent)} reminder(s).")
