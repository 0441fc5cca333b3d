"""Staff pages of the compliance app (mounted at /staff/compliance/).

Scope: the units in which the user has ``Capability.VIEW_DASHBOARDS`` (reviewers: their
subtree; ward officers and heads: their own unit; administrators: everything). A unit
outside it does not exist for the user (404); so do the pages for someone without any.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_POST

from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import vietnamese_key
from documents.docx import docx_response
from petitions.models import ANSWERED_STATES
from units.models import Institution, Unit
from units.permissions import Capability, has_capability, require_capability, units_for

from . import charts, exports, figure_cache, report_document, selectors, services
from .figures import (
    STATUS_SORT,
    ack_status,
    at_risk_floor,
    commitments_overdue_status,
    conclusions_status,
    notice_status,
    overdue_status,
    rate_status,
    sessions_status,
)
from .forms import PeriodForm, units_in_tree_order
from .periods import Period, PeriodKind, add_months
from .tables import build

ITEMS_PAGE_SIZE = 50
REPORT_KINDS = PeriodKind.VALUES
TREND_MONTHS = 12


def _today() -> date:
    return clock.today()


def _scope(user) -> list[Unit]:
    """The units whose figures the user may see, by path; 404 when there are none."""
    units = list(units_for(user, Capability.VIEW_DASHBOARDS).order_by("path"))
    if not units:
        raise Http404
    return units


def _unit_in(scope: list[Unit], raw) -> Unit | None:
    """The unit of ``scope`` with pk ``raw``; 404 when given but not in scope (or malformed)."""
    if raw in (None, ""):
        return None
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    for unit in scope:
        if unit.pk == pk:
            return unit
    raise Http404


def _cache_minutes() -> int:
    """How old the figures on a page may be (see compliance.figure_cache)."""
    return max(0, settings.COMPLIANCE_FIGURES_CACHE_SECONDS) // 60


def _picker(request, scope, *, with_units=True, kinds=None):
    """The bound period form, the period, and the chosen root unit."""
    today = _today()
    root = _unit_in(scope, request.GET.get("unit"))
    form = PeriodForm(
        request.GET or None, today=today, units=scope if with_units else None, kinds=kinds
    )
    period = form.get_period()
    return form, period, root or figure_cache.default_root(scope), today


def _safe_url(name: str, *args) -> str | None:
    """A URL of another app by name, or None while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# --- City dashboard ---------------------------------------------------------------------


@login_required
@require_GET
def city(request):
    scope = _scope(request.user)
    form, period, root, today = _picker(request, scope)
    units = figure_cache.subtree(scope, root, period)
    figure_table = figure_cache.unit_figures(units, period, today)
    base_query = {**period.query(), "unit": root.pk}
    sort = request.GET.get("sort") or STATUS_SORT
    best_first = request.GET.get("dir") == "best"
    table = build(figure_table, root=root, base_query=base_query, sort=sort, best_first=best_first)
    history = selectors.all_history([u.pk for u in units])
    total = figure_table.total
    return render(
        request,
        "compliance/city.html",
        {
            "form": form,
            "period": period,
            "root": root,
            "table": table,
            "figures_cache_minutes": _cache_minutes(),
            "total": total,
            "history": history,
            "today": today,
            "query": urlencode(base_query),
            "status": {
                "sessions": sessions_status(total),
                "notice": notice_status(total),
                "conclusions": conclusions_status(total),
                "rate": rate_status(total),
                "overdue": overdue_status(total),
                "ack": ack_status(total),
                "commitments": commitments_overdue_status(total),
            },
            "still_due": _group_still_due(figure_table.rows),
            **_table_context(table, base_query),
        },
    )


def _group_still_due(figures_rows) -> list[dict]:
    """Still-due items grouped by rule, deadline and number missing, with their units."""
    groups: dict[tuple, dict] = {}
    for f in figures_rows:
        for item in f.still_due:
            key = (item.rule.pk, item.by, item.missing)
            group = groups.setdefault(
                key, {"rule": item.rule, "by": item.by, "missing": item.missing, "units": []}
            )
            group["units"].append(f.unit)
    for group in groups.values():
        group["units"].sort(key=lambda unit: vietnamese_key(unit.name))
    return sorted(groups.values(), key=lambda g: (g["by"], -len(g["units"]), g["rule"].pk))


