"""The clocks of a concern: deadlines from the rules, overdue, response times.

Every deadline comes from the admin-editable :class:`~petitions.models.ConcernRule` of
the concern's type and is counted through ``workcalendar.calendar``, so each one can say
how it was reached (``DueDate.explanation()``).
"""

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from dialogue_portal.lib import clock
from workcalendar.calendar import (
    DueDate,
    add_calendar_days,
    add_working_days,
    compute_due,
    count_working_days,
)

from .models import Concern, ConcernRule, ConcernType

# The queue's "due this week" and the digest's "due soon": this many days ahead.
DUE_SOON_DAYS = 7


def local_date(moment: datetime | None) -> date | None:
    """The date of ``moment`` in Ho Chi Minh City time."""
    if moment is None:
        return None
    return timezone.localdate(moment)


def today() -> date:
    return clock.today()


def rule_for(concern_type: str) -> ConcernRule:
    """The rule of a type. Seeded for every type; a missing one is a configuration error."""
    return ConcernRule.objects.get(type=concern_type)


def rule_of(concern: Concern) -> ConcernRule:
    """The rule of ``concern``'s type, read once per loaded concern (a page's guards, clocks
    and forms all ask for it); read again when the type has changed."""
    cached = getattr(concern, "_rule_cache", None)
    if cached is None or cached.type != concern.type:
        cached = rule_for(concern.type)
        concern._rule_cache = cached
    return cached


def acknowledge_due(concern_type: str, received: date) -> DueDate:
    """By when the unit must accept the concern or say where it was sent."""
    rule = rule_for(concern_type)
    return compute_due(received, rule.acknowledge_days, working=rule.acknowledge_in_working_days)


def answer_due(concern_type: str, start: date, *, is_complex: bool = False) -> DueDate:
    """By when the answer is due, counted from ``start`` (acceptance or a dispute)."""
    rule = rule_for(concern_type)
    days = rule.answer_days
    if is_complex and rule.complex_days:
        days = rule.complex_days
    return compute_due(start, days, working=rule.answer_in_working_days)


def citizen_window(concern: Concern) -> DueDate | None:
    """Until when the citizen may accept or dispute the published answer."""
    published = local_date(concern.answer_published_at)
    if published is None:
        return None
    rule = rule_of(concern)
    return compute_due(published, rule.citizen_window_days, working=True)


def shift_for_pause(due: date, concern_type: str, paused_from: date, paused_to: date) -> date:
    """Move a due date on by the time a pause lasted, counted as the rule counts."""
    rule = rule_for(concern_type)
    if rule.answer_in_working_days:
        days = count_working_days(paused_from, paused_to)
        return add_working_days(due, days) if days else due
    days = (paused_to - paused_from).days
    return add_calendar_days(due, days) if days else due


def is_overdue(concern: Concern, on: date | None = None) -> bool:
    return concern.is_overdue(on or today())


def due_soon_range(on: date | None = None) -> tuple[date, date]:
    """Today to ``DUE_SOON_DAYS`` days on: the window of "due this week"."""
    start = on or today()
    return start, start + timedelta(days=DUE_SOON_DAYS)


def paused_working_days(pauses, *, until: date | None = None) -> int:
    """Working days spent in pauses (an open pause counts up to ``until``)."""
    end_default = until or today()
    total = 0
    for pause in pauses:
        start = local_date(pause.started_at)
        end = local_date(pause.ended_at) or end_default
        total += count_working_days(start, end)
    return total


def response_working_days(concern: Concern, pauses=None) -> int | None:
    """Working days from receipt to the published answer, pauses excluded; None if unanswered.

    ``pauses`` may be passed pre-fetched (``concern.pauses.all()`` with prefetch_related).
    """
    published = local_date(concern.answer_published_at)
    if published is None:
        return None
    received = local_date(concern.received_at)
    pauses = list(concern.pauses.all() if pauses is None else pauses)
    days = count_working_days(received, published) - paused_working_days(pauses, until=published)
    return max(days, 0)


