"""The statutory clock of a denunciation on the staff page:
``{% denunciation_clock_of concern as clock %}``."""

from django import template

from ..services.denunciations import denunciation_clock

register = template.Library()


@register.simple_tag
def denunciation_clock_of(concern):
    """Initial handling (7 working days), transfer (5 working days), resolution due,
    extensions used of those the law allows, and since when it is suspended."""
    return denunciation_clock(concern)
