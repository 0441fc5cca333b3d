from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Administrative units and roles")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from dialogue_portal.lib.collation import register_sqlite_collation
        from dialogue_portal.lib.pagecache import drop_public_pages_when_saved

        # Vietnamese order (vietnamese_order) on SQLite too: PostgreSQL has it built in.
        connection_created.connect(register_sqlite_collation, dispatch_uid="vietnamese_collation")

        # Unit names and codes appear on every public page that lists wards.
        drop_public_pages_when_saved(self.get_model("Unit"))
