"""Whole-page cache for public pages that change rarely, invalidated on every change.

A public page (upcoming sessions, a session's page, the submission form) is the same for
every anonymous visitor but for one thing: the CSRF token of its forms (the language
switch, the submission form). The page is rendered once with a placeholder where the
token goes; each visitor gets the cached HTML with their own token put in, so a form sent
from a cached page passes the CSRF check like any other.

Not cached: signed-in users (the header names them), requests carrying flash messages,
anything but GET/HEAD and anything but a 200 HTML answer. Keys name the language, host,
scheme and full path, and a version number that ``invalidate_public_pages`` moves on
whenever an app saves or deletes something a public page shows (the apps connect their
models in ``ready()``); ``PUBLIC_PAGE_CACHE_SECONDS`` bounds how long a page lives, for
what changes with the clock alone (a session moving from upcoming to past).

The version moves when the change *commits*, never inside the transaction: moved earlier,
a visitor arriving between the save and the commit would render the old rows and cache
them under the new version (kept until the page expires), and a change rolled back would
drop every page for nothing. Outside a transaction (autocommit) it moves at once.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

CSRF_PLACEHOLDER = "csrf-placeholder-5b1d0c7e"
VERSION_KEY = "publicpage:version"
_FLAG = "_render_csrf_placeholder"
MAX_QUERY_LENGTH = 200


def csrf_placeholder(request) -> dict:
    """Context processor: the placeholder instead of the token while a page is cached."""
    if getattr(request, _FLAG, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def invalidate_public_pages(*args, using: str | None = None, **kwargs) -> None:
    """Retire every cached public page once the current transaction on ``using`` commits.

    A signal receiver (``using`` is the signal's database; other arguments are ignored).
    """
    transaction.on_commit(retire_public_pages, using=using or DEFAULT_DB_ALIAS)


def retire_public_pages() -> None:
    """Retire every cached public page now (what :func:`invalidate_public_pages` runs on
    commit; call it directly only outside a transaction, e.g. from a test)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def drop_public_pages_when_saved(*models, receiver=invalidate_public_pages) -> None:
    """Connect ``receiver`` (by default :func:`invalidate_public_pages`) to every save and
    delete of ``models``: each app names what its public pages show, in ``ready()``."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"publicpage-{model._meta.label}")


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False  # odd, long queries are rendered, not allowed to fill the cache
    return len(get_messages(request)) == 0


def _key(request) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"publicpage:{_version()}:{translation.get_language()}:{digest}"


def _with_token(request, content: bytes, content_type: str) -> HttpResponse:
    token = get_token(request)  # also makes the CSRF middleware set the cookie
    return HttpResponse(
        content.replace(CSRF_PLACEHOLDER.encode(), token.encode()), content_type=content_type
    )


def public_page(view):
    """Serve a public GET page from the cache (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return _with_token(request, *cached)
        setattr(request, _FLAG, True)
        try:
            response = view(request, *args, **kwargs)
        finally:
            setattr(request, _FLAG, False)
        content_type = response.get("Content-Type", "")
        if (
            response.status_code != 200
            or response.streaming
            or not content_type.startswith("text/html")
            or response.cookies
        ):
            if CSRF_PLACEHOLDER.encode() in getattr(response, "content", b""):
                return view(request, *args, **kwargs)  # never send a placeholder out
            return response
        cache.set(key, (response.content, content_type), settings.PUBLIC_PAGE_CACHE_SECONDS)
        return _with_token(request, response.content, content_type)

    return wrapper
