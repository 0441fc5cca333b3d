"""Opinions raised at a dialogue session: a fast entry page of many rows at once.

Only for sessions that were held (or whose conclusions are out), and only for the
officers and heads of the session's unit: another unit's session is a 404, a wrong role
inside the unit a 403. Nothing is saved unless every row is valid: the rows are recorded
in one transaction, and a row the service refuses rolls back the others.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogue_portal.lib.collation import vietnamese_order
from sessions.models import DialogueSession
from units.permissions import (
    Capability,
    get_in_scope,
    has_capability,
    require_capability,
    units_for,
)

from .institutions import body_name
from .models import Concern
from .services import OPINION_ENTRY_STATES, concern_record_opinion
from .session_forms import OpinionForm, opinion_formset

ROWS = 5
MORE_ROWS = 5


class _RowRefused(Exception):
    pass


def _session_url(session) -> str | None:
    """The session's staff page (sessions app), by URL name only."""
    try:
        return reverse("sessions:detail", args=[session.pk])
    except NoReverseMatch:
        return None


def _formset(request, session, *, data=None, initial=None, extra: int | None = None):
    extra = ROWS if extra is None else extra
    body = session.issuer_institution
    units = (
        units_for(request.user, Capability.HANDLE_CONCERNS)
        .filter(is_active=True)
        .order_by(vietnamese_order("name"))
    )
    return opinion_formset(extra)(
        data,
        initial=initial,
        form_kwargs={
            "units": units,
            "session_unit": session.unit,
            "institution": body,
            "choices": OpinionForm.shared_choices(units=units, institution=body),
        },
    )


def _with_more_rows(request, session):
    """The rows typed so far, unsaved and unchecked, plus MORE_ROWS empty ones."""
    bound = _formset(request, session, data=request.POST)
    names = list(OpinionForm.base_fields)
    initial = []
    for form in bound.forms:
        row = {name: form[name].value() for name in names}
        if form.has_changed():
            initial.append(row)
    return _formset(request, session, initial=initial, extra=MORE_ROWS)


def _record(request, session, formset) -> int:
    """Record every filled-in row, all or nothing. Returns how many were recorded."""
    count = 0
    try:
        with transaction.atomic():
            for form in formset.forms:
                if not form.has_changed():
                    continue
                data = form.cleaned_data
                try:
                    concern_record_opinion(
                        session=session,
                        actor=request.user,
                        raised_by=data["raised_by"],
                        content=data["content"],
                        category=data["category"],
                        outcome=data["outcome"],
                        answer=data["answer"],
                        assignee_unit=data["assignee_unit"],
                        assignee=data["assignee"],
                        due_at=data["due_at"],
                        referred_to=data["referred_to"],
                        type=data["type"],
                        raised_by_phone=data["raised_by_phone"],
                        raised_by_address=data["raised_by_address"],
                        accused_role=data["accused_role"],
                        accused_name=data["accused_name"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                    raise _RowRefused from error
                count += 1
    except _RowRefused:
        return 0
    return count


@login_required
def session_opinions(request, session_pk: int):
    session = get_in_scope(
        DialogueSession.objects.select_related("unit"),
        request.user,
        Capability.VIEW_SESSIONS,
        pk=session_pk,
    )
    require_capability(request.user, Capability.HANDLE_CONCERNS, session.unit)
    # The opinions go to the body whose session it was (who chaired); its office records
    # them. The other body's people read what was recorded.
    body = session.issuer_institution
    records = has_capability(
        request.user, Capability.HANDLE_CONCERNS, session.unit, institution=body
    )
    if request.method == "POST" and not records:
        raise PermissionDenied
    open_for_entry = session.state in OPINION_ENTRY_STATES and records
    formset = None
    status = 200
    if open_for_entry:
        if request.method == "POST" and "more_rows" in request.POST:
            formset = _with_more_rows(request, session)
        elif request.method == "POST":
            formset = _formset(request, session, data=request.POST)
            if formset.is_valid():
                count = _record(request, session, formset)
                if count:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d opinion recorded.", "%(count)d opinions recorded.", count
                        )
                        % {"count": count},
                    )
                    return redirect("petitions:session_opinions", session_pk=session.pk)
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
        else:
            formset = _formset(request, session)
    elif request.method == "POST":
        status = 409
    recorded = list(
        Concern.objects.filter(session=session)
        .select_related("category", "assignee__person", "unit")
        .order_by("received_at", "id")
    )
    # A case resolved elsewhere (a denunciation of the ward's heads: the city) is listed
    # without a link for those who may not open it; a denunciator's name never shows.
    # (The session's unit is the user's own: the query only runs when a case left it.)
    visible_units = {session.unit_id}
    if any(concern.unit_id != session.unit_id for concern in recorded):
        visible_units = set(
            units_for(request.user, Capability.VIEW_CONCERNS).values_list("pk", flat=True)
        )
    for concern in recorded:
        concern.opens_here = concern.unit_id in visible_units
        concern.resolved_by = body_name(concern.unit, concern.addressed_to)
    return render(
        request,
        "petitions/session/opinions.html",
        {
            "session": session,
            "formset": formset,
            "open_for_entry": open_for_entry,
            "records": records,
            "body": body_name(session.unit, body),
            "recorded": recorded,
            "more_rows": MORE_ROWS,
            "session_url": _session_url(session),
        },
        status=status,
    )
