"""Template context shared by every page."""

from django.conf import settings


def portal(request):
    return {"DEMO_MODE": settings.DEMO_MODE}
