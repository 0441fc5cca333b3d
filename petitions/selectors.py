"""Reads of concerns: the public lookup, the staff queue, the detail page, privacy rules."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.crypto import constant_time_compare

from dialogue_portal.lib.collation import person_order
from dialogue_portal.lib.people import PERSON
from units.models import ROLE_INSTITUTION, ROLE_RANK, Membership, Rank
from units.permissions import (
    Capability,
    has_capability,
    institutions_for,
    roles_with,
    units_for,
)
from workcalendar.calendar import DueDate

from . import clocks
from .models import (
    AddressedTo,
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
    Reconsideration,
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


# What a denunciator's name reads as wherever it is kept from someone (lists, referrals,
# exports): stored as such in a referred copy, so it is written in the portal's language.
IDENTITY_WITHHELD = "Đã giữ bí mật"


def _resolver_roles(addressed_to: str, *, assigned: bool) -> tuple[str, ...]:
    """The roles of the body a denunciation is addressed to who resolve it with the
    assigned officer: its head (Bí thư, Chủ tịch, Chủ nhiệm Ủy ban Kiểm tra); before it is
    assigned also the head of its office, who routes it."""
    ranks = (Rank.HEAD,) if assigned else (Rank.HEAD, Rank.OFFICE_HEAD)
    return tuple(
        role
        for role, institution in ROLE_INSTITUTION.items()
        if institution == addressed_to and ROLE_RANK.get(role) in ranks
    )


def may_see_denunciator(user, concern: Concern) -> bool:
    """Whether ``user`` resolves this denunciation (Luật Tố cáo năm 2018 Điều 47): the
    assigned officer and the head of the body it is addressed to in the resolving unit;
    before assignment the head and the head of that body's office. Nobody else: not the
    other heads of the unit, not reviewers, not the other body, not administrators."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    assigned = concern.assignee_id is not None
    if assigned and concern.assignee_id == user.pk:
        return True
    roles = _resolver_roles(concern.addressed_to, assigned=assigned)
    return Membership.objects.filter(
        user=user, unit_id=concern.unit_id, role__in=roles, is_active=True
    ).exists()


def concern_privacy(user, concern: Concern) -> Privacy:
    """Contact details: staff of the body that handles the concern, in its unit (never
    reviewers, nor the other institution of the unit).

    A denunciation's submitter, name and contact: only those resolving it
    (:func:`may_see_denunciator`), and every view of it is audited.
    """
    if concern.type == ConcernType.DENUNCIATION:
        allowed = may_see_denunciator(user, concern)
        return Privacy(contact=allowed, identity=allowed, audited=allowed)
    handles = has_capability(
        user, Capability.HANDLE_CONCERNS, concern.unit, institution=concern.addressed_to
    )
    return Privacy(contact=handles, identity=True, audited=False)


def denunciators_visible_to(user) -> Q:
    """A filter for the denunciations whose submitter ``user`` may see, in one query (the
    rule of :func:`may_see_denunciator`; exports and lists)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Q(pk__in=[])
    condition = Q(assignee_id=user.pk)
    for institution in AddressedTo.values:
        for assigned in (True, False):
            units = Membership.objects.filter(
                user=user,
                is_active=True,
                role__in=_resolver_roles(institution, assigned=assigned),
            ).values("unit")
            condition |= Q(addressed_to=institution, assignee__isnull=not assigned, unit__in=units)
    return condition


def identity_exposure_report(concern: Concern) -> list[dict]:
    """Who saw this concern's submitter (name or contact) and when, how many times: the
    portal's own record (:class:`IdentityExposure`) joined with the audit log's views of a
    denunciator's identity. Sorted by the first view."""
    from django.contrib.auth import get_user_model

    from audit.models import AuditEntry

    rows: dict[int, dict] = {}
    for exposure in concern.identity_exposures.select_related(f"user__{PERSON}"):
        rows[exposure.user_id] = {
            "user": exposure.user,
            "first_seen_at": exposure.first_seen_at,
            "last_seen_at": exposure.last_seen_at,
            "times": exposure.times,
            "where": {exposure.where} if exposure.where else set(),
        }
    audited = (
        AuditEntry.objects.for_object(concern)
        .filter(action="concern.identity_viewed")
        .exclude(actor__isnull=True)
        .values("actor_id")
        .annotate(n=Count("id"), first=Min("created_at"), last=Max("created_at"))
    )
    missing = {row["actor_id"] for row in audited} - set(rows)
    users = get_user_model().objects.select_related(PERSON).in_bulk(missing) if missing else {}
    for row in audited:
        entry = rows.get(row["actor_id"])
        if entry is None:
            entry = rows[row["actor_id"]] = {
                "user": users[row["actor_id"]],
                "first_seen_at": row["first"],
                "last_seen_at": row["last"],
                "times": 0,
                "where": set(),
            }
        # The exposure row counts every view already; the audit log only fills in views
        # recorded before the exposure log existed.
        entry["times"] = max(entry["times"], row["n"])
        entry["first_seen_at"] = min(entry["first_seen_at"], row["first"])
        entry["last_seen_at"] = max(entry["last_seen_at"], row["last"])
    return sorted(rows.values(), key=lambda e: (e["first_seen_at"], e["user"].pk))


