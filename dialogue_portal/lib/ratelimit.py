"""A small fixed-window rate limiter on Django's shared cache.

Counts requests per client address and *scope* (``"concern_submit"``, ``"concern_lookup"``)
in fixed windows of ``period`` seconds. The counter lives in the default cache: local
memory in development, Redis in production (``CACHE_URL``), so every app server shares
the same counts. ``cache.add`` creates the counter only if it is missing and
``cache.incr`` increments it in one step, both atomic on Redis, so concurrent requests
can never both see the same count.

Client address
--------------
The key is ``REMOTE_ADDR`` and nothing else: headers such as ``X-Forwarded-For`` are
chosen by the client and would let anyone pick a fresh bucket for every request. In
production the portal sits behind a reverse proxy, and **the deployment must make
``REMOTE_ADDR`` the visitor's address** (e.g. nginx's ``real_ip`` module at the edge
and a WSGI server that passes the proxy's ``X-Real-IP`` into ``REMOTE_ADDR`` for
connections from the proxy only). Otherwise every visitor shares the proxy's address
and one bucket. IPv6 addresses are counted per /64 network, since one subscriber
usually holds a whole /64.

Usage::

    @ratelimit("concern_submit", setting="RATELIMIT_SUBMIT")
    def submit(request): ...

Blocked requests get ``templates/429.html`` with HTTP 429 and a ``Retry-After`` header.
"""

import functools
import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/10m"`` → ``(5, 600)``; ``"20/m"`` → ``(20, 60)``. Units: s, m, h, d."""
    match = _RATE.match(rate or "")
    if not match:
        raise ValueError(f"Bad rate {rate!r}: expected e.g. '5/10m', '20/m', '100/h'.")
    limit, multiplier, unit = match.groups()
    period = int(multiplier or 1) * _UNIT_SECONDS[unit]
    if int(limit) < 1 or period < 1:
        raise ValueError(f"Bad rate {rate!r}: limit and period must be positive.")
    return int(limit), period


def client_key(request) -> str:
    """A short, non-reversible key for the client address (IPv6 by its /64 network)."""
    address = request.META.get("REMOTE_ADDR") or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        if ip.version == 6 and ip.ipv4_mapped is not None:
            network = str(ip.ipv4_mapped)
        elif ip.version == 6:
            network = str(ipaddress.ip_network(f"{ip}/64", strict=False))
        else:
            network = str(ip)
    # Hashed so that no raw address sits in the cache (and keys stay short and safe).
    return hashlib.sha256(f"{settings.SECRET_KEY}:{network}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends


def hit(scope: str, key: str, *, limit: int, period: int, now: float | None = None) -> Verdict:
    """Count one request for ``key`` in ``scope`` and say whether it is within the limit."""
    now = time.time() if now is None else now
    window = int(now // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    # A little longer than the window, so the counter survives until the window ends.
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # Expired or evicted between add and incr: start again from one.
        count = 1 if cache.add(cache_key, 1, timeout=period + 5) else cache.incr(cache_key)
    retry_after = max(1, int((window + 1) * period - now + 0.999))
    return Verdict(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)


def reset(scope: str, key: str, *, period: int, now: float | None = None) -> None:
    """Forget the current window's count (tests and administrators)."""
    now = time.time() if now is None else now
    cache.delete(f"ratelimit:{scope}:{key}:{int(now // period)}")


def _rate_for(limit, period, setting) -> tuple[int, int]:
    if setting:
        return parse_rate(getattr(settings, setting))
    return int(limit), int(period)


def too_many_requests(request, verdict: Verdict):
    """The HTTP 429 page: when to try again; echoes nothing the visitor sent."""
    minutes = max(1, -(-verdict.retry_after // 60))
    response = render(
        request,
        "429.html",
        {"retry_after_seconds": verdict.retry_after, "retry_after_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def ratelimit(
    scope: str,
    limit: int | None = None,
    period: int | None = None,
    *,
    setting: str | None = None,
    methods: tuple[str, ...] = ("POST",),
):
    """Limit a view to ``limit`` requests per ``period`` seconds per client, in ``scope``.

    With ``setting``, the rate is read from that settings name at request time
    (e.g. ``"5/10m"``; the default lives in ``settings.py`` only), so deployments and tests
    can change it. Only requests whose method is in ``methods`` are counted (by default
    POST: showing a form costs nothing; every attempt to send one is counted, valid or not).
    """
    if setting is None and (limit is None or period is None):
        raise TypeError("ratelimit() needs either limit and period, or setting=")

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                rate_limit, rate_period = _rate_for(limit, period, setting)
                verdict = hit(scope, client_key(request), limit=rate_limit, period=rate_period)
                if not verdict.allowed:
                    return too_many_requests(request, verdict)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
