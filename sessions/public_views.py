"""Public pages of the sessions app: no login, announced sessions only, no personal data.

Every page runs a fixed number of queries whatever the number of sessions.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dialogue_portal.lib.pagecache import public_page
from units.models import Unit

from . import hooks, ical, selectors
from .forms import PublicFilterForm
from .models import DialogueSession
from .notice import conclusions_notice

PAGE_SIZE = 30


def _webcal(request, url: str) -> str:
    return f"webcal://{request.get_host()}{url}"


def _filters(request) -> PublicFilterForm:
    units = selectors.commune_level_units().only("code", "name", "search_name")
    return PublicFilterForm(request.GET, units=units)


def _listing(request, qs_factory, template: str, *, title):
    form = _filters(request)
    unit = form.selected_unit()
    qs = qs_factory(unit=unit, kind=form.selected_kind())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    city_feed = reverse("public_sessions:feed_city")
    unit_feed = reverse("public_sessions:feed_unit", args=[unit.code]) if unit else None
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "unit": unit,
            "query_string": query.urlencode(),
            "title": title,
            "city_feed": city_feed,
            "city_webcal": _webcal(request, city_feed),
            "unit_feed": unit_feed,
            "unit_webcal": _webcal(request, unit_feed) if unit_feed else None,
        },
    )


@require_GET
@public_page
def upcoming(request):
    return _listing(
        request,
        selectors.public_upcoming,
        "dialogue_sessions/public/upcoming.html",
        title=_("Upcoming dialogue sessions"),
    )


@require_GET
@public_page
def past(request):
    return _listing(
        request,
        selectors.public_past,
        "dialogue_sessions/public/past.html",
        title=_("Past dialogue sessions and their conclusions"),
    )


def _public_session(public_id: str) -> DialogueSession:
    return get_object_or_404(
        DialogueSession.objects.public().select_related("unit", "conclusions_document"),
        public_id=public_id,
    )


@require_GET
@public_page
def detail(request, public_id: str):
    session = _public_session(public_id)
    ics_url = reverse("public_sessions:ics", args=[session.public_id])
    unit_feed = reverse("public_sessions:feed_unit", args=[session.unit.code])
    return render(
        request,
        "dialogue_sessions/public/detail.html",
        {
            "session": session,
            "official_notice": conclusions_notice(session, hooks.commitments_for(session))
            if session.conclusions_published
            else None,
            "ics_url": ics_url,
            "unit_feed": unit_feed,
            "unit_webcal": _webcal(request, unit_feed),
        },
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_GET
def session_ics(request, public_id: str):
    session = _public_session(public_id)
    body = ical.calendar_for([session], name=session.topic, base_url=_base_url(request))
    return _ics_response(body, f"session-{session.public_id}.ics")


@require_GET
def feed_city(request):
    sessions = selectors.feed_sessions()
    body = ical.calendar_for(
        sessions, name=_("Dialogue sessions · Ho Chi Minh City"), base_url=_base_url(request)
    )
    return _ics_response(body, "sessions-city.ics")


@require_GET
def feed_unit(request, code: str):
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise Http404
    sessions = selectors.feed_sessions(unit=unit)
    body = ical.calendar_for(
        sessions,
        name=_("Dialogue sessions · %(unit)s") % {"unit": unit.name},
        base_url=_base_url(request),
    )
    return _ics_response(body, f"sessions-{unit.code}.ics")
