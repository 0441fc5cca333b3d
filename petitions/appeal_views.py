"""The second complaint (khiếu nại lần hai), filed by the complainant from the status page.

Reached only from a verified lookup: the status page's session entry (tracking code and
second factor checked by ``public_views.lookup``) names the concern; without it the visitor
is sent back to the lookup. The time limit and the link between the two cases are the
service's (``services.complaints.complaint_file_second``).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dialogue_portal.lib.forms import Form
from dialogue_portal.lib.ratelimit import ratelimit

from . import public_views
from .services.complaints import complaint_file_second

REASONS_MAX_LENGTH = 5000


class SecondComplaintForm(Form):
    reasons = forms.CharField(
        label=gettext_lazy("Why you do not agree with the first decision"),
        max_length=REASONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Your second complaint goes to the Chairman of the People's Committee of Ho Chi "
            "Minh City, with the same name and contact details as the first."
        ),
    )


@never_cache
@require_POST
@ratelimit("concern_verdict", setting="RATELIMIT_VERDICT")
def second_complaint(request):
    concern = public_views._looked_up(request)
    if concern is None:
        return public_views._lookup_expired(request)
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
    context = public_views._status_context(concern)
    context["second_complaint_form"] = form
    return render(request, "petitions/public/status.html", context, status=400)
