"""Template context shared by every page."""

from django.conf import settings


def portal(request):
    # Each language named in itself (settings.LANGUAGES holds untranslated names).
    context = {"DEMO_MODE": settings.DEMO_MODE, "LANGUAGE_SWITCH": settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from units.permissions import Capability, has_capability, roles_for

        context["staff_capabilities"] = {
            capability.value for capability in Capability if has_capability(user, capability)
        }
        context["staff_is_reviewer"] = user.is_superuser or "reviewer" in roles_for(user)
    return context
