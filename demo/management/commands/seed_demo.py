"""Fill the database with demo data: units, accounts for every role, sessions, concerns.

Idempotent: running it again adds nothing. Runs only in demo mode (DJANGO_DEBUG=true),
because the demo accounts share a published password.
"""

from datetime import date
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dialogue_portal.lib import clock
from petitions.demo import demo_hint
from units.demo import DEMO_PASSWORD, seed_units_and_accounts

# Each app that has demo data offers `seed_demo(*, today)` in its demo module.
APP_SEEDERS = ["sessions.demo", "petitions.demo", "compliance.demo"]


class Command(BaseCommand):
    help = "Create demo units, accounts, sessions and concerns (demo mode only; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="Do not print the accounts."
        )

    def handle(self, *args, quiet_accounts: bool = False, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo creates accounts with a published password and runs only with "
                "DJANGO_DEBUG=true."
            )
        rows = seed_units_and_accounts()
        today: date = clock.today()
        for module_name in APP_SEEDERS:
            import_module(module_name).seed_demo(today=today)
            self.stdout.write(f"Demo data: {module_name.split('.')[0]} ready.")
        if quiet_accounts:
            return
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _role, _unit in rows)
        for username, role, unit in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role} — {unit}")
        self.stdout.write("")
        self.stdout.write(demo_hint())
