"""All history: the totals since records began, from the rollup."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class History:
    sessions_held: int
    sessions_with_notice: int
    conclusions_on_time: int
    concerns_received: int
    concerns_answered: int
    concerns_answered_on_time: int
    concerns_disputed: int
    last_updated: object  # datetime | None

    @property
    def on_time_share(self) -> float | None:
        if not self.concerns_answered:
            return None
        return self.concerns_answered_on_time / self.concerns_answered


def all_history(unit_ids: list[int]) -> History:
    """Totals since records began, from the rollup (two queries: sums, last refresh)."""
    from ..models import RollupRun, UnitMonthRollup

    names = (
        "sessions_held",
        "sessions_with_notice",
        "conclusions_on_time",
        "concerns_received",
        "concerns_answered",
        "concerns_answered_on_time",
        "concerns_disputed",
    )
    sums = UnitMonthRollup.objects.filter(unit_id__in=unit_ids).aggregate(
        **{name: Coalesce(Sum(name), 0) for name in names}
    )
    last = RollupRun.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
    return History(**sums, last_updated=last)
