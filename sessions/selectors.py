"""Reads of the sessions app: rules, scoped lists, the calendar, the public pages, "what next".

Every function that feeds a page fetches what the page shows in a fixed number of queries,
whatever the number of sessions.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dialogue_portal.lib import clock
from dialogue_portal.lib.collation import vietnamese_order
from units.models import Unit
from units.permissions import Capability, units_for

from .models import (
    EDITABLE_STATES,
    DialogueSession,
    SessionState,
    SessionTransition,
    TimingRule,
    TimingRuleKind,
)

# Fallbacks used only if an administrator deleted a seeded rule (domain.md §6 defaults).
DEFAULT_DAYS = {
    TimingRuleKind.NOTICE: (5, True),
    TimingRuleKind.CONCLUSIONS: (10, True),
    TimingRuleKind.MINUTES: (3, False),
}


@dataclass(frozen=True)
class RuleDays:
    days: int
    working_days: bool
    legal_basis: str

    def describe(self) -> str:
        if self.working_days:
            return _("%(days)s working days") % {"days": self.days}
        return _("%(days)s calendar days") % {"days": self.days}


def timing_rule(kind: str, session_kind: str = "") -> RuleDays:
    """The rule of ``kind`` for a session kind: the kind's own rule first, else the general one."""
    rules = {
        r.session_kind: r
        for r in TimingRule.objects.filter(kind=kind, session_kind__in=[session_kind, ""])
    }
    rule = rules.get(session_kind) or rules.get("")
    if rule is None:
        days, working = DEFAULT_DAYS[TimingRuleKind(kind)]
        return RuleDays(days=days, working_days=working, legal_basis=_("portal default"))
    return RuleDays(days=rule.days, working_days=rule.working_days, legal_basis=rule.legal_basis)


def local_date(value: datetime) -> date:
    return timezone.localtime(value).date()


def commune_level_units() -> QuerySet[Unit]:
    """The active commune-level units (the 168 wards, communes and the special zone), in
    Vietnamese alphabetical order."""
    return Unit.objects.filter(is_active=True, kind__in=Unit.COMMUNE_LEVEL_KINDS).order_by(
        vietnamese_order("name")
    )


def filter_units(units: QuerySet[Unit], query: str) -> QuerySet[Unit]:
    """Accent-insensitive filter on unit names ("ben thanh" finds "Phường Bến Thành")."""
    from dialogue_portal.lib.text import fold

    key = fold(query)
    return units.filter(search_name__contains=key) if key else units


# ---------------------------------------------------------------------------------------
# Staff lists
# ---------------------------------------------------------------------------------------


@dataclass
class SessionFilters:
    unit: Unit | None = None
    kind: str = ""
    state: str = ""
    date_from: date | None = None
    date_to: date | None = None
    query: str = ""


