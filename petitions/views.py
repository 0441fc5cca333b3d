"""Staff pages of concerns: the queue, the detail page with its actions, intake, exports.

Every lookup is scoped through ``units.permissions``: a concern outside the user's units
is a 404; inside them, an action the user's role does not allow is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import audit_record
from dialogue_portal.lib import clock
from dialogue_portal.lib.uploads import mime_type
from units.permissions import (
    Capability,
    get_in_scope,
    has_capability,
    require_capability,
    units_for,
)

from . import clocks, exports, selectors, services
from .forms import (
    AcceptForm,
    AnswerForm,
    AssignForm,
    BulkAssignForm,
    CommitmentDoneForm,
    CommitmentForm,
    DeclineForm,
    ExtensionDecideForm,
    ExtensionRequestForm,
    IntakeForm,
    InternalNoteForm,
    MergeForm,
    NoteActionForm,
    PauseStartForm,
    PersonalDataEraseForm,
    PersonalDataForm,
    QueueFilterForm,
    ReferForm,
    ReturnForm,
    WithdrawForm,
)
from .models import (
    FINAL_STATES,
    AnswerStatus,
    Concern,
    ConcernAttachment,
    ConcernState,
    ConcernType,
    Extension,
    ExtensionStatus,
    FollowUpCommitment,
)
from .tracking import normalize_code

PAGE_SIZE = 50


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _scoped(request, pk: int, queryset=None) -> Concern:
    queryset = queryset if queryset is not None else Concern.objects.select_related("unit")
    return get_in_scope(queryset, request.user, Capability.VIEW_CONCERNS, pk=pk)


def _detail_url(concern: Concern) -> str:
    return reverse("petitions:detail", args=[concern.pk])


# ---------------------------------------------------------------------------------------
# Queue


def _queue_filters(request) -> tuple[QueueFilterForm, selectors.QueueFilters]:
    units = units_for(request.user, Capability.VIEW_CONCERNS).order_by("path")
    form = QueueFilterForm(request.GET or None, units=units)
    filters = selectors.QueueFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.QueueFilters(
            state=data["state"],
            type=data["type"],
            channel=data["channel"],
            unit=data["unit"].pk if data["unit"] else None,
            category=data["category"].pk if data["category"] else None,
            due_this_week=data["due_this_week"],
            overdue=data["overdue"],
            disputed=data["disputed"],
            mine=data["mine"],
            q=data["q"],
            sort=data["sort"] or "due",
        )
    return form, filters


def _require_view(request) -> None:
    if not has_capability(request.user, Capability.VIEW_CONCERNS):
        raise PermissionDenied


@login_required
@require_GET
def queue(request):
    _require_view(request)
    form, filters = _queue_filters(request)
    today = clocks.today()
    concerns = selectors.concern_queue(request.user, filters, today=today)
    page = Paginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
    handle_units = units_for(request.user, Capability.HANDLE_CONCERNS)
    can_assign = has_capability(request.user, Capability.HANDLE_CONCERNS)
    bulk_form = None
    if can_assign:
        bulk_form = BulkAssignForm(assignees=selectors.handlers_in(handle_units))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/staff/queue.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "bulk_form": bulk_form,
            "can_assign": can_assign,
            "can_answer_persons": has_capability(request.user, Capability.SIGN_OFF),
            "querystring": query.urlencode(),
        },
    )


@login_required
@require_POST
def bulk_assign(request):
    _require_view(request)
    if not has_capability(request.user, Capability.HANDLE_CONCERNS):
        raise PermissionDenied
    handle_units = units_for(request.user, Capability.HANDLE_CONCERNS)
    ids = [int(v) for v in request.POST.getlist("concerns") if v.isdigit()]
    scoped = Concern.objects.filter(pk__in=ids, unit__in=handle_units).select_related("unit")
    form = BulkAssignForm(
        request.POST,
        concern_ids=[c.pk for c in scoped],
        assignees=selectors.handlers_in(handle_units),
    )
    if not form.is_valid():
        messages.error(request, _("Choose at least one concern of your unit and an officer."))
        return redirect(
            reverse("petitions:queue") + _safe_query(request.POST.get("next_query", ""))
        )
    chosen = [c for c in scoped if c.pk in set(form.cleaned_data["concerns"])]
    result = services.concerns_bulk_assign(
        actor=request.user, concerns=chosen, assignee=form.cleaned_data["assignee"]
    )
    if result.done:
        messages.success(request, _("%(count)s concern(s) assigned.") % {"count": len(result.done)})
    for concern, reason in result.skipped:
        messages.warning(request, f"{concern.tracking_code}: {reason}")
    return redirect(reverse("petitions:queue") + _safe_query(request.POST.get("next_query", "")))


def _safe_query(query: str) -> str:
    from urllib.parse import urlencode

    from django.http import QueryDict

    parsed = QueryDict(query)
    allowed = {k: parsed.getlist(k) for k in QueueFilterForm.base_fields if k in parsed}
    encoded = urlencode(allowed, doseq=True)
    return f"?{encoded}" if encoded else ""


# ---------------------------------------------------------------------------------------
# Detail


def _detail_context(request, concern: Concern, bound: dict | None = None) -> dict:
    user = request.user
    unit = concern.unit
    today = clocks.today()
    can_handle = has_capability(user, Capability.HANDLE_CONCERNS, unit)
    can_sign = has_capability(user, Capability.SIGN_OFF, unit)
    can_return = has_capability(user, Capability.RETURN_FOR_REWORK, unit)
    privacy = selectors.concern_privacy(user, concern)
    if privacy.audited and concern.anonymised_at is None:
        services.concern_record_identity_view(
            actor=user, concern=concern, ip_address=_client_ip(request)
        )
    version = {"version": concern.version}
    bound = bound or {}
    forms = {}
    state = concern.state
    is_open = state in (ConcernState.RECEIVED, ConcernState.ACCEPTED, ConcernState.ASSIGNED)
    pending_extension = next(
        (e for e in concern.extensions.all() if e.status == ExtensionStatus.PENDING), None
    )
    if can_handle:
        handle_units = units_for(user, Capability.HANDLE_CONCERNS)
        if state == ConcernState.RECEIVED:
            forms["accept"] = bound.get("accept") or AcceptForm(
                initial={**version, "type": concern.type, "category": concern.category_id}
            )
        if state in (ConcernState.ACCEPTED, ConcernState.ASSIGNED):
            forms["assign"] = bound.get("assign") or AssignForm(
                initial={**version, "unit": unit.pk, "assignee": concern.assignee_id},
                units=handle_units,
                assignees=selectors.handlers_in(handle_units),
            )
        if is_open:
            forms["refer"] = bound.get("refer") or ReferForm(initial=version)
            forms["decline"] = bound.get("decline") or DeclineForm(initial=version)
            forms["merge"] = bound.get("merge") or MergeForm(initial=version)
            forms["withdraw"] = bound.get("withdraw") or WithdrawForm(initial=version)
            if concern.is_paused:
                forms["pause_end"] = bound.get("pause_end") or NoteActionForm(initial=version)
            else:
                forms["pause_start"] = bound.get("pause_start") or PauseStartForm(initial=version)
        if state in (ConcernState.ACCEPTED, ConcernState.ASSIGNED) and not pending_extension:
            forms["extension"] = bound.get("extension") or ExtensionRequestForm(initial=version)
        if state == ConcernState.ASSIGNED and concern.answer_status in (
            AnswerStatus.NONE,
            AnswerStatus.DRAFT,
            AnswerStatus.RETURNED,
        ):
            initial = {
                **version,
                "answer_text": concern.answer_text,
                "answer_public_text": concern.answer_public_text,
                "verdict": concern.verdict,
                "verdict_explanation": concern.verdict_explanation,
            }
            template_id = request.GET.get("template")
            if template_id and template_id.isdigit():
                template = selectors.answer_templates_for(concern).filter(pk=template_id).first()
                if template:
                    initial["answer_text"] = template.body
                    initial["answer_public_text"] = template.body
            forms["answer"] = bound.get("answer") or AnswerForm(
                initial=initial, is_feedback=concern.type == ConcernType.FEEDBACK
            )
            if concern.answer_status in (AnswerStatus.DRAFT, AnswerStatus.RETURNED):
                forms["answer_submit"] = bound.get("answer_submit") or NoteActionForm(
                    initial=version
                )
        if state in (ConcernState.ASSIGNED, ConcernState.ANSWERED, ConcernState.FOLLOWING_UP):
            forms["commitment"] = bound.get("commitment") or CommitmentForm(initial=version)
        all_done = all(c.is_done for c in concern.commitments.all())
        if state == ConcernState.ANSWERED or (state == ConcernState.FOLLOWING_UP and all_done):
            forms["close"] = bound.get("close") or NoteActionForm(initial=version)
        forms["note"] = bound.get("note") or InternalNoteForm()
        forms["commitment_done"] = CommitmentDoneForm()
    if (
        state == ConcernState.ASSIGNED
        and concern.answer_status == AnswerStatus.PENDING
        and can_sign
    ):
        forms["approve"] = bound.get("approve") or NoteActionForm(initial=version)
    returnable = (
        state == ConcernState.ASSIGNED
        and concern.answer_status == AnswerStatus.PENDING
        and (can_sign or can_return)
    ) or (state == ConcernState.ANSWERED and not concern.citizen_verdict and can_return)
    if returnable:
        forms["return"] = bound.get("return") or ReturnForm(initial=version)
    if pending_extension and can_sign:
        forms["extension_decide"] = bound.get("extension_decide") or ExtensionDecideForm(
            initial=version
        )
    pauses = list(concern.pauses.all())
    window = selectors.concern_citizen_window(concern)
    return {
        "concern": concern,
        "privacy": privacy,
        "forms": forms,
        "today": today,
        "is_overdue": concern.is_overdue(today),
        "window": window,
        "pending_extension": pending_extension,
        "commitments": list(concern.commitments.all()),
        "pauses": pauses,
        "paused_days": clocks.paused_working_days(pauses, until=today),
        "response_days": clocks.response_working_days(concern, pauses),
        "ack_days": clocks.acknowledgement_working_days(concern),
        "rule": clocks.rule_for(concern.type),
        "answer_templates": list(selectors.answer_templates_for(concern))
        if "answer" in forms
        else [],
        "can_handle": can_handle,
    }


def _load_detail(request, pk: int) -> Concern:
    return _scoped(request, pk, selectors.concern_detail(Concern.objects.all()))


@login_required
@require_GET
def detail(request, pk: int):
    concern = _load_detail(request, pk)
    return render(request, "petitions/staff/detail.html", _detail_context(request, concern))


def _act(
    request,
    pk: int,
    *,
    capability: Capability,
    key: str,
    form_class,
    run,
    success: str,
    form_kwargs=None,
):
    """The shape of every action: scoped fetch → form → one service → message → redirect."""
    concern = _scoped(request, pk)
    require_capability(request.user, capability, concern.unit)
    kwargs = form_kwargs(request, concern) if form_kwargs else {}
    form = form_class(request.POST, request.FILES, **kwargs)
    if form.is_valid():
        try:
            run(concern, form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, success)
            return redirect(_detail_url(concern))
    messages.error(request, _("Nothing was changed: see the problem marked below."))
    concern = _load_detail(request, pk)
    context = _detail_context(request, concern, bound={key: form})
    context["open_form"] = key
    return render(request, "petitions/staff/detail.html", context, status=400)


@login_required
@require_POST
def accept(request, pk: int):
    def run(concern, data):
        services.concern_accept(
            actor=request.user,
            concern=concern,
            version=data["version"],
            type=data["type"],
            category=data["category"],
            is_complex=data["is_complex"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="accept",
        form_class=AcceptForm,
        run=run,
        success=_("The concern is accepted and classified."),
    )


def _assign_kwargs(request, concern):
    units = units_for(request.user, Capability.HANDLE_CONCERNS)
    return {"units": units, "assignees": selectors.handlers_in(units)}


@login_required
@require_POST
def assign(request, pk: int):
    def run(concern, data):
        services.concern_assign(
            actor=request.user,
            concern=concern,
            version=data["version"],
            unit=data["unit"],
            assignee=data["assignee"],
            due_at=data["due_at"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="assign",
        form_class=AssignForm,
        run=run,
        success=_("The concern is assigned."),
        form_kwargs=_assign_kwargs,
    )


@login_required
@require_POST
def refer(request, pk: int):
    def run(concern, data):
        services.concern_refer(
            actor=request.user,
            concern=concern,
            version=data["version"],
            to_unit=data["to_unit"],
            outside_body=data["outside_body"],
            note_to_citizen=data["note_to_citizen"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="refer",
        form_class=ReferForm,
        run=run,
        success=_("The concern is referred."),
    )


@login_required
@require_POST
def decline(request, pk: int):
    def run(concern, data):
        services.concern_decline(
            actor=request.user,
            concern=concern,
            version=data["version"],
            reason=data["reason"],
            note_to_citizen=data["note_to_citizen"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="decline",
        form_class=DeclineForm,
        run=run,
        success=_("The concern is declined."),
    )


@login_required
@require_POST
def merge(request, pk: int):
    def run(concern, data):
        code = normalize_code(data["into_code"])
        into = (
            Concern.objects.filter(tracking_code=code, unit=concern.unit).first() if code else None
        )
        if into is None:
            raise ValidationError(services.MSG_MERGE_TARGET)
        services.concern_merge(
            actor=request.user,
            concern=concern,
            version=data["version"],
            into=into,
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="merge",
        form_class=MergeForm,
        run=run,
        success=_("The concern is merged."),
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    def run(concern, data):
        services.concern_withdraw(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="withdraw",
        form_class=WithdrawForm,
        run=run,
        success=_("The withdrawal is recorded."),
    )


def _answer_kwargs(request, concern):
    return {"is_feedback": concern.type == ConcernType.FEEDBACK}


@login_required
@require_POST
def answer_save(request, pk: int):
    def run(concern, data):
        services.concern_answer_save(
            actor=request.user,
            concern=concern,
            version=data["version"],
            answer_text=data["answer_text"],
            answer_public_text=data["answer_public_text"],
            verdict=data.get("verdict", ""),
            verdict_explanation=data.get("verdict_explanation", ""),
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="answer",
        form_class=AnswerForm,
        run=run,
        success=_("The answer draft is saved."),
        form_kwargs=_answer_kwargs,
    )


@login_required
@require_POST
def answer_submit(request, pk: int):
    def run(concern, data):
        services.concern_answer_submit(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="answer_submit",
        form_class=NoteActionForm,
        run=run,
        success=_("The answer is sent on: published, or waiting for the head's approval."),
    )


@login_required
@require_POST
def answer_approve(request, pk: int):
    def run(concern, data):
        services.concern_answer_approve(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        pk,
        capability=Capability.SIGN_OFF,
        key="approve",
        form_class=NoteActionForm,
        run=run,
        success=_("The answer is approved and published."),
    )


@login_required
@require_POST
def answer_return(request, pk: int):
    concern = _scoped(request, pk)
    if not (
        has_capability(request.user, Capability.SIGN_OFF, concern.unit)
        or has_capability(request.user, Capability.RETURN_FOR_REWORK, concern.unit)
    ):
        raise PermissionDenied

    def run(concern, data):
        services.concern_answer_return(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    capability = (
        Capability.SIGN_OFF
        if has_capability(request.user, Capability.SIGN_OFF, concern.unit)
        else Capability.RETURN_FOR_REWORK
    )
    return _act(
        request,
        pk,
        capability=capability,
        key="return",
        form_class=ReturnForm,
        run=run,
        success=_("The answer is returned for rework."),
    )


@login_required
@require_POST
def close(request, pk: int):
    def run(concern, data):
        services.concern_close(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="close",
        form_class=NoteActionForm,
        run=run,
        success=_("Done: the concern is closed or in follow-up."),
    )


@login_required
@require_POST
def commitment_add(request, pk: int):
    def run(concern, data):
        services.commitment_add(
            actor=request.user,
            concern=concern,
            version=data["version"],
            what=data["what"],
            who=data["who"],
            due=data["due"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="commitment",
        form_class=CommitmentForm,
        run=run,
        success=_("The commitment is recorded."),
    )


@login_required
@require_POST
def commitment_done(request, pk: int, commitment_pk: int):
    concern = _scoped(request, pk)
    commitment = get_object_or_404(FollowUpCommitment, pk=commitment_pk, concern=concern)

    def run(concern, data):
        services.commitment_complete(
            actor=request.user, commitment=commitment, note=data["note"], evidence=data["evidence"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="commitment_done",
        form_class=CommitmentDoneForm,
        run=run,
        success=_("The commitment is marked done."),
    )


@login_required
@require_POST
def extension_request(request, pk: int):
    def run(concern, data):
        services.concern_extension_request(
            actor=request.user,
            concern=concern,
            version=data["version"],
            new_due=data["new_due"],
            reason=data["reason"],
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="extension",
        form_class=ExtensionRequestForm,
        run=run,
        success=_("The extension is requested; the unit head decides."),
    )


@login_required
@require_POST
def extension_decide(request, pk: int, extension_pk: int):
    concern = _scoped(request, pk)
    extension = get_object_or_404(Extension, pk=extension_pk, concern=concern)

    def run(concern, data):
        services.concern_extension_decide(
            actor=request.user,
            extension=extension,
            version=data["version"],
            approve=data["decision"] == "approve",
            note=data["note"],
        )

    return _act(
        request,
        pk,
        capability=Capability.SIGN_OFF,
        key="extension_decide",
        form_class=ExtensionDecideForm,
        run=run,
        success=_("The decision on the extension is recorded."),
    )


@login_required
@require_POST
def pause_start(request, pk: int):
    def run(concern, data):
        services.concern_pause_start(
            actor=request.user, concern=concern, version=data["version"], reason=data["reason"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="pause_start",
        form_class=PauseStartForm,
        run=run,
        success=_("The clock is paused."),
    )


@login_required
@require_POST
def pause_end(request, pk: int):
    def run(concern, data):
        services.concern_pause_end(
            actor=request.user, concern=concern, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="pause_end",
        form_class=NoteActionForm,
        run=run,
        success=_("The clock runs again."),
    )


@login_required
@require_POST
def note_add(request, pk: int):
    def run(concern, data):
        services.concern_add_note(actor=request.user, concern=concern, text=data["text"])

    return _act(
        request,
        pk,
        capability=Capability.HANDLE_CONCERNS,
        key="note",
        form_class=InternalNoteForm,
        run=run,
        success=_("The note is added."),
    )


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    concern = _scoped(request, pk)
    attachment = get_object_or_404(ConcernAttachment, pk=attachment_pk, concern=concern)
    if (
        concern.type == ConcernType.DENUNCIATION
        and not selectors.concern_privacy(request.user, concern).identity
    ):
        raise PermissionDenied
    audit_record(
        actor=request.user,
        action="concern.attachment_downloaded",
        obj=concern,
        unit=concern.unit,
        data={"attachment": attachment.pk},
        ip_address=_client_ip(request),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name or attachment.file.name.rsplit("/", 1)[-1],
        content_type=mime_type(attachment.kind),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------------------
# Intake and receipt


@login_required
def intake(request):
    units = units_for(request.user, Capability.HANDLE_CONCERNS).order_by("path")
    if not has_capability(request.user, Capability.HANDLE_CONCERNS):
        raise PermissionDenied
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                concern = services.concern_submit(
                    unit=data["unit"],
                    channel=data["channel"],
                    type=data["type"],
                    category=data["category"],
                    content=data["content"],
                    address=data["address"],
                    submitter_name=data["submitter_name"],
                    submitter_phone=data["submitter_phone"],
                    submitter_email=data["submitter_email"],
                    submitter_address=data["submitter_address"],
                    consent=data["consent"],
                    attachments=data["attachments"],
                    actor=request.user,
                    ip_address=_client_ip(request),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("The concern is recorded. Print the receipt for the citizen.")
                )
                return redirect("petitions:receipt", pk=concern.pk)
    else:
        form = IntakeForm(units=units)
    return render(request, "petitions/staff/intake.html", {"form": form})


@login_required
@require_GET
def receipt(request, pk: int):
    concern = _scoped(request, pk)
    require_capability(request.user, Capability.HANDLE_CONCERNS, concern.unit)
    return render(
        request,
        "petitions/staff/receipt.html",
        {"concern": concern, "privacy": selectors.concern_privacy(request.user, concern)},
    )


# ---------------------------------------------------------------------------------------
# Exports


def _export(request, fmt: str) -> HttpResponse:
    _require_view(request)
    form, filters = _queue_filters(request)
    concerns = selectors.concern_queue(request.user, filters)
    audit_record(
        actor=request.user,
        action="concern.exported",
        data={"format": fmt, "rows": concerns.count(), "filters": request.GET.dict()},
        ip_address=_client_ip(request),
    )
    stamp = clocks.today().strftime("%Y%m%d")
    return exports.queue_download(
        request.user, concerns, fmt=fmt, filename=f"concerns-{stamp}.{fmt}"
    )


@login_required
@require_GET
def export_csv(request):
    return _export(request, "csv")


@login_required
@require_GET
def export_xlsx(request):
    return _export(request, "xlsx")


# ---------------------------------------------------------------------------------------
# Personal data requests (export, erasure): unit heads only, for their own units


def _person_units(request):
    """The units whose concerns the user may export or erase for a person: heads' units.

    Officers, reviewers and liaisons get 403: a request from a person is answered by the
    unit head, who is accountable for the unit's personal data (docs/privacy.md).
    """
    if not has_capability(request.user, Capability.SIGN_OFF):
        raise PermissionDenied
    return units_for(request.user, Capability.SIGN_OFF).order_by("path")


def _person_page(request, units, form, *, key=None, concerns=None, errors=(), status=200):
    found = None
    if concerns is not None:
        ended = [c for c in concerns if c.state in FINAL_STATES]
        found = {
            "concerns": concerns,
            "ended": len(ended),
            "still_open": len(concerns) - len(ended),
            "contact": key.value,
            "masked": key.masked,
        }
    return render(
        request,
        "petitions/staff/personal_data.html",
        {
            "form": form,
            # An administrator reaches every unit: the page says so instead of listing them.
            "units": [] if request.user.is_superuser else list(units),
            "found": found,
            "errors": errors,
            "retention_years": selectors.retention_years(),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def personal_data(request):
    """Find one person's concerns in the head's units by phone number or e-mail address.

    The search is a POST, so the contact never appears in a URL or a server log.
    """
    units = _person_units(request)
    if request.method != "POST":
        return _person_page(request, units, PersonalDataForm())
    form = PersonalDataForm(request.POST)
    if not form.is_valid():
        return _person_page(request, units, form)
    key = form.cleaned_data["contact"]
    concerns = list(selectors.concerns_of_person(units, key))
    services.personal_data_record_lookup(
        actor=request.user, key=key, concerns=concerns, ip_address=_client_ip(request)
    )
    return _person_page(request, units, form, key=key, concerns=concerns)


@never_cache
@login_required
@require_POST
def personal_data_export(request):
    """Everything stored about the person in the head's units, as a JSON download."""
    units = _person_units(request)
    form = PersonalDataForm(request.POST)
    if not form.is_valid():
        return _person_page(request, units, form, status=400)
    key = form.cleaned_data["contact"]
    concerns = list(selectors.concerns_of_person(units, key))
    now = clock.now()
    data = selectors.personal_data_export(concerns, key, now=now)
    data["units"] = sorted({c.unit.name for c in concerns})
    services.personal_data_record_export(
        actor=request.user, key=key, concerns=concerns, ip_address=_client_ip(request)
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    stamp = timezone.localdate(now).strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    return response


@never_cache
@login_required
@require_POST
def personal_data_erase(request):
    """Two steps: the first names how many concerns will be anonymised; the second does it.

    The second step carries the number the user saw (``expected``): if the person's
    concerns changed in between, nothing is erased and the new number is shown.
    """
    units = _person_units(request)
    confirming = "expected" in request.POST
    form = (PersonalDataEraseForm if confirming else PersonalDataForm)(request.POST)
    if not form.is_valid():
        if "contact" in form.errors:
            return _person_page(request, units, PersonalDataForm(request.POST), status=400)
        key = form.cleaned_data["contact"]
        return _erase_confirmation(request, units, key, form=form, status=400)
    key = form.cleaned_data["contact"]
    if not confirming:
        return _erase_confirmation(request, units, key)
    try:
        result = services.personal_data_erase(
            actor=request.user,
            units=units,
            key=key,
            expected=form.cleaned_data["expected"],
            ip_address=_client_ip(request),
        )
    except ValidationError as exc:
        return _erase_confirmation(request, units, key, errors=exc.messages, status=400)
    messages.success(
        request,
        _(
            "The personal data in %(erased)s concern(s) is anonymised. %(kept)s concern(s) "
            "still being handled were kept."
        )
        % {"erased": result.erased, "kept": result.kept_open},
    )
    return redirect("petitions:personal_data")


def _erase_confirmation(request, units, key, *, form=None, errors=(), status=200):
    concerns = list(selectors.concerns_of_person(units, key))
    ended = [c for c in concerns if c.state in FINAL_STATES]
    if not ended:
        return _person_page(
            request,
            units,
            PersonalDataForm(initial={"contact": key.value}),
            key=key,
            concerns=concerns,
            errors=[services.MSG_ERASE_NOTHING],
            status=400,
        )
    if form is None:
        form = PersonalDataEraseForm(initial={"contact": key.value, "expected": len(ended)})
    return render(
        request,
        "petitions/staff/personal_data_confirm.html",
        {
            "form": form,
            "errors": errors,
            "ended": ended,
            "still_open": [c for c in concerns if c.state not in FINAL_STATES],
            "masked": key.masked,
        },
        status=status,
    )
