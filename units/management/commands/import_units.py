from django.core.management.base import BaseCommand

from units.services import units_import_province


class Command(BaseCommand):
    help = "Import a province (default Ho Chi Minh City, 79) and its commune-level units."

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, default=79)

    def handle(self, *args, province: int, **options):
        result = units_import_province(province_code=province)
        self.stdout.write(
            f"Units: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
