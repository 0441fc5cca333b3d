"""The public home page and the staff home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dialogue_portal.lib.panels import staff_panels
from units.models import Membership


@require_safe
def home(request):
    return render(request, "home.html")


@login_required
@require_safe
def staff_home(request):
    memberships = (
        Membership.objects.filter(user=request.user, is_active=True)
        .select_related("unit", "unit__parent")
        .order_by("unit__path", "role")
    )
    return render(
        request,
        "staff/home.html",
        {"memberships": memberships, "panels": staff_panels(request)},
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes lockout page: HTTP 429, says how long to wait, echoes no username."""
    from django.conf import settings

    from audit.services import audit_record

    username = str((credentials or {}).get("username") or request.POST.get("username") or "")
    audit_record(
        actor=None,
        action="auth.locked_out",
        data={"username": username[:150]},
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