def _table_context(table, base_query: dict) -> dict:
    return {
        "rows_with_total": [table.total, *table.rows],
        "total_urls": table.total.urls,
        "status_sort_query": urlencode(base_query),
        "at_risk_floor": f"{number_format(at_risk_floor() * 100, 0)} %",
    }


# --- Unit dashboard ----------------------------------------------------------------------


@login_required
@require_GET
def my_unit(request):
    """Ward staff land on their unit's dashboard; people with several units on the city page."""
    scope = _scope(request.user)
    if len(scope) == 1:
        return redirect("compliance:unit", pk=scope[0].pk)
    return redirect("compliance:city")


@login_required
@require_GET
def unit(request, pk: int):
    scope = _scope(request.user)
    the_unit = _unit_in(scope, pk)
    today = _today()
    form = PeriodForm(request.GET or None, today=today)
    period = form.get_period()
    figure_table = figure_cache.unit_figures([the_unit], period, today)
    table = build(figure_table, root=the_unit, base_query=period.query())
    figures = figure_table.rows[0]
    overdue, overdue_count = selectors.concerns_overdue_now(the_unit, today)
    queue = _safe_url("petitions:queue")
    return render(
        request,
        "compliance/unit.html",
        {
            "form": form,
            "period": period,
            "unit": the_unit,
            "table": table,
            "figures_cache_minutes": _cache_minutes(),
            "row": table.rows[0],
            "figures": figures,
            "still_due": _group_still_due([figures]),
            "today": today,
            "upcoming": selectors.upcoming_sessions(the_unit, today),
            "due_this_week": selectors.concerns_due_this_week(the_unit, today),
            "overdue": overdue,
            "overdue_count": overdue_count,
            "commitments_overdue": selectors.commitments_overdue_now(the_unit, today),
            "history": selectors.all_history([the_unit.pk]),
            "query": urlencode(period.query()),
            "queue_overdue_url": f"{queue}?{urlencode({'unit': the_unit.pk, 'overdue': 'on'})}"
            if queue
            else None,
            "queue_week_url": f"{queue}?{urlencode({'unit': the_unit.pk, 'due_this_week': 'on'})}"
            if queue
            else None,
            "sessions_url": _safe_url("sessions:list"),
            "city_url": reverse("compliance:city") if len(scope) > 1 else None,
        },
    )


# --- The list behind a number --------------------------------------------------------------


