"""Staff pages of the sessions app: scoped fetch → form → one service → message → redirect."""

import calendar as pycalendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.people import person_name
from dialogue_portal.lib.transitions import is_conflict
from documents.docx import docx_response
from units.permissions import (
    Capability,
    get_in_scope,
    has_capability,
    require_capability,
    units_for,
)

from . import hooks, selectors, services
from .forms import (
    AnnounceForm,
    ApproveForm,
    AttachmentForm,
    CancelForm,
    CloseForm,
    ConclusionsForm,
    HeldForm,
    PostponeForm,
    SessionFilterForm,
    SessionPlanForm,
)
from .models import (
    HELD_STATES,
    ChairRole,
    DialogueSession,
    SessionAttachment,
    SessionHosts,
    SessionKind,
    SessionState,
)
from .notice import body_name, conclusions_notice
from .transitions import TRANSITIONS

PAGE_SIZE = 50


def _get(request, pk: int, capability: Capability | None = None) -> DialogueSession:
    """The session if the user may see it (404 otherwise), and act on it when asked (403)."""
    session = get_in_scope(
        DialogueSession.objects.select_related("unit", "conclusions_document"),
        request.user,
        Capability.VIEW_SESSIONS,
        pk=pk,
    )
    if capability is not None:
        require_capability(request.user, capability, session.unit)
    return session


