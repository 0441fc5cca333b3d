"""Template helpers of the sessions app."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args) -> str:
    """The URL of ``name`` with ``args``, or "" when no such URL is installed.

    Used to link to pages of higher apps (petitions) that may not be installed:
    ``{% url_if_exists 'petitions:session_opinions' session.pk as opinions_url %}``.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def state_badge(state: str) -> str:
    """Bootstrap colour class for a session state (the label is always shown as text too)."""
    return {
        "draft": "text-bg-secondary",
        "planned": "text-bg-info",
        "announced": "text-bg-primary",
        "postponed": "text-bg-warning",
        "cancelled": "text-bg-dark",
        "held": "text-bg-success",
        "concluded": "text-bg-success",
        "closed": "text-bg-light border",
    }.get(state, "text-bg-secondary")


@register.filter
def official_month(value) -> str:
    """The month as Vietnamese official documents write it: 01 and 02 padded, then 3..12."""
    if not value:
        return ""
    return f"{value.month:02d}" if value.month < 3 else str(value.month)
