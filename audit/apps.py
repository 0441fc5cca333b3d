from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from .registry import register_history_models

        # Every app's history model names its action texts once; register them all.
        register_history_models()
