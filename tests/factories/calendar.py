"""Factory functions for the working-day calendar's tests."""

from datetime import date

from workcalendar.models import CalendarDay, CalendarDayKind


def make_day_off(day: date, name: str = "Nghỉ bù", **extra) -> CalendarDay:
    return CalendarDay.objects.create(date=day, kind=CalendarDayKind.DAY_OFF, name=name, **extra)


def make_working_day(day: date, name: str = "Làm bù", **extra) -> CalendarDay:
    return CalendarDay.objects.create(
        date=day, kind=CalendarDayKind.WORKING_DAY, name=name, **extra
    )
