"""The second complaint on the status page: ``{% second_complaint concern as appeal %}``."""

from django import template

from ..services.complaints import appeal_state

register = template.Library()


@register.simple_tag(takes_context=True)
def second_complaint(context, concern):
    """Whether a second complaint may be filed now, until when, the one already filed, and
    the form (the one sent back with its errors, or a fresh one)."""
    from ..public_forms import SecondComplaintForm

    state = appeal_state(concern)
    state["form"] = context.get("second_complaint_form") or SecondComplaintForm()
    state["decided"] = bool(concern.finding and concern.answer_published_at)
    return state
