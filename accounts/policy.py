"""Staff session policy: second factor, idle timeout, absolute lifetime."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .otp import otp_url

SESSION_LOGIN_AT = "portal_login_at"
SESSION_SEEN_AT = "portal_seen_at"

# Paths that never need the second factor (the factor pages themselves, sign-out).
_EXEMPT_NAMES = ("staff:otp_verify", "staff:otp_setup", "staff:logout", "staff:login")


class StaffSessionPolicyMiddleware:
    """Ends idle or too-old staff sessions and demands the second factor when required.

    - idle for more than ``STAFF_IDLE_TIMEOUT`` → signed out;
    - signed in longer than ``STAFF_MAX_SESSION_AGE`` ago → signed out;
    - ``OTP_REQUIRED`` and the session has not passed the TOTP step → sent to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._enforce(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request, user):
        now = timezone.now().timestamp()
        session = request.session
        login_at = session.get(SESSION_LOGIN_AT, now)
        seen_at = session.get(SESSION_SEEN_AT, now)
        idle = now - seen_at > settings.STAFF_IDLE_TIMEOUT.total_seconds()
        too_old = now - login_at > settings.STAFF_MAX_SESSION_AGE.total_seconds()
        if idle or too_old:
            from audit.services import audit_record

            audit_record(actor=user, action="auth.session_expired", data={"idle": idle})
            logout(request)
            messages.info(
                request, _("You were signed out to protect your account. Please sign in again.")
            )
            return redirect(f"{reverse('staff:login')}?next={request.path}")
        session.setdefault(SESSION_LOGIN_AT, login_at)
        session[SESSION_SEEN_AT] = now
        if settings.OTP_REQUIRED and not user.is_verified():
            exempt = {reverse(name) for name in _EXEMPT_NAMES}
            if request.path not in exempt and not request.path.startswith(settings.STATIC_URL):
                return redirect(f"{otp_url(user)}?next={request.path}")
        return None


class StaffAccessAuditMiddleware:
    """Records 403 and 404 answers on staff URLs: probing other units leaves a trace."""

    AUDITED_PREFIXES = ("/staff/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 404) and request.path.startswith(self.AUDITED_PREFIXES):
            from audit.services import audit_record

            user = getattr(request, "user", None)
            audit_record(
                actor=user if user is not None and user.is_authenticated else None,
                action="access.forbidden" if response.status_code == 403 else "access.not_found",
                data={"path": request.path[:300], "method": request.method},
                ip_address=request.META.get("REMOTE_ADDR") or None,
            )
        return response
