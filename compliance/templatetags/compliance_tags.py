"""Numbers and rule statuses as the compliance pages show them."""

from django import template
from django.utils.formats import number_format

from ..figures import STATUS_LABELS

register = template.Library()

STATUS_MARKS = {"met": "✓", "at_risk": "!", "missed": "✗", "none": "–"}


@register.filter
def pct(value) -> str:
    """0.625 → "62,5 %" (in the active language's number format); None → "—"."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, 1)} %"


@register.filter
def days(value) -> str:
    """A number of working days with one decimal; None → "—"."""
    if value is None:
        return "—"
    return number_format(value, 1)


@register.inclusion_tag("compliance/includes/status.html")
def status_badge(status: str, small: bool = False):
    """The rule status in words with a mark (never colour alone)."""
    return {
        "status": status,
        "label": STATUS_LABELS.get(status, status),
        "mark": STATUS_MARKS.get(status, ""),
        "small": small,
    }


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL of another app's page by name, or "" while that page does not exist."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
