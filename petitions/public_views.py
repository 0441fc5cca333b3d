"""Public pages (no login): send a concern, look it up, accept or dispute the answer.

The tracking code never appears in a URL (it would leak through history, logs and the
Referer header): after a submission or a successful lookup the concern is remembered in
the visitor's session for a short while, and the confirmation and status pages read it
from there. Those pages are never cached (``Cache-Control: no-store``).

Honeypot: a bot that fills the hidden field gets the form back with a clear refusal and
nothing is stored (a person whose browser filled it by mistake simply sends it again;
the field is emptied on the way back).
"""

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dialogue_portal.lib.pagecache import public_page
from dialogue_portal.lib.ratelimit import ratelimit

from . import clocks
from .institutions import body_name
from .models import (
    AnonymousInformation,
    AnswerStatus,
    AnswerVersion,
    AnswerVersionStatus,
    Concern,
    ConcernRule,
    ConcernState,
)
from .public_forms import (
    MSG_NOT_FOUND,
    ConcernSubmitForm,
    DisputeForm,
    LookupForm,
    SecondComplaintForm,
    commune_level_units,
    retention_years,
)
from .selectors import (
    concern_citizen_window,
    concern_lookup,
    concern_public_commitments,
    concern_public_timeline,
)
from .services import concern_citizen_accept, concern_citizen_dispute
from .services.complaints import complaint_file_second
from .services.intake import submit_public_form

# How long the confirmation page and a looked-up status stay available in the session.
SUBMITTED_SECONDS = 30 * 60
LOOKUP_SECONDS = 20 * 60
SUBMITTED_KEY = "petitions_submitted"
LOOKUP_KEY = "petitions_lookup"


def _remember(request, key: str, concern: Concern, seconds: int) -> None:
    # A fresh session key: nobody who planted a session id can read what follows.
    request.session.cycle_key()
    request.session[key] = {"pk": concern.pk, "until": time.time() + seconds}


def _recalled(request, key: str) -> int | None:
    entry = request.session.get(key)
    if not isinstance(entry, dict) or entry.get("until", 0) < time.time():
        request.session.pop(key, None)
        return None
    return entry.get("pk")


def _public_concern(pk) -> Concern | None:
    return Concern.objects.select_related("unit", "category").filter(pk=pk).first()


