"""The period and unit picker of the dashboards and the report (GET forms)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.collation import vietnamese_key
from dialogue_portal.lib.forms import Form
from dialogue_portal.lib.widgets import FastSelect

from .periods import MAX_CUSTOM_DAYS, Period, PeriodKind, default_period

MSG_CUSTOM_DATES = _("Give both dates of an ad hoc period.")
MSG_END_BEFORE_START = _("The end date must not be before the start date.")
MSG_TOO_LONG = _("An ad hoc period may span at most %(days)d days.")
MSG_YEAR_NEEDED = _("Choose the year.")
MSG_MONTH_NEEDED = _("Choose the month.")
MSG_QUARTER_NEEDED = _("Choose the quarter.")

MONTH_CHOICES = [("", "—"), *[(m, f"{m:02d}") for m in range(1, 13)]]
QUARTER_CHOICES = [("", "—"), *[(q, str(q)) for q in range(1, 5)]]


def _unit_label(unit, depth: int) -> str:
    indent = "— " * depth
    state = "" if unit.is_active else f" ({_('former unit')})"
    return f"{indent}{unit.name}{state}"


def units_in_tree_order(units: list) -> list:
    """Each unit right after its parent, units of one parent in Vietnamese alphabetical
    order: the city, then its wards and communes from A to Y (former districts each
    followed by their former wards)."""
    by_path = {u.path: u for u in units}

    def key(unit) -> tuple:
        codes = unit.path.rstrip("/").split("/")
        prefixes = ("/".join(codes[: depth + 1]) + "/" for depth in range(len(codes)))
        return tuple(vietnamese_key(by_path[p].name) for p in prefixes if p in by_path)

    return sorted(units, key=lambda u: (key(u), u.path))


class PeriodForm(Form):
    """Period kind with its year / month / quarter, or ad hoc dates; optionally a unit."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.CHOICES, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"), choices=MONTH_CHOICES, coerce=int, required=False, empty_value=None
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int, required=False, empty_value=None
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    unit = forms.TypedChoiceField(
        label=_("Unit and the units below it"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=FastSelect,
    )

    def __init__(self, data=None, *, today: date, units=None, kinds=None, **kwargs):
        self.today = today
        initial = default_period(today)
        super().__init__(
            data,
            initial={"period": initial.kind, "year": today.year, "month": today.month},
            **kwargs,
        )
        if kinds is not None:
            self.fields["period"].choices = [c for c in PeriodKind.CHOICES if c[0] in kinds]
        if units is None:
            del self.fields["unit"]
        else:
            top = min((u.path.count("/") for u in units), default=0)
            self.fields["unit"].choices = [
                (u.pk, _unit_label(u, u.path.count("/") - top)) for u in units_in_tree_order(units)
            ]

    def clean(self):
        data = super().clean()
        kind = data.get("period") or PeriodKind.MONTH
        data["period"] = kind
        if kind == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(MSG_CUSTOM_DATES, code="dates_required")
            if end < start:
                self.add_error("end", forms.ValidationError(MSG_END_BEFORE_START, code="order"))
            elif (end - start).days + 1 > MAX_CUSTOM_DAYS:
                self.add_error(
                    "end",
                    forms.ValidationError(
                        MSG_TOO_LONG, code="too_long", params={"days": MAX_CUSTOM_DAYS}
                    ),
                )
            return data
        if not data.get("year"):
            data["year"] = self.today.year
        if kind == PeriodKind.MONTH and not data.get("month"):
            data["month"] = self.today.month if data["year"] == self.today.year else 1
        if kind == PeriodKind.QUARTER and not data.get("quarter"):
            data["quarter"] = (self.today.month - 1) // 3 + 1
        return data

    def get_period(self) -> Period:
        """The chosen period; the current month when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return default_period(self.today)
        data = self.cleaned_data
        kind = data["period"]
        if kind == PeriodKind.CUSTOM:
            return Period.custom(data["start"], data["end"])
        if kind == PeriodKind.MONTH:
            return Period.for_month(data["year"], data["month"])
        if kind == PeriodKind.QUARTER:
            return Period.for_quarter(data["year"], data["quarter"])
        return Period.year_to(kind, data["year"])

    def get_unit_id(self) -> int | None:
        if "unit" not in self.fields or not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("unit")