def _posted(request, *, files: bool = False):
    """The submitted data on POST (even when empty, so the form shows its errors), else None."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def _fail(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


# --- Lists --------------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request):
    visible = units_for(request.user, Capability.VIEW_SESSIONS)
    filter_units = selectors.filter_units(
        visible.filter(is_active=True), request.GET.get("unit_q", "")
    )
    form = SessionFilterForm(
        request.GET or None, units=filter_units.order_by(vietnamese_order("name"))
    )
    filters = selectors.SessionFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.SessionFilters(
            unit=data["unit"],
            kind=data["kind"],
            state=data["state"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            query=data["q"],
        )
    page = Paginator(selectors.staff_sessions(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dialogue_sessions/session_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "can_create": has_capability(request.user, Capability.MANAGE_SESSIONS),
            "unit_q": request.GET.get("unit_q", ""),
        },
    )


def _parse_day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else clock.today()
    except ValueError:
        return clock.today()


@login_required
@require_GET
def session_calendar(request):
    view = "week" if request.GET.get("view") == "week" else "month"
    day = _parse_day(request.GET.get("date"))
    if view == "week":
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=7)
        previous, following = first - timedelta(days=7), last
    else:
        month_start = day.replace(day=1)
        first = month_start - timedelta(days=month_start.weekday())
        days_in_month = pycalendar.monthrange(day.year, day.month)[1]
        month_end = month_start + timedelta(days=days_in_month)
        last = month_end + timedelta(days=(7 - month_end.weekday()) % 7)
        previous = (month_start - timedelta(days=1)).replace(day=1)
        following = month_end
    qs = DialogueSession.objects.in_units(units_for(request.user, Capability.VIEW_SESSIONS))
    sessions = selectors.sessions_between(qs, first, last)
    by_day: dict[date, list] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.planned_start).date(), []).append(session)
    weeks = []
    cursor = first
    while cursor < last:
        weeks.append(
            [
                (cursor + timedelta(days=i), by_day.get(cursor + timedelta(days=i), []))
                for i in range(7)
            ]
        )
        cursor += timedelta(days=7)
    return render(
        request,
        "dialogue_sessions/session_calendar.html",
        {
            "view": view,
            "day": day,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "today": clock.today(),
            "month": day.replace(day=1),
            "week_start": first,
            "week_end": last - timedelta(days=1),
        },
    )


# --- Plan -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    units = units_for(request.user, Capability.MANAGE_SESSIONS).filter(is_active=True)
    if not has_capability(request.user, Capability.MANAGE_SESSIONS):
        raise PermissionDenied
    unit_q = request.GET.get("unit_q", "")
    choices = selectors.filter_units(units, unit_q).order_by(vietnamese_order("name"))
    form = SessionPlanForm(_posted(request), units=units.order_by(vietnamese_order("name")))
    if request.method != "POST":
        form.fields["unit"].queryset = choices
        if len(form.fields["unit"].queryset) == 1:
            form.initial["unit"] = form.fields["unit"].queryset[0].pk
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, unit=form.cleaned_data["unit"], fields=form.plan_fields()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The draft plan was saved. Submit it for approval when it is ready.")
            )
            return redirect("sessions:detail", pk=session.pk)
    return render(
        request,
        "dialogue_sessions/session_form.html",
        {"form": form, "unit_q": unit_q, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = _for_action(request, pk, "edit")
    refusal = TRANSITIONS.refusal(session, "edit", request.user)
    if refusal is not None:
        return _conflict(request, session, refusal)
    form = SessionPlanForm(_posted(request), instance=session)
    unsaved: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update_plan(
                actor=request.user,
                session_id=session.pk,
                expected_version=form.cleaned_data["version"],
                fields=form.plan_fields(),
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "stale":
                # Show the current values; list what the user typed so nothing is lost.
                typed = form.cleaned_data
                current = DialogueSession.objects.select_related("unit").get(pk=session.pk)
                form = SessionPlanForm(instance=current)
                for name, field in form.fields.items():
                    if (
                        name in typed
                        and name != "version"
                        and typed[name] != getattr(current, name, None)
                    ):
                        unsaved.append((str(field.label), _display(typed[name])))
                messages.error(request, str(services.MSG_STALE_EDIT))
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("sessions:detail", pk=session.pk)
    return render(
        request,
        "dialogue_sessions/session_form.html",
        {"form": form, "session": session, "creating": False, "unsaved": unsaved},
    )


def _display(value) -> str:
    from django.utils.formats import date_format

    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@login_required
@require_GET
def session_detail(request, pk: int):
    session = _get(request, pk)
    return session_detail_response(request, session.pk)


def session_detail_response(request, pk: int, *, status: int = 200):
    """The detail page, with the actions the table allows this user now."""
    session = selectors.session_detail(DialogueSession.objects.filter(pk=pk)).get()
    user, unit = request.user, session.unit
    commitments = hooks.commitments_for(session) if session.state in HELD_STATES else []
    context = {
        "session": session,
        "transitions": session.transitions.all(),
        "attachments": session.attachments.all(),
        "next_step": selectors.next_step(session),
        "actions": TRANSITIONS.available(user, session),
        "can_manage": has_capability(user, Capability.MANAGE_SESSIONS, unit),
        # Links to the concerns and to the opinions page only for those who may open them
        # (the Thường trực HĐND and the MTTQ liaison see the session, not the concerns).
        "can_see_concerns": has_capability(user, Capability.VIEW_CONCERNS, unit),
        "can_record_opinions": has_capability(user, Capability.HANDLE_CONCERNS, unit),
        "commitments": commitments,
        "official_notice": conclusions_notice(session, commitments)
        if session.state in HELD_STATES
        else None,
        "blockers": hooks.close_blockers(session)
        if session.state == SessionState.CONCLUDED
        else [],
        "missing": services.conclusions_missing(session)
        if session.state == SessionState.HELD
        else [],
        "notice": services.notice_check(session)
        if session.state in (SessionState.PLANNED, SessionState.POSTPONED)
        else None,
        "approve_form": ApproveForm(),
        "close_form": CloseForm(),
        "attachment_form": AttachmentForm() if session.state in HELD_STATES else None,
    }
    return render(request, "dialogue_sessions/session_detail.html", context, status=status)


# --- Transitions ----------------------------------------------------------------------------
#
# Every action below reads ``sessions.transitions.TRANSITIONS``: a user who may see the
# session but lacks the action's capability gets 403; a session whose state does not allow
# the action gets 409 with the table's message (the detail page, so the user sees why);
# a form that someone else's change made stale gets 409 too. Each POST carries the
# version of the session the user saw.


def _for_action(request, pk: int, name: str) -> DialogueSession:
    """The session for action ``name``: 404 outside the user's units, 403 without the
    action's capability. The state is checked by the caller (to answer 409)."""
    session = _get(request, pk)
    TRANSITIONS.require_permission(request.user, session, name)
    return session


def _seen_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _conflict(request, session: DialogueSession, exc: ValidationError):
    """Answer a refusal for the state (or a stale form) with 409 and the reason."""
    for text in exc.messages:
        messages.error(request, text)
    return session_detail_response(request, session.pk, status=409)


def _run(request, session, run, success) -> tuple[bool, ValidationError | None]:
    """Run one service with the version the user saw; (done, refusal)."""
    version = _seen_version(request)
    if version is None:
        return False, ValidationError(services.MSG_STALE_EDIT, code="stale")
    try:
        run(version)
    except ValidationError as exc:
        return False, exc
    if success:
        messages.success(request, success)
    return True, None