def acting_condition(user, capability: Capability) -> Q:
    """A filter for the concerns ``user`` acts on with ``capability`` (handling, signing
    off): in each of their units, only those addressed to the body they work for there
    (reading stays unit-wide). Subqueries on the user's memberships, so it costs no query
    of its own: the roles that hold these capabilities act in their own unit only."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    condition = Q(pk__in=[])  # nothing (and no query at all) for someone without it
    for institution in AddressedTo.values:
        if not has_capability(user, capability, institution=institution):
            continue
        units = Membership.objects.filter(
            user=user, is_active=True, role__in=roles_with(capability, institution)
        ).values("unit")
        condition |= Q(addressed_to=institution, unit__in=units)
    return condition


def units_acting_for(user, capability: Capability, institution: str) -> QuerySet:
    """The units where ``user`` has ``capability`` for ``institution``'s work (unevaluated:
    a subquery wherever it is used)."""
    units = units_for(user, capability)
    if user.is_superuser:
        return units
    return units.filter(
        pk__in=Membership.objects.filter(
            user=user, is_active=True, role__in=roles_with(capability, institution)
        ).values("unit")
    )


def with_actionable(queryset: QuerySet[Concern], condition: Q) -> QuerySet[Concern]:
    """Each concern with ``actionable``: whether it meets ``condition`` (an
    :func:`acting_condition`), in the same query."""
    if not condition:  # an administrator: every concern
        return queryset.annotate(actionable=Value(True, output_field=BooleanField()))
    return queryset.annotate(
        actionable=Case(
            When(condition, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def contact_units_for(user) -> set[tuple[int, str]] | None:
    """The (unit, body) pairs whose concerns' contact details ``user`` may see (exports,
    lists): the body they handle concerns for, in each of their units; None: every one
    (administrators)."""
    if user.is_superuser and user.is_active:
        return None
    return {
        (unit.pk, institution)
        for unit in units_for(user, Capability.HANDLE_CONCERNS)
        for institution in institutions_for(user, Capability.HANDLE_CONCERNS, unit)
    }


# ---------------------------------------------------------------------------------------
# Staff: queue


@dataclass
class QueueFilters:
    state: str = ""
    type: str = ""
    channel: str = ""
    addressed_to: str = ""
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
    qs = concerns_visible_to(user).select_related("unit", "category", f"assignee__{PERSON}")
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
    if filters.addressed_to:
        qs = qs.filter(addressed_to=filters.addressed_to)
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
        # Answers the user may approve: their body's, in their units.
        "pending_approval": visible.filter(
            acting_condition(user, Capability.SIGN_OFF), answer_status="pending"
        ).count(),
    }


# ---------------------------------------------------------------------------------------
# Staff: detail


def concern_detail(queryset: QuerySet[Concern]) -> QuerySet[Concern]:
    """Everything the detail page shows, in a fixed number of queries."""
    return queryset.select_related(
        "unit",
        "category",
        f"assignee__{PERSON}",
        "session",
        "merged_into",
        "referred_from",
        f"answer_approved_by__{PERSON}",
        f"submitted_by__{PERSON}",
    ).prefetch_related(
        Prefetch(
            "transitions",
            queryset=ConcernTransition.objects.select_related(f"actor__{PERSON}").order_by(
                "created_at", "id"
            ),
        ),
        Prefetch("notes", queryset=ConcernNote.objects.select_related(f"author__{PERSON}")),
        # The reconsideration guards (petitions.transitions) and the page read these.
        Prefetch(
            "reconsiderations",
            queryset=Reconsideration.objects.select_related("answer_version", "responded_by"),
        ),
        Prefetch(
            "attachments",
            queryset=ConcernAttachment.objects.filter(commitment__isnull=True).order_by(
                "created_at", "id"
            ),
            to_attr="own_attachments",
        ),
        Prefetch(
            "commitments",
            queryset=FollowUpCommitment.objects.select_related(
                f"done_by__{PERSON}"
            ).prefetch_related("evidence"),
        ),
        Prefetch(
            "extensions",
            queryset=Extension.objects.select_related(
                f"requested_by__{PERSON}", f"approved_by__{PERSON}"
            ),
        ),
        Prefetch(
            "pauses",
            queryset=Pause.objects.select_related(f"started_by__{PERSON}", f"ended_by__{PERSON}"),
        ),
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


def handlers_in(units, institution: str | None = None) -> QuerySet:
    """People who may be assigned concerns in ``units`` (officers and heads); of one
    institution's when given (a Party committee's concern goes to its own people)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__unit__in=units,
            memberships__role__in=roles_with(Capability.HANDLE_CONCERNS, institution),
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .select_related(PERSON)
        .order_by(*person_order(f"{PERSON}__sort_name"), "username")
    )


