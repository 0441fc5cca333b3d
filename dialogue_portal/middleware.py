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