def staff_sessions(user, filters: SessionFilters | None = None) -> QuerySet[DialogueSession]:
    """The sessions ``user`` may see, filtered; one query with the unit joined."""
    filters = filters or SessionFilters()
    qs = DialogueSession.objects.in_units(units_for(user, Capability.VIEW_SESSIONS))
    if filters.unit is not None:
        qs = qs.filter(unit=filters.unit)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.date_from:
        qs = qs.filter(planned_start__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(planned_start__date__lte=filters.date_to)
    if filters.query:
        qs = qs.search(filters.query)
    return qs.with_list_relations().order_by("-planned_start", "-id")


def sessions_between(
    qs: QuerySet[DialogueSession], start: date, end: date
) -> list[DialogueSession]:
    """Sessions of ``qs`` starting on a local date in [start, end), by start time."""
    tz = timezone.get_current_timezone()
    start_dt = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    end_dt = datetime.combine(end, datetime.min.time(), tzinfo=tz)
    return list(
        qs.filter(planned_start__gte=start_dt, planned_start__lt=end_dt)
        .select_related("unit")
        .order_by("planned_start", "id")
    )


def session_detail(qs: QuerySet[DialogueSession]) -> QuerySet[DialogueSession]:
    return qs.select_related(
        "unit", "approved_by__person", "created_by__person", "conclusions_document"
    ).prefetch_related(
        Prefetch("transitions", queryset=SessionTransition.objects.select_related("actor__person")),
        "attachments",
    )


# ---------------------------------------------------------------------------------------
# Public pages and feeds
# ---------------------------------------------------------------------------------------


def public_upcoming(*, unit: Unit | None = None, kind: str = "") -> QuerySet[DialogueSession]:
    """Announced sessions that have not ended yet (postponed and cancelled ones marked)."""
    qs = DialogueSession.objects.public().filter(
        state__in=[SessionState.ANNOUNCED, SessionState.POSTPONED, SessionState.CANCELLED],
        planned_end__gte=clock.now(),
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("unit").order_by("planned_start", "id")


def public_past(*, unit: Unit | None = None, kind: str = "") -> QuerySet[DialogueSession]:
    """Sessions that took place, newest first, with their published conclusions."""
    qs = DialogueSession.objects.public().filter(
        state__in=[SessionState.HELD, SessionState.CONCLUDED, SessionState.CLOSED]
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("unit").order_by("-planned_start", "-id")


# Feeds carry a year of past sessions and everything ahead.
FEED_HISTORY_DAYS = 365


def feed_sessions(*, unit: Unit | None = None) -> list[DialogueSession]:
    since = clock.now() - timedelta(days=FEED_HISTORY_DAYS)
    qs = DialogueSession.objects.public().filter(planned_start__gte=since)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return list(qs.select_related("unit").order_by("planned_start", "id"))


# ---------------------------------------------------------------------------------------
# What is due next
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    text: str
    due: date | None = None
    overdue: bool = False


def announce_by(session: DialogueSession) -> date | None:
    """The last day to announce ``session`` with the full notice the rule asks for."""
    from workcalendar.calendar import is_working_day

    rule = timing_rule(TimingRuleKind.NOTICE, session.kind)
    start = local_date(session.planned_start)
    if not rule.working_days:
        return start - timedelta(days=rule.days)
    if rule.days == 0:
        return start
    # Notice = working days in (announcement day, session day]: walk back from the session
    # day until enough working days are behind it; the day before is the last good day.
    counted, day = 0, start
    for _step in range(rule.days * 7 + 60):
        if is_working_day(day):
            counted += 1
            if counted >= rule.days:
                return day - timedelta(days=1)
        day -= timedelta(days=1)
    return None


def next_step(session: DialogueSession, *, today: date | None = None) -> NextStep | None:
    """What should happen next to ``session`` (the table's forward action), with its date."""
    from .transitions import forward_action

    today = today or clock.today()
    action = forward_action(session)
    if action == "submit":
        return NextStep(_("Submit the plan to the unit head for approval."))
    if action == "approve":
        return NextStep(_("Waiting for the unit head to approve the plan."))
    if action == "announce":
        due = announce_by(session)
        return NextStep(
            _("Announce it to the public by %(date)s.") % {"date": _d(due)}
            if due
            else _("Announce it to the public."),
            due=due,
            overdue=bool(due and due < today),
        )
    if action == "record_held":
        start = local_date(session.planned_start)
        return NextStep(
            _("Record it as held after it takes place on %(date)s.") % {"date": _d(start)},
            due=start,
        )
    if action == "issue_conclusions":
        due = session.conclusions_due
        if due is None:
            return NextStep(_("Issue the conclusions notice."))
        return NextStep(
            _("Conclusions due by %(date)s.") % {"date": _d(due)},
            due=due,
            overdue=due < today,
        )
    if action == "close":
        return NextStep(
            _("Close it once every opinion raised is answered and every follow-up done.")
        )
    return None


def _d(value: date | None) -> str:
    return date_format(value, "d/m/Y") if value else "—"


def staff_panel_data(user, *, limit: int = 5) -> dict:
    """The staff home panel: upcoming sessions and what is due next. Three queries."""
    units = units_for(user, Capability.VIEW_SESSIONS)
    now = clock.now()
    upcoming = list(
        DialogueSession.objects.in_units(units)
        .filter(
            planned_start__gte=now,
            state__in=[SessionState.PLANNED, SessionState.ANNOUNCED, SessionState.POSTPONED],
        )
        .select_related("unit")
        .order_by("planned_start", "id")[:limit]
    )
    conclusions_due = list(
        DialogueSession.objects.in_units(units)
        .filter(state=SessionState.HELD)
        .select_related("unit")
        .order_by(F("conclusions_due").asc(nulls_last=True), "id")[:limit]
    )
    not_announced = list(
        DialogueSession.objects.in_units(units)
        .filter(state__in=[SessionState.DRAFT, SessionState.PLANNED], planned_start__gte=now)
        .select_related("unit")
        .order_by("planned_start", "id")[:limit]
    )
    today = clock.today()
    return {
        "upcoming": upcoming,
        "conclusions_due": conclusions_due,
        "not_announced": not_announced,
        "today": today,
    }


def plan_is_editable(session: DialogueSession) -> bool:
    return session.state in EDITABLE_STATES
