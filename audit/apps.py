from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.apps import apps

        from .history import HistoryEntry
        from .registry import register_history_actions

        # Each app's history model names its action texts once (``actions``): register them.
        for model in apps.get_models():
            if issubclass(model, HistoryEntry):
                register_history_actions(model._meta.label_lower, model.actions)
