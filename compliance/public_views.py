"""The public statistics page (no login), mounted at /statistics/.

Per ward: sessions held and concerns answered on time in the last 12 months, with the
formulas. The figures are cached for a short time (``COMPLIANCE_PUBLIC_CACHE_SECONDS``,
default 10 minutes) because anyone may load the page.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.text import fold
from units.models import Unit

from .periods import Period
from .selectors import unit_figures, units_in_period

CACHE_KEY = "compliance:public:{day}"


def cache_seconds() -> int:
    return settings.COMPLIANCE_PUBLIC_CACHE_SECONDS


def public_rows(today) -> dict:
    """The page's numbers (language-neutral), from the cache or computed and cached."""
    key = CACHE_KEY.format(day=today.isoformat())
    data = cache.get(key)
    if data is not None:
        return data
    period = Period.last_12_months(today)
    units = list(
        units_in_period(
            Unit.objects.filter(kind__in=Unit.COMMUNE_LEVEL_KINDS, is_active=True), period
        ).order_by(vietnamese_order("name"))
    )
    table = unit_figures(units, period, today, durations=False)
    rows = [
        {
            "code": f.unit.code,
            "name": f.unit.name,
            "search": f.unit.search_name,
            "kind": f.unit.kind,
            "sessions_held": f.sessions_held,
            "received": f.received,
            "answered": f.answered,
            "answered_on_time": f.answered_on_time,
            "overdue": f.overdue,
            "on_time_rate": f.on_time_rate,
        }
        for f in table.rows
    ]
    total = table.total
    data = {
        "start": period.start,
        "end": period.end,
        "computed_at": clock.now(),
        "rows": rows,
        "total": {
            "sessions_held": total.sessions_held,
            "received": total.received,
            "answered": total.answered,
            "answered_on_time": total.answered_on_time,
            "overdue": total.overdue,
            "on_time_rate": total.on_time_rate,
        },
    }
    cache.set(key, data, cache_seconds())
    return data


@require_GET
def index(request):
    today = clock.today()
    data = public_rows(today)
    query = (request.GET.get("q") or "")[:100]
    key = fold(query)
    rows = [r for r in data["rows"] if key in r["search"]] if key else data["rows"]
    return render(
        request,
        "compliance/public/index.html",
        {"data": data, "rows": rows, "query": query, "kinds": dict(Unit.Kind.choices)},
    )