@never_cache
@ratelimit("concern_submit", setting="RATELIMIT_SUBMIT")
@public_page
def submit(request):
    files_chosen = False
    if request.method == "POST":
        form = ConcernSubmitForm(request.POST, request.FILES)
        files_chosen = any(request.FILES.getlist("attachments"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                # identity: a denunciation goes where it may be resolved; one sent without
                # a name is kept as anonymous information (no tracking code).
                concern = submit_public_form(data, ip_address=request.META.get("REMOTE_ADDR"))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if isinstance(concern, AnonymousInformation):
                    return render(
                        request, "petitions/public/submitted.html", {"anonymous": concern}
                    )
                _remember(request, SUBMITTED_KEY, concern, SUBMITTED_SECONDS)
                return redirect("public_petitions:submitted")
    else:
        form = ConcernSubmitForm(
            ward_query=request.GET.get("q", ""), initial=_initial_ward(request)
        )
    return render(
        request,
        "petitions/public/submit.html",
        {
            "form": form,
            "files_chosen": files_chosen,
            "ward_query": request.GET.get("q", "")[:100],
            "retention_years": retention_years(),
            "rules": {rule.type: rule for rule in ConcernRule.objects.all()},
        },
    )


def _initial_ward(request) -> dict:
    """``?unit=<official code>`` preselects a ward (links from a session's public page)."""
    code = request.GET.get("unit", "")[:16]
    if not code:
        return {}
    unit = commune_level_units().filter(code=code).first()
    return {"ward": unit.pk} if unit else {}


@never_cache
def submitted(request):
    pk = _recalled(request, SUBMITTED_KEY)
    concern = _public_concern(pk) if pk else None
    if concern is None:
        messages.info(
            request,
            _(
                "The confirmation is shown only for a while after sending. To follow a concern, "
                "look it up with its tracking code."
            ),
        )
        return redirect("public_petitions:lookup")
    received = clocks.local_date(concern.received_at)
    return render(
        request,
        "petitions/public/submitted.html",
        {
            "concern": concern,
            "acknowledge": clocks.acknowledge_due(concern.type, received),
            "rule": clocks.rule_of(concern),
        },
    )


@never_cache
@ratelimit("concern_lookup", setting="RATELIMIT_LOOKUP")
def lookup(request):
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            concern = concern_lookup(
                code=form.cleaned_data["code"], factor=form.cleaned_data["factor"]
            )
            if concern is not None:
                _remember(request, LOOKUP_KEY, concern, LOOKUP_SECONDS)
                return redirect("public_petitions:status")
            form.add_error(None, ValidationError(MSG_NOT_FOUND, code="not_found"))
    else:
        form = LookupForm()
    return render(request, "petitions/public/lookup.html", {"form": form})


def _public_answers(concern: Concern) -> tuple[AnswerVersion | None, list[AnswerVersion]]:
    """The answer in force and the earlier published ones (newest first). An answer waiting
    for approval or returned for rework is never shown to the public."""
    published = list(concern.answer_versions.published().order_by("-number"))
    in_force = next((v for v in published if v.status == AnswerVersionStatus.PUBLISHED), None)
    earlier = [v for v in published if v is not in_force]
    if in_force is None and not published and concern.answer_status == AnswerStatus.PUBLISHED:
        # Published before answers were kept as versions: the concern's fields hold it.
        in_force = AnswerVersion(
            concern=concern,
            number=1,
            public_text=concern.answer_public_text,
            verdict=concern.verdict,
            verdict_explanation=concern.verdict_explanation,
            signer_position=concern.answer_signer_position,
            status=AnswerVersionStatus.PUBLISHED,
            published_at=concern.answer_published_at,
        )
    return in_force, earlier


def _status_context(concern: Concern, dispute_form=None) -> dict:
    window = concern_citizen_window(concern)
    # The same conditions as the services' guard: an answer out, no verdict yet, in time.
    can_respond = (
        window is not None
        and not concern.citizen_verdict
        and concern.state == ConcernState.ANSWERED
        and clocks.today() <= window.due
    )
    # The deadline that applies now: acknowledgement while received, the answer while
    # accepted or assigned; none once answered or ended (the window is shown instead).
    deadline_date, deadline_text = concern.current_due, ""
    if concern.state == ConcernState.RECEIVED:
        received = clocks.local_date(concern.received_at)
        deadline_text = clocks.acknowledge_due(concern.type, received).explanation()
    elif deadline_date is not None:
        deadline_text = concern.due_explanation
    published = concern.answer_status == AnswerStatus.PUBLISHED
    answer, earlier_answers = _public_answers(concern)
    return {
        "concern": concern,
        # The body that handles it, and the position of whoever approved each published
        # answer (answer.signer_position): never a staff member's name on a public page.
        "body": body_name(concern.unit, concern.addressed_to),
        "timeline": concern_public_timeline(concern),
        "deadline_date": deadline_date,
        "deadline_text": deadline_text,
        "published": published,
        # The answer in force (kept in force through a dispute or a reconsideration until
        # a new one is published), and every earlier published answer with its dates.
        "answer": answer,
        "earlier_answers": earlier_answers,
        "commitments": concern_public_commitments(concern) if answer else [],
        "window": window,
        "can_respond": can_respond,
        "dispute_form": dispute_form or DisputeForm(),
        "today": clocks.today(),
        "contact_hint": _contact_hint(concern),
    }


def _contact_hint(concern: Concern) -> str:
    """A masked hint of the contact given, so people know which one they used."""
    if concern.submitter_email:
        local, _at, domain = concern.submitter_email.partition("@")
        return f"{local[:1]}•••@{domain[:1]}•••"
    if concern.submitter_phone:
        return f"•••• {concern.submitter_phone[-2:]}"
    return ""


def _looked_up(request):
    pk = _recalled(request, LOOKUP_KEY)
    if pk is None:
        return None
    return Concern.objects.select_related("unit", "category").filter(pk=pk).first()


def _lookup_expired(request):
    messages.info(
        request, _("For your privacy the status is shown only for a while: look it up again.")
    )
    return redirect("public_petitions:lookup")


@never_cache
def status(request):
    concern = _looked_up(request)
    if concern is None:
        return _lookup_expired(request)
    return render(request, "petitions/public/status.html", _status_context(concern))


@never_cache
@require_POST
@ratelimit("concern_verdict", setting="RATELIMIT_VERDICT")
def accept(request):
    concern = _looked_up(request)
    if concern is None:
        return _lookup_expired(request)
    try:
        concern_citizen_accept(concern=concern)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Thank you: you accepted the answer. The ward has been told, and nothing more is needed from you."
            ),
        )
    return redirect("public_petitions:status")


@never_cache
@require_POST
@ratelimit("concern_verdict", setting="RATELIMIT_VERDICT")
def dispute(request):
    concern = _looked_up(request)
    if concern is None:
        return _lookup_expired(request)
    form = DisputeForm(request.POST)
    if not form.is_valid():
        return render(
            request, "petitions/public/status.html", _status_context(concern, dispute_form=form)
        )
    try:
        concern = concern_citizen_dispute(concern=concern, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Your dispute was recorded. The ward must look at the concern again; the new "
                "deadline is shown below."
            ),
        )
    return redirect("public_petitions:status")


@require_POST
def forget(request):
    """ "Done": drop the looked-up concern from this browser (shared computers)."""
    request.session.pop(LOOKUP_KEY, None)
    request.session.pop(SUBMITTED_KEY, None)
    messages.info(request, _("The concern is no longer shown in this browser."))
    return redirect(reverse("public_petitions:lookup"))


# --- The second complaint: from a status page looked up with the code and second factor --


@never_cache
@require_POST
@ratelimit("concern_verdict", setting="RATELIMIT_VERDICT")
def second_complaint(request):
    concern = _looked_up(request)
    if concern is None:
        return _lookup_expired(request)
    form = SecondComplaintForm(request.POST)
    error = None
    if form.is_valid():
        try:
            second = complaint_file_second(first=concern, reasons=form.cleaned_data["reasons"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "Your second complaint is received under the tracking code %(code)s. Keep "
                    "it to follow the case."
                )
                % {"code": second.tracking_code},
            )
            return redirect("public_petitions:status")
    if error:
        form.add_error(None, error)
    context = _status_context(concern)
    context["second_complaint_form"] = form
    return render(request, "petitions/public/status.html", context, status=400)