def _button(request, pk: int, name: str, service, note_form=None):
    """A POST-only action from a button on the detail page (with an optional note)."""
    session = _for_action(request, pk, name)
    extra = {}
    if note_form is not None:
        form = note_form(request.POST)
        extra["note"] = form.cleaned_data.get("note", "") if form.is_valid() else ""

    def run(version):
        service(actor=request.user, session_id=session.pk, expected_version=version, **extra)

    done, exc = _run(request, session, run, TRANSITIONS[name].success)
    if done:
        return redirect("sessions:detail", pk=session.pk)
    if is_conflict(exc):
        return _conflict(request, session, exc)
    _fail(request, exc)
    return redirect("sessions:detail", pk=session.pk)


def _form_page(request, pk: int, name: str, *, template: str, form, run, context=None):
    """An action with its own form page: GET shows it, POST runs the service."""
    session = _for_action(request, pk, name)
    refusal = TRANSITIONS.refusal(session, name, request.user)
    if refusal is not None:
        return _conflict(request, session, refusal)
    form = form(session)
    status = 200
    if request.method == "POST" and form.is_valid():
        done, exc = _run(request, session, lambda v: run(session, form, v), None)
        if done:
            messages.success(request, TRANSITIONS[name].success)
            return redirect("sessions:detail", pk=session.pk)
        if is_conflict(exc):
            # Someone else changed the session meanwhile: 409, the reason, and the form
            # as the user filled it in, so nothing typed is lost.
            status = 409
        form.add_error(None, exc)
    extra = context(session) if callable(context) else (context or {})
    context = {"session": session, "form": form, **extra}
    return render(request, template, context, status=status)


@login_required
@require_POST
def session_submit(request, pk: int):
    return _button(request, pk, "submit", services.session_submit)


@login_required
@require_POST
def session_approve(request, pk: int):
    return _button(request, pk, "approve", services.session_approve, note_form=ApproveForm)