def session_concern_counts(session) -> dict:
    return dict(
        Concern.objects.filter(session=session)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )


# ---------------------------------------------------------------------------------------
# Personal data: retention and the person's requests (export, erasure)


def retention_years() -> int:
    """Years after a concern ends before its submitter's personal data is anonymised."""
    from django.conf import settings

    return int(settings.PERSONAL_DATA_RETENTION_YEARS)


def retention_cutoff(now, years: int | None = None):
    """Concerns that ended before this moment are past the retention period."""
    years = retention_years() if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February in a year that has none
        return now.replace(year=now.year - years, day=28)


# Characters people type inside phone numbers; stripped before comparing (SQL and Python).
_PHONE_SEPARATORS = (" ", ".", "-", "(", ")", "+")


def national_phone(value: str) -> str:
    """Digits only, in the national form: "+84 90 123 4567" and "0901.234.567" agree."""
    digits = _phone_digits(value)
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    else:
        return digits
    return "0" + digits


@dataclass(frozen=True)
class ContactKey:
    """The phone number or e-mail address a person asks about, normalised.

    ``masked`` and ``digest`` are what the audit log keeps: never the contact itself.
    """

    kind: str  # "phone" or "email"
    value: str

    @classmethod
    def parse(cls, raw: str) -> "ContactKey":
        raw = (raw or "").strip()
        if "@" in raw:
            return cls(kind="email", value=raw.casefold())
        return cls(kind="phone", value=national_phone(raw))

    @property
    def masked(self) -> str:
        if self.kind == "email":
            local, _at, domain = self.value.partition("@")
            return f"{local[:1]}•••@{domain[:1]}•••"
        return f"•••• {self.value[-2:]}"

    @property
    def digest(self) -> str:
        """A keyed hash: the same contact always gives the same value; it cannot be reversed."""
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            "petitions.personal_data", f"{self.kind}:{self.value}", algorithm="sha256"
        ).hexdigest()

    def audit_data(self) -> dict:
        return {
            "contact_kind": self.kind,
            "contact_masked": self.masked,
            "contact_hash": self.digest,
        }

    def condition(self) -> Q:
        if self.kind == "email":
            return Q(submitter_email__iexact=self.value)
        national = self.value
        variants = {national}
        if national.startswith("0"):
            variants |= {"84" + national[1:], "0084" + national[1:]}
        return Q(_contact_digits__in=sorted(variants))


def _with_phone_digits(queryset: QuerySet[Concern]) -> QuerySet[Concern]:
    from django.db.models import Value
    from django.db.models.functions import Replace

    expression = F("submitter_phone")
    for separator in _PHONE_SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return queryset.annotate(_contact_digits=expression)


