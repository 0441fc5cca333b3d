"""How each figure is shown: its label, its formula in words, its rule status, its sort order.

Status against the rule (always written out, never colour alone):

- ``met``: the rule is kept;
- ``at_risk``: not broken, but not secured (sessions still due in a rule period not over,
  conclusions not yet due, or a share of items on time below 100 % but at least
  :data:`AT_RISK_FLOOR`);
- ``missed``: the rule is broken (a shortfall, late items, overdue items);
- ``none``: the figure is descriptive (no rule sets a threshold) or there is nothing to
  judge in the period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from dialogue_portal.lib.collation import vietnamese_key

from .selectors import Figures

MET, AT_RISK, MISSED, NONE = "met", "at_risk", "missed", "none"

STATUS_LABELS = {
    MET: _("met"),
    AT_RISK: _("at risk"),
    MISSED: _("missed"),
    NONE: _("not judged"),
}
# Worst first.
STATUS_RANK = {MISSED: 0, AT_RISK: 1, MET: 2, NONE: 3}


def at_risk_floor() -> float:
    """Below 100 % but at least this share on time is "at risk"; below it, "missed"."""
    return settings.COMPLIANCE_AT_RISK_RATE


def _share_status(part: int, whole: int) -> str:
    if not whole:
        return NONE
    if part >= whole:
        return MET
    return AT_RISK if part / whole >= at_risk_floor() else MISSED


def _zero_is_met(value: int) -> str:
    return MET if value == 0 else MISSED


# --- statuses ------------------------------------------------------------------------------


def sessions_status(f: Figures) -> str:
    if not f.sessions_has_rules:
        return NONE
    if f.sessions_shortfall:
        return MISSED
    if f.still_due:
        return AT_RISK
    return MET if f.sessions_required else NONE


def notice_status(f: Figures) -> str:
    return _share_status(f.sessions_with_notice, f.sessions_held)


def conclusions_status(f: Figures) -> str:
    if f.conclusions_late:
        return MISSED
    if f.conclusions_pending:
        return AT_RISK
    return MET if f.conclusions_on_time else NONE


def answered_on_time_status(f: Figures) -> str:
    return _share_status(f.answered_on_time, f.answered)


def overdue_status(f: Figures) -> str:
    return _zero_is_met(f.overdue)


def rate_status(f: Figures) -> str:
    return _share_status(f.answered_on_time, f.rate_basis)


def ack_status(f: Figures) -> str:
    if not f.acknowledged:
        return NONE
    return _zero_is_met(f.ack_late)


def commitments_overdue_status(f: Figures) -> str:
    if not f.commitments_due:
        return NONE
    return _zero_is_met(f.commitments_overdue)


def descriptive(f: Figures) -> str:
    return NONE


# --- notes under a number ---------------------------------------------------------------------


def _late_note(count: int) -> str:
    if not count:
        return ""
    return ngettext("%(count)d late", "%(count)d late", count) % {"count": count}


def sessions_note(f: Figures) -> str:
    parts = []
    if f.sessions_shortfall:
        parts.append(
            ngettext("%(count)d missing", "%(count)d missing", f.sessions_shortfall)
            % {"count": f.sessions_shortfall}
        )
    if f.still_due_count:
        parts.append(
            ngettext("%(count)d still due", "%(count)d still due", f.still_due_count)
            % {"count": f.still_due_count}
        )
    return ", ".join(parts)


def conclusions_note(f: Figures) -> str:
    parts = []
    if f.conclusions_late:
        parts.append(_late_note(f.conclusions_late))
    if f.conclusions_pending:
        parts.append(
            ngettext("%(count)d not due yet", "%(count)d not due yet", f.conclusions_pending)
            % {"count": f.conclusions_pending}
        )
    return ", ".join(parts)


# --- the columns --------------------------------------------------------------------------------

COUNT, RATE, DAYS = "count", "rate", "days"


@dataclass(frozen=True)
class Column:
    key: str  # attribute of Figures, and the ?sort= value
    group: str
    label: str
    formula: str
    status: Callable[[Figures], str]
    kind: str = COUNT
    # Which direction is worse, for "worst first": True when a higher value is worse.
    higher_is_worse: bool = False
    # The drill-down list behind the number (compliance:items ?figure=), or "rules".
    drilldown: str | None = None
    note: Callable[[Figures], str] | None = None
    note_drilldown: str | None = None
    # The attribute sorted on when it differs from ``key`` (e.g. the shortfall).
    sort_value: Callable[[Figures], float | None] | None = None

    def value(self, f: Figures):
        return getattr(f, self.key)

    @property
    def group_label(self) -> str:
        return str(GROUP_LABELS[self.group])

    def sort_key(self, f: Figures):
        return self.sort_value(f) if self.sort_value else self.value(f)


SESSIONS, CONCERNS, TIMES, COMMITMENTS = "sessions", "concerns", "times", "commitments"

GROUP_LABELS = {
    SESSIONS: _("Dialogue sessions (QĐ 935)"),
    CONCERNS: _("Concerns and feedback (QĐ 936)"),
    TIMES: _("Working days to acknowledge and to answer, pauses excluded"),
    COMMITMENTS: _("Follow-up commitments"),
}


def columns(notice_days: int, conclusions_days: int) -> list[Column]:
    """Every figure of the table, in order, with its formula in words."""
    return [
        Column(
            "sessions_required",
            SESSIONS,
            pgettext_lazy("compliance figure", "Required"),
            _(
                "Sum, over the frequency rules of the unit's level, of the rule's minimum for "
                "each week, month or year of the rule that ended within the period (and "
                "before today). Sessions missing in those rule periods are shown as missing; "
                "rule periods not over yet as still due."
            ),
            sessions_status,
            drilldown="rules",
            note=sessions_note,
            higher_is_worse=True,
            sort_value=lambda f: f.sessions_shortfall,
        ),
        Column(
            "sessions_held",
            SESSIONS,
            pgettext_lazy("compliance figure", "Held"),
            _(
                "Sessions recorded as held (held, conclusions issued, closed) whose actual "
                "start falls in the period. Cancelled sessions never count."
            ),
            sessions_status,
            drilldown="sessions_held",
        ),
        Column(
            "sessions_with_notice",
            SESSIONS,
            _("With enough notice"),
            _(
                "Held sessions announced at least %(days)d working days ahead (not recorded "
                "as late notice). Rule: every session."
            )
            % {"days": notice_days},
            notice_status,
            drilldown="sessions_with_notice",
            note=lambda f: _late_note(f.late_notice),
            note_drilldown="sessions_late_notice",
            sort_value=lambda f: (
                f.sessions_with_notice / f.sessions_held if f.sessions_held else None
            ),
        ),
        Column(
            "conclusions_on_time",
            SESSIONS,
            _("Conclusions on time"),
            _(
                "Held sessions whose conclusions notice is issued and dated no later than its "
                "due date (%(days)d working days after the session). Late: issued after it, "
                "or still not issued with the due date past."
            )
            % {"days": conclusions_days},
            conclusions_status,
            drilldown="conclusions_on_time",
            note=conclusions_note,
            note_drilldown="conclusions_late",
            sort_value=lambda f: (
                f.conclusions_on_time / f.sessions_held if f.sessions_held else None
            ),
        ),
        Column(
            "received",
            CONCERNS,
            pgettext_lazy("compliance figure", "Received"),
            _("Concerns received in the period, duplicates merged into another one left out."),
            descriptive,
            drilldown="received",
            higher_is_worse=True,
        ),
        Column(
            "answered",
            CONCERNS,
            pgettext_lazy("compliance figure", "Answered"),
            _(
                "Concerns whose answer in force (answered, following up, closed) was published "
                "in the period. A concern reopened by a dispute is open again."
            ),
            descriptive,
            drilldown="answered",
        ),
        Column(
            "answered_on_time",
            CONCERNS,
            _("Answered on time"),
            _(
                "Answered concerns published no later than the due date in force (as moved "
                "by approved extensions and pauses, or set anew after a dispute)."
            ),
            answered_on_time_status,
            drilldown="answered_on_time",
            note=lambda f: _late_note(f.answered_late),
            note_drilldown="answered_late",
            sort_value=lambda f: f.answered_on_time / f.answered if f.answered else None,
        ),
        Column(
            "overdue",
            CONCERNS,
            _("Currently overdue"),
            _(
                "Concerns open today, not paused, whose current deadline (acknowledgement "
                "while received, answer afterwards) fell in the period and has passed."
            ),
            overdue_status,
            drilldown="overdue",
            higher_is_worse=True,
        ),
        Column(
            "disputed",
            CONCERNS,
            pgettext_lazy("compliance figure", "Disputed"),
            _("Concerns whose answer the citizen disputed in the period."),
            descriptive,
            drilldown="disputed",
            higher_is_worse=True,
        ),
        Column(
            "on_time_rate",
            CONCERNS,
            _("On-time rate"),
            _(
                "Answered on time ÷ (answered + currently overdue). Open items past their "
                "deadline count against the unit."
            ),
            rate_status,
            kind=RATE,
            drilldown="rate_basis",
        ),
        Column(
            "ack_median",
            TIMES,
            _("Acknowledge: median"),
            _(
                "Median of the working days from receipt to acceptance (or to referral or "
                "declining without acceptance), pauses excluded, over the concerns "
                "acknowledged in the period. Rule: each by its acknowledgement deadline."
            ),
            ack_status,
            kind=DAYS,
            drilldown="acknowledged",
            note=lambda f: _late_note(f.ack_late),
            note_drilldown="ack_late",
            higher_is_worse=True,
        ),
        Column(
            "ack_p90",
            TIMES,
            _("Acknowledge: 90th percentile"),
            _(
                "90th percentile (linear interpolation, as percentile_cont) of the same "
                "working days to acknowledge."
            ),
            ack_status,
            kind=DAYS,
            drilldown="acknowledged",
            higher_is_worse=True,
        ),
        Column(
            "answer_median",
            TIMES,
            _("Answer: median"),
            _(
                "Median of the working days from receipt to the publication of the answer in "
                "force, minus the working days of the pauses before it, over the concerns "
                "answered in the period. Descriptive: the deadlines are judged by the on-time "
                "figures."
            ),
            descriptive,
            kind=DAYS,
            drilldown="answered",
            higher_is_worse=True,
        ),
        Column(
            "answer_p90",
            TIMES,
            _("Answer: 90th percentile"),
            _(
                "90th percentile (linear interpolation, as percentile_cont) of the same "
                "working days to answer."
            ),
            descriptive,
            kind=DAYS,
            drilldown="answered",
            higher_is_worse=True,
        ),
        Column(
            "commitments_due",
            COMMITMENTS,
            pgettext_lazy("compliance figure", "Due"),
            _("Follow-up commitments due in the period."),
            descriptive,
            drilldown="commitments_due",
        ),
        Column(
            "commitments_done",
            COMMITMENTS,
            pgettext_lazy("compliance figure", "Done"),
            _("Of the commitments due in the period, those marked done."),
            descriptive,
            drilldown="commitments_done",
        ),
        Column(
            "commitments_overdue",
            COMMITMENTS,
            pgettext_lazy("compliance figure", "Overdue"),
            _("Of the commitments due in the period, those not done with the due date past."),
            commitments_overdue_status,
            drilldown="commitments_overdue",
            higher_is_worse=True,
        ),
    ]


def column_map(cols: list[Column]) -> dict[str, Column]:
    return {c.key: c for c in cols}


def row_status_counts(f: Figures, cols: list[Column]) -> tuple[int, int]:
    """(missed, at risk) over the distinct rules of a row (a status counted once per rule)."""
    seen: dict[Callable, str] = {}
    for col in cols:
        seen.setdefault(col.status, col.status(f))
    statuses = list(seen.values())
    return statuses.count(MISSED), statuses.count(AT_RISK)


STATUS_SORT = "status"


def sort_rows(rows: list[Figures], cols: list[Column], key: str, best_first: bool) -> list[Figures]:
    """Worst first by ``key`` (or best first). Rows without a value go last either way.

    ``status`` (the default): most rules missed, then most at risk, then the lowest
    on-time rate, then the most overdue.
    """
    name = lambda f: vietnamese_key(f.unit.name if f.unit else "")  # noqa: E731
    if key == STATUS_SORT:

        def status_key(f):
            missed, at_risk = row_status_counts(f, cols)
            rate = f.on_time_rate
            return (-missed, -at_risk, rate if rate is not None else 2.0, -f.overdue, name(f))

        ordered = sorted(rows, key=status_key)
        return list(reversed(ordered)) if best_first else ordered
    col = column_map(cols)[key]
    present = [f for f in rows if col.sort_key(f) is not None]
    missing = sorted((f for f in rows if col.sort_key(f) is None), key=name)
    worse_first = col.higher_is_worse != best_first
    present.sort(key=name)
    present.sort(key=col.sort_key, reverse=worse_first)
    return present + missing
