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


@register.filter
def addressed_body(concern) -> str:
    """``{{ concern|addressed_body }}``: "Ủy ban nhân dân phường Bến Thành", "Đảng ủy
    phường Bến Thành": the body that handles, answers and signs the concern."""
    from petitions.institutions import body_name

    return body_name(concern.unit, concern.addressed_to)
