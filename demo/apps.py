from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for newcomers and reviewers. Sits above every other app."""

    name = "demo"
    verbose_name = _("Demo data")
