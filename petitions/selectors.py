"""Reads of concerns: the public lookup, the staff queue, the detail page, privacy rules."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, DateField, F, Prefetch, Q, QuerySet, When
from django.utils.crypto import constant_time_compare

from units.models import Membership, Role
from units.permissions import Capability, has_capability, units_for
from workcalendar.calendar import DueDate

from . import clocks
from .models import (
    AnswerTemplate,
    Concern,
    ConcernAttachment,
    ConcernNote,
    ConcernState,
    ConcernTransition,
    ConcernType,
    Extension,
    FollowUpCommitment,
    Pause,
)
from .tracking import normalize_code

# ---------------------------------------------------------------------------------------
# Public


def _phone_digits(value: str) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def concern_lookup(*, code: str, factor: str) -> Concern | None:
    """The concern with this tracking code whose second factor matches, else None.

    ``factor``: the last 4 digits of the phone, or the full e-mail (case-insensitive).
    Any mismatch (unknown code, wrong factor, no contact on file) gives the same None.
    """
    canonical = normalize_code(code or "")
    factor = (factor or "").strip()
    if canonical is None or not factor:
        return None
    concern = (
        Concern.objects.select_related("unit", "category", "session")
        .filter(tracking_code=canonical)
        .first()
    )
    if concern is None:
        return None
    if "@" in factor:
        stored = (concern.submitter_email or "").strip().casefold()
        ok = bool(stored) and constant_time_compare(stored, factor.casefold())
    else:
        digits = _phone_digits(factor)
        stored = _phone_digits(concern.submitter_phone)
        ok = len(digits) == 4 and len(stored) >= 4 and constant_time_compare(stored[-4:], digits)
    return concern if ok else None


def concern_public_timeline(concern: Concern) -> list[ConcernTransition]:
    """The history rows the citizen may see (public ones, without staff notes)."""
    return list(concern.transitions.filter(is_public=True).order_by("created_at", "id"))


def concern_citizen_window(concern: Concern) -> DueDate | None:
    """Until when the citizen may accept or dispute; None when that is not (or no longer) open."""
    if concern.state != ConcernState.ANSWERED or concern.citizen_verdict:
        return None
    return clocks.citizen_window(concern)


def concern_public_commitments(concern: Concern) -> list[FollowUpCommitment]:
    return list(concern.commitments.order_by("due", "id"))


# ---------------------------------------------------------------------------------------
# Staff: scope and privacy


def concerns_visible_to(user) -> QuerySet[Concern]:
    return Concern.objects.filter(unit__in=units_for(user, Capability.VIEW_CONCERNS))


@dataclass(frozen=True)
class Privacy:
    """What of the submitter ``user`` may see on one concern."""

    contact: bool  # phone, e-mail, address
    identity: bool  # the name (hidden only for denunciations)
    audited: bool  # seeing the identity must be logged (denunciations)


def _is_head(user, unit_id: int) -> bool:
    return Membership.objects.filter(
        user=user, unit_id=unit_id, role=Role.UNIT_HEAD, is_active=True
    ).exists()


def concern_privacy(user, concern: Concern) -> Privacy:
    """Contact details: staff of the handling unit only (never reviewers).

    A denunciation's submitter: only the assigned handler and the unit head, and every
    view of it is audited.
    """
    if concern.type == ConcernType.DENUNCIATION:
        allowed = concern.assignee_id == user.pk or _is_head(user, concern.unit_id)
        return Privacy(contact=allowed, identity=allowed, audited=allowed)
    handles = has_capability(user, Capability.HANDLE_CONCERNS, concern.unit)
    return Privacy(contact=handles, identity=True, audited=False)


def contact_units_for(user) -> set[int]:
    """The units whose concerns' contact details ``user`` may see (exports, lists)."""
    return set(units_for(user, Capability.HANDLE_CONCERNS).values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------
# Staff: queue


@dataclass
class QueueFilters:
    state: str = ""
    type: str = ""
    channel: str = ""
    unit: int | None = None
    category: int | None = None
    due_this_week: bool = False
    overdue: bool = False
    disputed: bool = False
    mine: bool = False
    q: str = ""
    sort: str = "due"


def concern_queue(user, filters: QueueFilters, *, today: date | None = None) -> QuerySet[Concern]:
    """The concerns ``user`` may see, filtered and sorted; columns pre-fetched."""
    today = today or clocks.today()
    qs = concerns_visible_to(user).select_related("unit", "category", "assignee")
    if filters.state == "open":
        qs = qs.filter(
            state__in=(ConcernState.RECEIVED, ConcernState.ACCEPTED, ConcernState.ASSIGNED)
        )
    elif filters.state:
        qs = qs.filter(state=filters.state)
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.due_this_week:
        start, end = clocks.due_soon_range(today)
        qs = qs.due_between(start, end)
    if filters.overdue:
        qs = qs.overdue(today)
    if filters.disputed:
        qs = qs.filter(dispute_count__gt=0)
    if filters.mine:
        qs = qs.filter(assignee=user)
    if filters.q:
        qs = qs.search(filters.q)
    if filters.sort == "received":
        return qs.order_by("-received_at", "-id")
    # The deadline in force first (soonest first); ended concerns (no deadline) last.
    return qs.annotate(
        queue_due=Case(
            When(state=ConcernState.RECEIVED, then=F("ack_due_at")),
            When(state__in=(ConcernState.ACCEPTED, ConcernState.ASSIGNED), then=F("due_at")),
            default=None,
            output_field=DateField(),
        )
    ).order_by(F("queue_due").asc(nulls_last=True), "-received_at", "-id")


def staff_panel_counts(user, *, today: date | None = None) -> dict:
    """The staff home panel: my queue, due this week, overdue."""
    today = today or clocks.today()
    visible = concerns_visible_to(user)
    start, end = clocks.due_soon_range(today)
    return {
        "mine": Concern.objects.filter(assignee=user, state__in=(ConcernState.ASSIGNED,)).count(),
        "open": visible.open().count(),
        "due_this_week": visible.due_between(start, end).count(),
        "overdue": visible.overdue(today).count(),
        "pending_approval": visible.filter(
            unit__in=units_for(user, Capability.SIGN_OFF), answer_status="pending"
        ).count(),
    }


# ---------------------------------------------------------------------------------------
# Staff: detail


def concern_detail(queryset: QuerySet[Concern]) -> QuerySet[Concern]:
    """Everything the detail page shows, in a fixed number of queries."""
    return queryset.select_related(
        "unit",
        "category",
        "assignee",
        "session",
        "merged_into",
        "referred_from",
        "answer_approved_by",
        "submitted_by",
    ).prefetch_related(
        Prefetch(
            "transitions",
            queryset=ConcernTransition.objects.select_related("actor").order_by("created_at", "id"),
        ),
        Prefetch("notes", queryset=ConcernNote.objects.select_related("author")),
        Prefetch(
            "attachments",
            queryset=ConcernAttachment.objects.filter(commitment__isnull=True).order_by(
                "created_at", "id"
            ),
            to_attr="own_attachments",
        ),
        Prefetch(
            "commitments",
            queryset=FollowUpCommitment.objects.select_related("done_by").prefetch_related(
                "evidence"
            ),
        ),
        Prefetch(
            "extensions",
            queryset=Extension.objects.select_related("requested_by", "approved_by"),
        ),
        Prefetch("pauses", queryset=Pause.objects.select_related("started_by", "ended_by")),
        Prefetch(
            "merged_concerns", queryset=Concern.objects.only("pk", "tracking_code", "merged_into")
        ),
        Prefetch(
            "referrals",
            queryset=Concern.objects.select_related("unit").only(
                "pk", "tracking_code", "unit__name", "referred_from"
            ),
        ),
    )


def answer_templates_for(concern: Concern) -> QuerySet[AnswerTemplate]:
    return AnswerTemplate.objects.filter(
        Q(type="") | Q(type=concern.type),
        Q(unit__isnull=True) | Q(unit=concern.unit),
        is_active=True,
    )


def handlers_in(units) -> QuerySet:
    """People who may be assigned concerns in ``units`` (officers and heads)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__unit__in=units,
            memberships__role__in=(Role.WARD_OFFICER, Role.UNIT_HEAD),
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def session_concern_counts(session) -> dict:
    return dict(
        Concern.objects.filter(session=session)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