def acknowledgement_working_days(concern: Concern) -> int | None:
    """Working days from receipt to acceptance; None while not accepted."""
    accepted = local_date(concern.accepted_at)
    if accepted is None:
        return None
    return count_working_days(local_date(concern.received_at), accepted)


def answered_on_time(concern: Concern) -> bool | None:
    """Whether the answer came out by the due date in force; None while unanswered."""
    published = local_date(concern.answer_published_at)
    if published is None or concern.due_at is None:
        return None
    return published <= concern.due_at


# --- Complaints (Luật Khiếu nại năm 2011, Điều 28, 37; Điều 9 for the time to complain) -----


def _remote(unit) -> bool:
    return bool(getattr(unit, "is_remote", False))


def complaint_days(rule: ConcernRule, *, instance: int, remote: bool, is_complex: bool) -> int:
    """The days the law gives to resolve a complaint, from the rule's fields: first
    instance 30 (45 complex), in a remote area 45 (60); second instance 45 (60), in a remote
    area 60 (70). A field left empty falls back to the nearest one that is set."""
    if instance >= 2:
        plain = (rule.second_remote_answer_days if remote else None) or rule.second_answer_days
        longer = (rule.second_remote_complex_days if remote else None) or rule.second_complex_days
    else:
        plain = (rule.remote_answer_days if remote else None) or rule.answer_days
        longer = (rule.remote_complex_days if remote else None) or rule.complex_days
    plain = plain or rule.answer_days
    return (longer or plain) if is_complex else plain


def _complaint_basis(*, instance: int, remote: bool, is_complex: bool) -> str:
    parts = [
        gettext("second complaint") if instance >= 2 else gettext("first complaint"),
    ]
    if is_complex:
        parts.append(gettext("complex case"))
    if remote:
        parts.append(gettext("remote area"))
    return ", ".join(parts)


class ExplainedDue:
    """A statutory due date that says which rule of the law it follows."""

    def __init__(self, due: DueDate, basis: str):
        self._due = due
        self.basis = basis

    def __getattr__(self, name):
        return getattr(self._due, name)

    @property
    def due(self) -> date:
        return self._due.due

    def explanation(self) -> str:
        return gettext("%(basis)s: %(how)s (Luật Khiếu nại năm 2011)") % {
            "basis": self.basis[:1].upper() + self.basis[1:],
            "how": self._due.explanation(),
        }


def complaint_due(concern: Concern, start: date) -> ExplainedDue:
    """By when ``concern`` (a complaint) must be decided, counted from its acceptance."""
    rule = rule_of(concern)
    # The second complaint is resolved at the city, but the area is the ward's.
    remote = _remote(concern.origin_unit or concern.unit)
    instance = concern.instance or 1
    days = complaint_days(rule, instance=instance, remote=remote, is_complex=concern.is_complex)
    due = compute_due(start, days, working=rule.answer_in_working_days)
    basis = _complaint_basis(instance=instance, remote=remote, is_complex=concern.is_complex)
    return ExplainedDue(due, basis)


def appeal_due(concern: Concern) -> DueDate | None:
    """Until when the complainant may file a second complaint: 30 days (45 in a remote
    area) from the first decision, or from the day the first deadline passed without one
    (Luật Khiếu nại năm 2011, Điều 33). None when the type has no second instance."""
    rule = rule_of(concern)
    days = (
        rule.remote_appeal_days if _remote(concern.origin_unit or concern.unit) else None
    ) or rule.appeal_days
    if not days:
        return None
    start = local_date(concern.answer_published_at)
    if start is None:
        if concern.due_at is None:
            return None
        start = concern.due_at
    return compute_due(start, days, working=False)


__all__ = [
    "DUE_SOON_DAYS",
    "ConcernType",
    "DueDate",
    "acknowledge_due",
    "acknowledgement_working_days",
    "appeal_due",
    "complaint_days",
    "complaint_due",
    "answer_due",
    "answered_on_time",
    "citizen_window",
    "due_soon_range",
    "is_overdue",
    "local_date",
    "paused_working_days",
    "response_working_days",
    "rule_for",
    "rule_of",
    "shift_for_pause",
    "today",
]