@login_required
@require_http_methods(["GET", "POST"])
def session_announce(request, pk: int):
    def run(session, form, version):
        services.session_announce(
            actor=request.user,
            session_id=session.pk,
            late_reason=form.cleaned_data["late_reason"],
            expected_version=version,
        )

    return _form_page(
        request,
        pk,
        "announce",
        template="dialogue_sessions/session_announce.html",
        form=lambda s: AnnounceForm(_posted(request)),
        run=run,
        context=lambda session: {
            "notice": services.notice_check(session),
            "is_head": has_capability(request.user, Capability.APPROVE, session.unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_postpone(request, pk: int):
    def run(session, form, version):
        services.session_postpone(
            actor=request.user, session_id=session.pk, expected_version=version, **form.cleaned_data
        )

    return _form_page(
        request,
        pk,
        "postpone",
        template="dialogue_sessions/session_postpone.html",
        form=lambda s: PostponeForm(_posted(request)),
        run=run,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk: int):
    def run(session, form, version):
        services.session_cancel(
            actor=request.user,
            session_id=session.pk,
            reason=form.cleaned_data["reason"],
            expected_version=version,
        )

    return _form_page(
        request,
        pk,
        "cancel",
        template="dialogue_sessions/session_cancel.html",
        form=lambda s: CancelForm(_posted(request)),
        run=run,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_record_held(request, pk: int):
    def held_form(session):
        by_chair = session.kind == SessionKind.CONFERENCE or (
            session.hosts == SessionHosts.PEOPLE_COMMITTEE_CHAIR
        )
        initial = {
            "actual_start": session.planned_start,
            "actual_end": session.planned_end,
            "chaired_by_role": ChairRole.PEOPLE_COMMITTEE_CHAIR
            if by_chair
            else ChairRole.PARTY_SECRETARY,
            "chaired_by_name": (session.chair_name if by_chair else session.party_secretary_name)
            or (session.host_names or [""])[0],
        }
        return HeldForm(
            _posted(request), _posted(request, files=True), initial=initial, session=session
        )

    def run(session, form, version):
        services.session_record_held(
            actor=request.user,
            session_id=session.pk,
            uploads=form.uploads(),
            expected_version=version,
            **form.held_fields(),
        )

    return _form_page(
        request,
        pk,
        "record_held",
        template="dialogue_sessions/session_held.html",
        form=held_form,
        run=run,
    )


@login_required
@require_POST
def session_add_attachments(request, pk: int):
    session = _for_action(request, pk, "add_attachments")
    refusal = TRANSITIONS.refusal(session, "add_attachments", request.user)
    if refusal is not None:
        return _conflict(request, session, refusal)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(reverse("sessions:detail", args=[session.pk]) + "#files")
    stored: list = []

    def run(version):
        stored.extend(
            services.session_add_attachments(
                actor=request.user,
                session_id=session.pk,
                uploads=form.uploads(),
                expected_version=version,
            )
        )

    done, exc = _run(request, session, run, None)
    if not done:
        if is_conflict(exc):
            return _conflict(request, session, exc)
        _fail(request, exc)
    else:
        messages.success(request, _("%(count)s file(s) added.") % {"count": len(stored)})
    return redirect(reverse("sessions:detail", args=[session.pk]) + "#files")


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    session = _get(request, pk)
    attachment = get_object_or_404(SessionAttachment, pk=attachment_pk, session=session)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    audit_record(
        actor=request.user,
        action="session.attachment_downloaded",
        obj=session,
        unit=session.unit,
        data={"attachment": attachment.pk, "kind": attachment.kind},
    )
    extension = attachment.file.name.rsplit(".", 1)[-1]
    filename = attachment.original_name or f"{attachment.kind}-{attachment.pk}.{extension}"
    return FileResponse(handle, as_attachment=True, filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def session_conclusions(request, pk: int):
    session = _for_action(request, pk, "conclusions")
    refusal = TRANSITIONS.refusal(session, "conclusions", request.user)
    if refusal is not None:
        return _conflict(request, session, refusal)
    signers = services.signers_for(session)
    form = ConclusionsForm(_posted(request), instance=session, signers=signers)
    if not form.is_bound:
        _prefill_conclusions(form, session, signers)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save_conclusions(
                actor=request.user,
                session_id=session.pk,
                expected_version=form.cleaned_data["version"],
                fields=form.conclusions_fields(),
                signer_id=form.cleaned_data["conclusions_signer"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "stale":
                messages.error(request, str(services.MSG_STALE_EDIT))
                session = DialogueSession.objects.select_related("unit").get(pk=session.pk)
                form = ConclusionsForm(instance=session, signers=signers)
            elif hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The draft conclusions were saved."))
            return redirect("sessions:conclusions", pk=session.pk)
    session.refresh_from_db()
    return render(
        request,
        "dialogue_sessions/session_conclusions.html",
        {
            "session": session,
            "form": form,
            "official_notice": conclusions_notice(session, hooks.commitments_for(session)),
            "issuer_name": body_name(session.unit, session.issuer_institution),
            "missing": services.conclusions_missing(session),
            "can_sign_off": TRANSITIONS.permits(request.user, session, "issue_conclusions"),
        },
    )


def _prefill_conclusions(form: ConclusionsForm, session: DialogueSession, signers) -> None:
    if session.conclusions_signer_id is None:
        # The one who chaired signs their own conclusions when they may; else the head.
        chair = [m for m in signers if person_name(m.user) == session.chaired_by_name]
        if chair or signers:
            form.initial["conclusions_signer"] = (chair or signers)[0].user_id
    if not session.conclusions_date:
        form.initial["conclusions_date"] = clock.today()


@login_required
@require_POST
def session_issue_conclusions(request, pk: int):
    return _button(request, pk, "issue_conclusions", services.session_issue_conclusions)


@login_required
@require_GET
def conclusions_print(request, pk: int):
    session = _get(request, pk)
    if session.state not in HELD_STATES:
        raise Http404
    return render(
        request,
        "dialogue_sessions/conclusions_print.html",
        {
            "session": session,
            "official_notice": conclusions_notice(session, hooks.commitments_for(session)),
        },
    )


@login_required
@require_GET
def conclusions_docx(request, pk: int):
    """The notice as an editable Word file: offices finish and sign documents in Word."""
    session = _get(request, pk)
    if session.state not in HELD_STATES:
        raise Http404
    notice = conclusions_notice(session, hooks.commitments_for(session))
    name = notice.label.replace("/", "-") if session.conclusions_published else "du-thao"
    return docx_response(notice, f"thong-bao-ket-luan-{name}.docx")


@login_required
@require_POST
def session_close(request, pk: int):
    return _button(request, pk, "close", services.session_close, note_form=CloseForm)
