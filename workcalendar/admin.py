from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dialogue_portal.lib.admin import PortalModelAdmin
from dialogue_portal.lib.forms import ModelForm

from .models import CalendarDay


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


# Django's Vietnamese locale has no DATE_INPUT_FORMATS, so a plain DateField would read
# "07/03/2026" the American way (3 July). Dates here are day/month/year; the admin's
# calendar pop-up writes ISO dates, which are accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class CalendarDayForm(ModelForm):
    date = forms.DateField(
        label=capfirst(CalendarDay._meta.get_field("date").verbose_name),
        input_formats=DATE_INPUT_FORMATS,
        widget=AdminDateWidget(format="%d/%m/%Y"),
        help_text=_("Day/month/year, e.g. 07/03/2026."),
    )

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "legal_basis"]


@admin.register(CalendarDay)
class CalendarDayAdmin(PortalModelAdmin):
    """Extra days off and worked days (làm bù) announced by the government."""

    list_display = ["day", "weekday", "kind", "name", "legal_basis"]
    list_display_links = ["day", "name"]
    list_filter = ["kind", YearListFilter]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"
    ordering = ["-date"]
    form = CalendarDayForm
    fields = ["date", "kind", "name", "legal_basis"]

    @admin.display(description=_("date"), ordering="date")
    def day(self, obj: CalendarDay) -> str:
        return f"{obj.date:%d/%m/%Y}"

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return WEEKDAYS[obj.date.weekday()]


WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    pgettext_lazy("day off", "Saturday"),
    pgettext_lazy("day off", "Sunday"),
]
