from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalendarConfig(AppConfig):
    name = "workcalendar"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from django.core.signals import request_started
        from django.db.models.signals import post_delete, post_save

        from . import calendar

        # The cached calendar follows the administrator's entries (also the admin's bulk
        # delete, a queryset delete: hence signals rather than save()/delete() overrides).
        calendar_day = self.get_model("CalendarDay")
        post_save.connect(
            calendar.calendar_day_changed,
            sender=calendar_day,
            dispatch_uid="workcalendar_calendarday_saved",
        )
        post_delete.connect(
            calendar.calendar_day_changed,
            sender=calendar_day,
            dispatch_uid="workcalendar_calendarday_deleted",
        )
        request_started.connect(
            calendar.recheck_at_request_start, dispatch_uid="workcalendar_request_started"
        )
