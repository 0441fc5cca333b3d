"""Staff pages of identity protection (issue #13): the printable reclassification report
of a denunciation, and the anonymous information kept for inspection."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.forms import Form
from units.models import ROLE_INSTITUTION, ROLE_RANK, Membership, Rank, Unit
from units.permissions import Capability, get_in_scope, units_for

from . import selectors
from .models import AnonymousInformation, AnonymousInformationStatus, Concern, ConcernType
from .services.identity import (
    anonymous_information_review,
    may_review_anonymous,
    reclassification_reports,
)


def _scoped(request, pk: int, queryset) -> Concern:
    """The concern ``pk`` if the user sees its unit's concerns, else 404."""
    return get_in_scope(queryset, request.user, Capability.VIEW_CONCERNS, pk=pk)


# ---------------------------------------------------------------------------------------
# Reclassification report


@login_required
@require_GET
def reclassification_report(request, pk: int):
    """Who saw a denunciator before the case became a denunciation: for its resolvers
    only (404 for everyone else, as if the page did not exist)."""
    concern = _scoped(request, pk, Concern.objects.select_related("unit", "origin_unit"))
    if concern.type != ConcernType.DENUNCIATION or not selectors.may_see_denunciator(
        request.user, concern
    ):
        raise Http404
    return render(
        request,
        "petitions/staff/reclassification_report.html",
        {"concern": concern, "reports": reclassification_reports(concern)},
    )


# ---------------------------------------------------------------------------------------
# Anonymous information


# Anonymous letters on one page of the list.
PER_PAGE = 50


def anonymous_units(user):
    """The units whose anonymous information ``user`` reads: where they are a head (Bí
    thư, Chủ tịch, Chủ nhiệm Ủy ban Kiểm tra) or on the inspection committee; a city
    reviewer's whole subtree; every unit for an administrator."""
    if not (user.is_authenticated and user.is_active):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    roles = [
        role
        for role, rank in ROLE_RANK.items()
        if rank == Rank.HEAD or ROLE_INSTITUTION.get(role) == "inspection"
    ]
    own = Membership.objects.filter(user=user, is_active=True, role__in=roles).values("unit")
    return Unit.objects.filter(
        Q(pk__in=own) | Q(pk__in=units_for(user, Capability.RETURN_FOR_REWORK))
    )


class AnonymousReviewForm(Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            (AnonymousInformationStatus.KEPT, AnonymousInformationStatus.KEPT.label),
            (AnonymousInformationStatus.USED, AnonymousInformationStatus.USED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@login_required
@require_GET
def anonymous_list(request):
    units = anonymous_units(request.user)
    if not units.exists():
        raise Http404
    items = (
        AnonymousInformation.objects.filter(unit__in=units)
        .select_related("unit")
        .order_by("-received_at", "-id")
    )
    status = request.GET.get("status", "")
    counts = dict(
        AnonymousInformation.objects.filter(unit__in=units)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    if status in AnonymousInformationStatus.values:
        items = items.filter(status=status)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/staff/anonymous_list.html",
        {
            "items": page.object_list,
            "page": page,
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in AnonymousInformationStatus.choices
            ],
            "total": sum(counts.values()),
            "status": status,
            "units": units.order_by(vietnamese_order("name")),
            "form": AnonymousReviewForm(),
        },
    )


@login_required
@require_POST
def anonymous_review(request, pk: int):
    info = get_object_or_404(
        AnonymousInformation.objects.select_related("unit"),
        pk=pk,
        unit__in=anonymous_units(request.user),
    )
    if not may_review_anonymous(request.user, info.unit):
        raise Http404
    form = AnonymousReviewForm(request.POST)
    if form.is_valid():
        try:
            anonymous_information_review(
                actor=request.user,
                info=info,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The review of %(ref)s is recorded.") % {"ref": info.reference}
            )
    else:
        messages.error(
            request, _("Choose whether the information is kept or was used by inspection.")
        )
    return redirect("petitions:anonymous_list")
