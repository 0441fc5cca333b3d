from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Compliance dashboards and reports")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from audit.registry import register_actions
        from dialogue_portal.lib.panels import register_staff_panel
        from workcalendar.models import CalendarDay

        from . import workdays
        from .panels import compliance_panel
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_staff_panel(compliance_panel)
        # The working-day index mirrors the calendar: drop it when an exception changes.
        post_save.connect(
            workdays.invalidate, sender=CalendarDay, dispatch_uid="compliance_calendar_saved"
        )
        post_delete.connect(
            workdays.invalidate, sender=CalendarDay, dispatch_uid="compliance_calendar_deleted"
        )
