from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Administrative units and roles")

    def ready(self) -> None:
        from dialogue_portal.lib.pagecache import drop_public_pages_when_saved

        # Unit names and codes appear on every public page that lists wards.
        drop_public_pages_when_saved(self.get_model("Unit"))
