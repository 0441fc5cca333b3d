"""Small template helpers for the concern pages."""

from django import template

register = template.Library()


@register.filter
def is_overdue_on(concern, today) -> bool:
    """``{{ concern|is_overdue_on:today }}``: past its deadline and not paused."""
    return concern.is_overdue(today)


@register.filter
def commitment_overdue(commitment, today) -> bool:
    return commitment.is_overdue(today)
