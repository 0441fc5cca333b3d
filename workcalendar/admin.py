from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Extra days off and worked days (làm bù) announced by the government."""

    list_display = ["date", "weekday", "kind", "name", "legal_basis", "updated_at"]
    list_display_links = ["date", "name"]
    list_filter = ["kind", YearListFilter]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"
    ordering = ["-date"]
    fields = ["date", "kind", "name", "legal_basis"]

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
