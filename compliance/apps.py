from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Compliance dashboards and reports")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from audit.registry import register_actions
        from dialogue_portal.lib.panels import register_staff_panel
        from workcalendar.models import CalendarDay

        from . import workdays
        from .panels import compliance_panel
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_staff_panel(compliance_panel)
        # The working-day index mirrors the calendar: rebuilt when an administrator's change
        # of it commits, and built by `migrate` when missing (pages never write it).
        post_save.connect(
            workdays.rebuild_on_commit, sender=CalendarDay, dispatch_uid="compliance_calendar_saved"
        )
        post_delete.connect(
            workdays.rebuild_on_commit,
            sender=CalendarDay,
            dispatch_uid="compliance_calendar_deleted",
        )
        post_migrate.connect(
            workdays.build_after_migrate, sender=self, dispatch_uid="compliance_index_migrate"
        )
