"""936 feedback: the Fatherland Front liaison sends feedback on behalf of an organisation,
and follows the handling of everything their unit sent (and nothing else).

Only people with ``Capability.SUBMIT_FEEDBACK`` (the MTTQ liaison role) use these pages;
anyone else signed in gets 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.people import person_name
from units.permissions import Capability, units_for

from .institutions import body_name
from .models import AnswerStatus, Concern, ConcernChannel, Organisation
from .services import concern_submit
from .session_forms import FeedbackForm

PAGE_SIZE = 25


def _feedback_units(user):
    units = units_for(user, Capability.SUBMIT_FEEDBACK).filter(is_active=True)
    if not units.exists():
        raise PermissionDenied
    return units.order_by(vietnamese_order("name"))


@login_required
def feedback_list(request):
    units = _feedback_units(request.user)
    concerns = (
        Concern.objects.filter(unit__in=units, channel=ConcernChannel.ORGANISATION)
        .select_related("unit", "category")
        .order_by("-received_at", "-id")
    )
    organisation = request.GET.get("organisation", "")
    if organisation in Organisation.values:
        concerns = concerns.filter(organisation=organisation)
    else:
        organisation = ""
    page = Paginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/feedback/list.html",
        {
            "page": page,
            "organisations": Organisation.choices,
            "organisation": organisation,
            "published": AnswerStatus.PUBLISHED,
        },
    )


@login_required
def feedback_create(request):
    units = _feedback_units(request.user)
    form = FeedbackForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user
        try:
            concern = concern_submit(
                unit=data["unit"],
                addressed_to=data["addressed_to"],
                channel=ConcernChannel.ORGANISATION,
                type=data["type"],
                category=data["category"],
                content=data["content"],
                submitter_name=person_name(user),
                submitter_email=user.email,
                consent=False,
                attachments=data["attachments"],
                actor=user,
                organisation=data["organisation"],
                ip_address=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The feedback was sent to %(unit)s with the tracking code %(code)s.")
                % {
                    "unit": body_name(concern.unit, concern.addressed_to),
                    "code": concern.tracking_code,
                },
            )
            return redirect("petitions:feedback_list")
    return render(request, "petitions/feedback/create.html", {"form": form})
