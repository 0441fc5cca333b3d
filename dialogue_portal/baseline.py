"""The benchmark's yardstick: a minimal Django view rendering a small template with one query.

``make bench`` serves it beside the real pages, through the same middleware and server
settings, so each page's throughput is reported as a ratio to what bare Django does on
the same machine. It is routed only when ``DJANGO_BENCH_BASELINE`` is on (the benchmark's
server), never in production.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from units.models import Unit


@require_safe
def baseline(request):
    unit = Unit.objects.only("code", "name").order_by("pk").first()
    return render(request, "bench/baseline.html", {"unit": unit})
