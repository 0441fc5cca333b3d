from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Administrative units and roles")

    def ready(self) -> None:
        # Unit names and codes appear on every public page that lists wards.
        from django.db.models.signals import post_delete, post_save

        from dialogue_portal.lib.pagecache import invalidate_public_pages

        unit = self.get_model("Unit")
        post_save.connect(invalidate_public_pages, sender=unit, dispatch_uid="publicpage-unit")
        post_delete.connect(invalidate_public_pages, sender=unit, dispatch_uid="publicpage-unit")