def concerns_of_person(units, key: ContactKey, *, user) -> QuerySet[Concern]:
    """The concerns of ``units`` whose submitter gave this phone number or e-mail address,
    that ``user`` may see the submitter of (a denunciation only for those resolving it: the
    list itself would say who wrote it).

    Phones match on their digits (national form), e-mail addresses case-insensitively.
    """
    queryset = Concern.objects.filter(unit__in=units).filter(
        ~Q(type=ConcernType.DENUNCIATION) | denunciators_visible_to(user)
    )
    if key.kind == "phone":
        queryset = _with_phone_digits(queryset.exclude(submitter_phone=""))
    return (
        queryset.filter(key.condition())
        .select_related("unit", "category")
        .order_by("received_at", "id")
    )


def personal_data_export(concerns: list[Concern], key: ContactKey, *, now) -> dict:
    """Everything stored about the person in ``concerns``, as a JSON-ready dict.

    Contact, content, dates, the public history, published answers and commitments;
    attachments by name only. Internal notes and staff-only history notes are left out.
    Four queries, whatever the number of concerns.
    """
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        concerns,
        Prefetch(
            "transitions",
            queryset=ConcernTransition.objects.filter(is_public=True).order_by("created_at", "id"),
            to_attr="public_history",
        ),
        Prefetch(
            "attachments",
            queryset=ConcernAttachment.objects.order_by("created_at", "id"),
            to_attr="all_attachments",
        ),
        Prefetch(
            "commitments",
            queryset=FollowUpCommitment.objects.order_by("due", "id"),
            to_attr="all_commitments",
        ),
    )

    from datetime import datetime

    from django.utils import timezone

    def when(value):
        """ISO 8601; times in Ho Chi Minh City time, as the person knows them."""
        if isinstance(value, datetime):
            return timezone.localtime(value).isoformat()
        return value.isoformat() if value else None

    def label(choices, value):
        return {"code": value, "label": str(choices(value).label)} if value else None

    from .institutions import body_name
    from .models import AnswerStatus, ConcernChannel, ConcernType

    items = []
    for concern in concerns:
        published = concern.answer_status == AnswerStatus.PUBLISHED
        items.append(
            {
                "tracking_code": concern.tracking_code,
                "unit": concern.unit.name,
                "addressed_to": body_name(concern.unit, concern.addressed_to),
                "type": label(ConcernType, concern.type),
                "channel": label(ConcernChannel, concern.channel),
                "category": concern.category.name if concern.category else None,
                "state": label(ConcernState, concern.state),
                "received_at": when(concern.received_at),
                "accepted_at": when(concern.accepted_at),
                "due_at": when(concern.due_at),
                "ended_at": when(concern.closed_at),
                "submitter": {
                    "name": concern.submitter_name,
                    "phone": concern.submitter_phone,
                    "email": concern.submitter_email,
                    "address": concern.submitter_address,
                    "consent_given_at": when(concern.consent_given_at),
                },
                "content": concern.content,
                "location": concern.address,
                "answer": {
                    "published_at": when(concern.answer_published_at),
                    "letter": concern.answer_text,
                    "published_text": concern.answer_public_text,
                    "verdict_explanation": concern.verdict_explanation,
                }
                if published
                else None,
                "citizen_verdict": concern.citizen_verdict or None,
                "citizen_verdict_at": when(concern.citizen_verdict_at),
                "disputes": concern.dispute_count,
                "commitments": [
                    {
                        "what": c.what,
                        "who": c.who,
                        "due": when(c.due),
                        "done_at": when(c.done_at),
                        "done_note": c.done_note,
                    }
                    for c in concern.all_commitments
                ],
                "history": [
                    {
                        "at": when(t.created_at),
                        "event": str(t.get_action_display()),
                        "state": str(t.get_to_state_display()),
                        "note_to_citizen": t.public_note,
                    }
                    for t in concern.public_history
                ],
                "attachments": [
                    {
                        "name": a.original_name or a.file.name.rsplit("/", 1)[-1],
                        "kind": a.kind,
                        "size": a.size,
                        "received_at": when(a.created_at),
                    }
                    for a in concern.all_attachments
                ],
            }
        )
    return {
        "generated_at": when(now),
        "contact": {"kind": key.kind, "value": key.value},
        "retention_years": retention_years(),
        "concerns": items,
    }
