"""Request middleware of the portal."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DefaultLanguageMiddleware:
    """Vietnamese unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a
    Vietnamese government portal speaks Vietnamese first, whatever the browser says, and
    English only when the visitor picks it (stored in the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class GlobalRateLimitMiddleware:
    """A ceiling on all requests per client address (anonymous visitors only).

    Signed-in staff are not counted: a ward office shares one address among many
    officials. The limit (``RATELIMIT_GLOBAL``) is generous; the public forms have their
    own, much tighter limits.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from dialogue_portal.lib import ratelimit

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            limit, period = ratelimit.parse_rate(settings.RATELIMIT_GLOBAL)
            verdict = ratelimit.hit(
                "global", ratelimit.client_key(request), limit=limit, period=period
            )
            if not verdict.allowed:
                return ratelimit.too_many_requests(request, verdict)
        return self.get_response(request)


class PrivateStaffResponseMiddleware:
    """``Cache-Control: no-store, private`` on every answer under ``/staff/`` and ``/admin/``.

    Staff pages and staff downloads (attachments, exports, the personal-data export,
    receipts) carry citizens' names, addresses and complaints: no shared proxy may keep
    them, and no browser may keep them on disk for the next user of an office computer.

    One middleware rather than a decorator on each view: a decorator is forgotten on the
    next new view and cannot reach the admin, redirects to the sign-in page, or the error
    pages (403, 404, 429, 500) other middleware and handlers answer with. Every download
    carrying personal data lives under these prefixes (citizens' own pages under
    ``/concerns/status/`` are ``never_cache`` views), so the path is the whole rule. It sits
    near the top of ``MIDDLEWARE`` so that it sees the answers of everything below it.
    """

    PREFIXES = ("/staff/", "/admin/")
    VALUE = "no-store, private"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.PREFIXES):
            response.headers["Cache-Control"] = self.VALUE
        return response