@login_required
@require_GET
def items(request):
    scope = _scope(request.user)
    figure = request.GET.get("figure", "")
    if figure not in selectors.DRILLDOWN_FIGURES:
        raise Http404
    today = _today()
    form = PeriodForm(request.GET or None, today=today)
    period = form.get_period()
    one = _unit_in(scope, request.GET.get("unit"))
    root = _unit_in(scope, request.GET.get("root"))
    if one is not None:
        units, label = [one], one.name
    else:
        root = root or figure_cache.default_root(scope)
        units = figure_cache.subtree(scope, root, period)
        label = _("%(unit)s and the units below it") % {"unit": root.name}
    kind, qs = selectors.drilldown(figure, [u.pk for u in units], period, today)
    page = Paginator(qs, ITEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    queue = _safe_url("petitions:queue")
    queue_url = None
    if queue and one is not None and kind == "concerns":
        params = {"unit": one.pk}
        if figure == "overdue":
            params["overdue"] = "on"
        if figure == "disputed":
            params["disputed"] = "on"
        queue_url = f"{queue}?{urlencode(params)}"
    sessions_list = _safe_url("sessions:list")
    sessions_list_url = None
    if sessions_list and one is not None and kind == "sessions":
        sessions_list_url = f"{sessions_list}?" + urlencode(
            {
                "unit": one.pk,
                "date_from": period.start.isoformat(),
                "date_to": period.end.isoformat(),
            }
        )
    return render(
        request,
        "compliance/items.html",
        {
            "figure": figure,
            "figure_label": FIGURE_TITLES.get(figure, figure),
            "kind": kind,
            "page": page,
            "period": period,
            "scope_label": label,
            "answered_states": [str(state) for state in ANSWERED_STATES],
            "query_string": query.urlencode(),
            "today": today,
            "back_url": (
                f"{reverse('compliance:unit', args=[one.pk])}?{urlencode(period.query())}"
                if one
                else f"{reverse('compliance:city')}?{urlencode({**period.query(), 'unit': root.pk})}"
            ),
            "queue_url": queue_url,
            "sessions_list_url": sessions_list_url,
        },
    )


def _titles() -> dict:
    return {
        "received": gettext_lazy("Concerns received"),
        "answered": gettext_lazy("Concerns answered"),
        "answered_on_time": gettext_lazy("Concerns answered on time"),
        "answered_late": gettext_lazy("Concerns answered late"),
        "overdue": gettext_lazy("Concerns currently overdue"),
        "disputed": gettext_lazy("Concerns disputed"),
        "rate_basis": gettext_lazy("Concerns behind the on-time rate (answered or overdue)"),
        "acknowledged": gettext_lazy("Concerns acknowledged"),
        "ack_late": gettext_lazy("Concerns acknowledged late"),
        "sessions_held": gettext_lazy("Sessions held"),
        "sessions_with_notice": gettext_lazy("Sessions held with enough notice"),
        "sessions_late_notice": gettext_lazy("Sessions held with late notice"),
        "conclusions_on_time": gettext_lazy("Sessions with conclusions issued on time"),
        "conclusions_late": gettext_lazy("Sessions with late conclusions"),
        "conclusions_pending": gettext_lazy("Sessions whose conclusions are not due yet"),
        "commitments_due": gettext_lazy("Follow-up commitments due"),
        "commitments_done": gettext_lazy("Follow-up commitments done"),
        "commitments_overdue": gettext_lazy("Follow-up commitments overdue"),
    }


FIGURE_TITLES = _titles()


# --- Trends ---------------------------------------------------------------------------------


@login_required
@require_GET
def trends(request):
    scope = _scope(request.user)
    today = _today()
    root = _unit_in(scope, request.GET.get("unit")) or figure_cache.default_root(scope)
    this_month = date(today.year, today.month, 1)
    months = [add_months(this_month, -i) for i in range(TREND_MONTHS - 1, -1, -1)]
    span = Period.custom(months[0], today)
    units = figure_cache.subtree(scope, root, span)
    focus = _unit_in(scope, request.GET.get("focus"))
    if focus is None or not focus.path.startswith(root.path):
        focus = selectors.busiest_unit(units, span) or root
    city_points, unit_points = selectors.monthly_series(
        [u.pk for u in units], focus.pk, months, today
    )
    labels = [m.strftime("%m/%Y") for m in months]
    scope_name = root.name
    rate_chart = charts.line_chart(
        _("On-time rate by month"),
        _(
            "Answered on time ÷ (answered + currently overdue), by month, for %(scope)s and %(unit)s."
        )
        % {"scope": scope_name, "unit": focus.name},
        labels,
        [
            (scope_name, [p.on_time_rate for p in city_points]),
            (focus.name, [p.on_time_rate for p in unit_points]),
        ],
    )
    concern_chart = charts.bar_chart(
        _("Concerns of %(unit)s by month") % {"unit": focus.name},
        _("Concerns received, answered and answered on time per month."),
        labels,
        [
            (pgettext("compliance figure", "Received"), [p.received for p in unit_points]),
            (pgettext("compliance figure", "Answered"), [p.answered for p in unit_points]),
            (_("Answered on time"), [p.answered_on_time for p in unit_points]),
        ],
    )
    session_chart = charts.bar_chart(
        _("Sessions held by month"),
        _("Sessions held per month by %(scope)s (all units) and by %(unit)s.")
        % {"scope": scope_name, "unit": focus.name},
        labels,
        [
            (scope_name, [p.sessions_held for p in city_points]),
            (focus.name, [p.sessions_held for p in unit_points]),
        ],
    )
    rows = list(zip(labels, city_points, unit_points, strict=True))
    return render(
        request,
        "compliance/trends.html",
        {
            "root": root,
            "focus": focus,
            "units": units_in_tree_order(units),
            "rate_chart": rate_chart,
            "concern_chart": concern_chart,
            "session_chart": session_chart,
            "rows": rows,
            "span": span,
        },
    )


# --- Periodic report ---------------------------------------------------------------------------


def _report_data(request):
    scope = _scope(request.user)
    form, period, root, today = _picker(request, scope, kinds=REPORT_KINDS)
    units = figure_cache.subtree(scope, root, period)
    figure_table = figure_cache.unit_figures(units, period, today)
    table = build(figure_table, root=root, base_query={**period.query(), "unit": root.pk})
    overdue = selectors.notable_overdue([u.pk for u in units], period, today)
    return form, period, root, units, table, overdue, today


def _report_document(period, root, units, table, overdue, today):
    """The report as an official document, with its number once registered."""
    entry = report_document.registered_entry(root, period)
    document = report_document.periodic_report(
        root=root,
        period=period,
        table=table,
        overdue=overdue,
        still_due=_group_still_due(table.table.rows),
        units=units,
        today=today,
        entry=entry,
    )
    return document, entry


@login_required
@require_GET
def report(request):
    form, period, root, units, table, overdue, today = _report_data(request)
    query = urlencode({**period.query(), "unit": root.pk})
    document, entry = _report_document(period, root, units, table, overdue, today)
    issuer_unit = report_document.issuing_unit(root)
    return render(
        request,
        "compliance/report.html",
        {
            "form": form,
            "period": period,
            "root": root,
            "table": table,
            "figures_cache_minutes": _cache_minutes(),
            "today": today,
            "query": query,
            "document": document,
            "entry": entry,
            "can_register": entry is None
            and has_capability(
                request.user, Capability.SIGN_OFF, issuer_unit, institution=Institution.PARTY
            ),
        },
    )


@login_required
@require_POST
def report_register(request):
    """Vào sổ và lấy số: the report of the unit and period in the URL takes the next number
    of its Party committee's register, once (a second click shows the same number)."""
    scope = _scope(request.user)
    form, period, root, today = _picker(request, scope, kinds=REPORT_KINDS)
    issuer_unit = report_document.issuing_unit(root)
    require_capability(
        request.user, Capability.SIGN_OFF, issuer_unit, institution=Institution.PARTY
    )
    query = urlencode({**period.query(), "unit": root.pk})
    try:
        entry, created = services.report_register(
            actor=request.user, root=root, period=period, today=today
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if created:
            message = _("The report was registered under number %(number)s.")
        else:
            message = _("This report was already registered under number %(number)s.")
        messages.success(request, message % {"number": entry.label})
    return redirect(f"{reverse('compliance:report')}?{query}")


@login_required
@require_GET
def report_docx(request):
    """The report as an editable Word file (offices finish and sign documents in Word)."""
    form, period, root, units, table, overdue, today = _report_data(request)
    document, entry = _report_document(period, root, units, table, overdue, today)
    services.report_export_record(
        actor=request.user, fmt="docx", root=root, period=period, units=len(units)
    )
    return docx_response(document, _filename(period, root, "docx"))


def _scope_name(root: Unit, units: list[Unit]) -> str:
    if len(units) > 1:
        return _("%(unit)s and the units below it") % {"unit": root.name}
    return root.name


def _filename(period: Period, root: Unit, extension: str) -> str:
    return f"bao-cao-tuan-thu-{root.code}-{period.slug()}.{extension}"


def _report_title(period: Period, root: Unit) -> str:
    return _("Report on dialogue sessions and concerns, %(unit)s, %(period)s") % {
        "unit": root.name,
        "period": period.label(),
    }


@login_required
@require_GET
def report_xlsx(request):
    form, period, root, units, table, overdue, today = _report_data(request)
    response = exports.xlsx_download(
        table,
        title=_report_title(period, root),
        scope=_scope_name(root, units),
        overdue=overdue,
        filename=_filename(period, root, "xlsx"),
    )
    services.report_export_record(
        actor=request.user, fmt="xlsx", root=root, period=period, units=len(units)
    )
    return response


@login_required
@require_GET
def report_csv(request):
    form, period, root, units, table, overdue, today = _report_data(request)
    services.report_export_record(
        actor=request.user, fmt="csv", root=root, period=period, units=len(units)
    )
    return exports.csv_download(table, filename=_filename(period, root, "csv"))
