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
from dialogue_portal.lib.collation import vietnamese_key, vietnamese_order
from dialogue_portal.lib.transitions import is_conflict
from dialogue_portal.lib.uploads import mime_type
from units.permissions import (
    Capability,
    get_in_scope,
    has_capability,
    require_capability,
    units_for,
)

from . import clocks, exports, intake_receipt, selectors, services
from .forms import (
    BulkAssignForm,
    IntakeForm,
    PersonalDataEraseForm,
    PersonalDataForm,
    QueueFilterForm,
)
from .messages import MSG_CLASSIFIED_FOR_OWN_PROCEDURE
from .models import (
    FINAL_STATES,
    AddressedTo,
    Concern,
    ConcernAttachment,
    ConcernState,
    ConcernType,
    Extension,
    ExtensionStatus,
    FollowUpCommitment,
)
from .services.answers import concern_reconsider_request, concern_reconsider_respond
from .services.identity import reclassification_reports
from .tracking import normalize_code
from .transitions import FORM_KEYS, TRANSITIONS

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
    units = units_for(request.user, Capability.VIEW_CONCERNS).order_by(vietnamese_order("name"))
    form = QueueFilterForm(request.GET or None, units=units)
    filters = selectors.QueueFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.QueueFilters(
            state=data["state"],
            type=data["type"],
            channel=data["channel"],
            addressed_to=data["addressed_to"],
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
    can_assign = has_capability(request.user, Capability.HANDLE_CONCERNS)
    bulk_form = None
    if can_assign:
        # Rows of the body the user works for get a checkbox; the others are read only.
        condition = selectors.acting_condition(request.user, Capability.HANDLE_CONCERNS)
        concerns = selectors.with_actionable(concerns, condition)
        bulk_form = BulkAssignForm(assignees=_bulk_assignees(request.user))
    page = Paginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
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


def _bulk_assignees(user):
    """Whom the queue's bulk form offers: the people of the user's own body in their units
    (a Party officer hands concerns to the Party office, never to the UBND's); both bodies'
    people for someone who works for both (an administrator)."""
    units = units_for(user, Capability.HANDLE_CONCERNS)
    bodies = [
        body
        for body in AddressedTo.values
        if has_capability(user, Capability.HANDLE_CONCERNS, institution=body)
    ]
    return selectors.handlers_in(units, bodies[0] if len(bodies) == 1 else None)


@login_required
@require_POST
def bulk_assign(request):
    _require_view(request)
    if not has_capability(request.user, Capability.HANDLE_CONCERNS):
        raise PermissionDenied
    ids = [int(v) for v in request.POST.getlist("concerns") if v.isdigit()]
    # Only concerns of the body the user works for, in their units.
    condition = selectors.acting_condition(request.user, Capability.HANDLE_CONCERNS)
    scoped = Concern.objects.filter(condition, pk__in=ids).select_related("unit")
    form = BulkAssignForm(
        request.POST,
        concern_ids=[c.pk for c in scoped],
        assignees=_bulk_assignees(request.user),
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


def _initial_forms(request, concern: Concern, available, version: dict) -> dict:
    """A fresh form for every action the table allows now, keyed as the page shows it."""
    forms = {}
    for name, action in available.items():
        if not action.url_name:
            continue  # the citizen's own actions are on the public pages
        key = FORM_KEYS.get(name, name)
        if name == "accept":
            initial = {**version, "type": concern.type, "category": concern.category_id}
        elif name == "assign":
            initial = {**version, "unit": concern.unit_id, "assignee": concern.assignee_id}
        elif name == "answer_save":
            initial = _answer_initial(request, concern, version)
        elif action.takes_version:
            initial = version
        else:
            initial = {}
        forms[key] = action.form_class()(initial=initial, **_form_kwargs(request, concern, name))
    return forms


def _answer_initial(request, concern: Concern, version: dict) -> dict:
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
    return initial


def _form_kwargs(request, concern: Concern, name: str) -> dict:
    if name == "assign":
        # The people of the body the concern is addressed to, in the units where the user
        # handles that body's concerns.
        units = selectors.units_acting_for(
            request.user, Capability.HANDLE_CONCERNS, concern.addressed_to
        )
        return {
            "units": units.order_by(vietnamese_order("name")),
            "assignees": selectors.handlers_in(units, concern.addressed_to),
        }
    if name == "answer_save":
        return {"is_feedback": concern.type == ConcernType.FEEDBACK}
    return {}


def _detail_context(request, concern: Concern, bound: dict | None = None) -> dict:
    user = request.user
    today = clocks.today()
    privacy = selectors.concern_privacy(user, concern)
    if privacy.audited and concern.anonymised_at is None:
        services.concern_record_identity_view(
            actor=user, concern=concern, ip_address=_client_ip(request)
        )
    # identity: who saw a submitter (the reclassification report reads it).
    if privacy.identity and concern.anonymised_at is None:
        services.record_exposure(user, [concern], where="detail")
    available = TRANSITIONS.available(user, concern)
    forms = {**_initial_forms(request, concern, available, {"version": concern.version})}
    forms.update(bound or {})
    pending_extension = next(
        (e for e in concern.extensions.all() if e.status == ExtensionStatus.PENDING), None
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
        "rule": clocks.rule_of(concern),
        "answer_templates": list(selectors.answer_templates_for(concern))
        if "answer" in forms
        else [],
        "can_handle": has_capability(user, Capability.HANDLE_CONCERNS, concern.unit),
        "handles_this_body": has_capability(
            user, Capability.HANDLE_CONCERNS, concern.unit, institution=concern.addressed_to
        ),
        # Every answer given and every request to reconsider one (_answer_versions.html).
        "answer_versions": concern.answer_versions.select_related("drafted_by", "decided_by"),
        "reconsiderations": concern.reconsiderations.all(),
        # identity: who saw the denunciator before the case was protected (resolvers only).
        "reclassification_reports": reclassification_reports(concern) if privacy.audited else [],
    }


def _load_detail(request, pk: int) -> Concern:
    return _scoped(request, pk, selectors.concern_detail(Concern.objects.all()))


@login_required
@require_GET
def detail(request, pk: int):
    concern = _load_detail(request, pk)
    return render(request, "petitions/staff/detail.html", _detail_context(request, concern))


# ---------------------------------------------------------------------------------------
# Actions: one view for every row of petitions.transitions


def _merge_target(concern: Concern, code: str) -> Concern:
    code = normalize_code(code)
    into = Concern.objects.filter(tracking_code=code, unit=concern.unit).first() if code else None
    if into is None:
        raise ValidationError(services.MSG_MERGE_TARGET)
    return into


# How each action's form data reaches its service: the service, and the form fields it
# takes as keyword arguments (``version`` for every action that carries one). The few
# arguments that are not plain fields are built in ``_arguments``.
RUNNERS = {
    "accept": (
        services.concern_accept,
        ("type", "category", "is_complex", "note", "accused_role", "accused_name"),
    ),
    "assign": (services.concern_assign, ("unit", "assignee", "due_at", "note")),
    "refer": (services.concern_refer, ("to_unit", "outside_body", "note_to_citizen", "note")),
    "transfer_body": (services.concern_transfer_body, ("reason", "note_to_citizen")),
    "decline": (services.concern_decline, ("reason", "note_to_citizen", "note")),
    "merge": (services.concern_merge, ("note",)),
    "withdraw": (services.concern_withdraw, ("note",)),
    "answer_save": (services.concern_answer_save, ("answer_text", "answer_public_text")),
    "answer_submit": (services.concern_answer_submit, ("note",)),
    "answer_approve": (services.concern_answer_approve, ("note",)),
    "answer_return": (services.concern_answer_return, ("note",)),
    "close": (services.concern_close, ("note",)),
    "commitment_add": (services.commitment_add, ("what", "who", "due")),
    "commitment_done": (services.commitment_complete, ("note", "evidence")),
    "extension_request": (services.concern_extension_request, ("new_due", "reason")),
    "extension_decide": (services.concern_extension_decide, ("note",)),
    "pause_start": (services.concern_pause_start, ("reason",)),
    "pause_end": (services.concern_pause_end, ("note",)),
    "note_add": (services.concern_add_note, ("text",)),
    # identity
    "reclassify": (
        services.concern_reclassify,
        ("type", "reason", "accused_role", "accused_name"),
    ),
    "reconsider_request": (concern_reconsider_request, ("reasons",)),
    "reconsider_respond": (concern_reconsider_respond, ("decision", "response")),
    # complaints
    "complaint_accept": (services.complaint_accept, ("is_complex", "note")),
    "complaint_refuse": (services.complaint_refuse, ("ground", "note_to_citizen", "note")),
    "complaint_dialogue": (
        services.complaint_dialogue,
        ("held_at", "place", "participants", "content", "results"),
    ),
    "complaint_decide": (
        services.complaint_decide,
        ("finding", "verification", "conclusion", "remedies", "public_summary", "note"),
    ),
    # denunciations
    "denunciation_accept": (services.denunciation_accept, ("note",)),
    "denunciation_refuse": (services.denunciation_refuse, ("ground", "note_to_citizen", "note")),
    "denunciation_transfer": (services.denunciation_transfer, ("to_unit", "outside_body", "note")),
    "denunciation_suspend": (services.denunciation_suspend, ("reason",)),
    "denunciation_resume": (services.denunciation_resume, ("note",)),
    "denunciation_withdrawal": (
        services.denunciation_withdrawal,
        ("note", "violation_signs", "violation_note"),
    ),
    "denunciation_conclude": (
        services.denunciation_conclude,
        ("findings", "measures", "recommendations", "public_text"),
    ),
}


def _arguments(action: str, concern: Concern, data: dict, objects: dict) -> dict:
    """The service's keyword arguments for ``action`` from the valid form's data."""
    fields = RUNNERS[action][1]
    kwargs = {name: data[name] for name in fields}
    if TRANSITIONS[action].takes_version:
        kwargs["version"] = data["version"]
    if action == "merge":
        kwargs["into"] = _merge_target(concern, data["into_code"])
    elif action == "answer_save":
        kwargs["verdict"] = data.get("verdict", "")
        kwargs["verdict_explanation"] = data.get("verdict_explanation", "")
    elif action == "extension_decide":
        kwargs["extension"] = objects["extension"]
        kwargs["approve"] = data["decision"] == "approve"
    if action == "commitment_done":
        kwargs["commitment"] = objects["commitment"]
    elif action != "extension_decide":  # the extension names its concern
        kwargs["concern"] = concern
    return kwargs


def _with_current_version(form, concern: Concern, row, request, action: str):
    """The same form, as typed and with the same errors, carrying the current version."""
    data = form.data.copy()
    data["version"] = concern.version
    fresh = row.form_class()(data, request.FILES, **_form_kwargs(request, concern, action))
    fresh.is_valid()
    for message in form.non_field_errors():
        fresh.add_error(None, message)
    return fresh


def _after_action_url(request, pk: int) -> str:
    """Back to the concern, or to the queue when the user has nothing left to do on it
    (passed to the other body, whose people act on it from now on)."""
    try:
        concern = _scoped(request, pk)
    except Http404:
        # The case went where the user may not follow it (a denunciation of the ward's
        # heads, reclassified or accepted as such, is resolved by the city).
        return reverse("petitions:queue")
    if any(a.url_name for a in TRANSITIONS.available(request.user, concern).values()):
        return _detail_url(concern)
    return reverse("petitions:queue")


@login_required
@require_POST
def act(request, pk: int, action: str, commitment_pk=None, extension_pk=None):
    """Every action on a concern: scoped fetch (404) → the table's capability (403) →
    form (400 with the problems marked) → one service (409 when the state no longer
    allows it or someone else changed the concern) → message → redirect."""
    concern = _scoped(request, pk)
    objects = {}
    if commitment_pk is not None:
        objects["commitment"] = get_object_or_404(
            FollowUpCommitment, pk=commitment_pk, concern=concern
        )
    if extension_pk is not None:
        objects["extension"] = get_object_or_404(Extension, pk=extension_pk, concern=concern)
    row = TRANSITIONS.require_permission(request.user, concern, action)
    form = row.form_class()(request.POST, request.FILES, **_form_kwargs(request, concern, action))
    refusal = TRANSITIONS.refusal(concern, action, request.user)
    status = 400
    if refusal is not None:
        # The state no longer allows it (another tab, someone else): 409 and the reason,
        # with what the user typed kept in the form below.
        form.is_valid()
        for message in refusal.messages:
            form.add_error(None, message)
        status = 409
    elif form.is_valid():
        try:
            service = RUNNERS[action][0]
            result = service(
                actor=request.user, **_arguments(action, concern, form.cleaned_data, objects)
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            # Someone else changed the concern: 409, with what the user typed kept below.
            if is_conflict(exc):
                status = 409
        else:
            success = row.success
            if action == "accept" and getattr(result, "state", None) == ConcernState.RECEIVED:
                # Classified as a complaint or a denunciation: its own acceptance follows.
                success = MSG_CLASSIFIED_FOR_OWN_PROCEDURE
            messages.success(request, success)
            return redirect(_after_action_url(request, pk))
    messages.error(request, _("Nothing was changed: see the problem marked below."))
    concern = _load_detail(request, pk)
    if status == 409 and "version" in form.fields:
        # The page now shows the concern as it is: sending the form again acts on that.
        form = _with_current_version(form, concern, row, request, action)
    key = FORM_KEYS.get(action, action)
    context = _detail_context(request, concern, bound={key: form})
    context["open_form"] = key
    return render(request, "petitions/staff/detail.html", context, status=status)


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
    units = units_for(request.user, Capability.HANDLE_CONCERNS).order_by(vietnamese_order("name"))
    if not has_capability(request.user, Capability.HANDLE_CONCERNS):
        raise PermissionDenied
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES, units=units, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                concern = services.concern_submit(
                    unit=data["unit"],
                    addressed_to=data["addressed_to"],
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
                    accused_role=data["accused_role"],
                    accused_name=data["accused_name"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                if not has_capability(request.user, Capability.VIEW_CONCERNS, concern.unit):
                    # Resolved where the officer may not follow it (a denunciation of the
                    # ward's heads: the city): a receipt without a link to the case.
                    return intake_receipt.forwarded_redirect(request, concern)
                messages.success(
                    request, _("The concern is recorded. Print the receipt for the citizen.")
                )
                return redirect("petitions:receipt", pk=concern.pk)
    else:
        forwarded = intake_receipt.forwarded_page(request)
        if forwarded is not None:
            return forwarded
        form = IntakeForm(units=units, user=request.user)
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
    return units_for(request.user, Capability.SIGN_OFF).order_by(vietnamese_order("name"))


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
    concerns = list(selectors.concerns_of_person(units, key, user=request.user))
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
    concerns = list(selectors.concerns_of_person(units, key, user=request.user))
    now = clock.now()
    data = selectors.personal_data_export(concerns, key, now=now)
    data["units"] = sorted({c.unit.name for c in concerns}, key=vietnamese_key)
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
    concerns = list(selectors.concerns_of_person(units, key, user=request.user))
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
