"""Percentiles: ``percentile_cont`` on PostgreSQL, the same interpolation in Python elsewhere.

PostgreSQL's ``percentile_cont(p) WITHIN GROUP (ORDER BY x)`` sorts the group's non-null
values ``v[0..n-1]`` and interpolates linearly at position ``p * (n - 1)``.
:func:`percentile` does exactly that, so both backends give the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.db.models import Aggregate, FloatField


class PercentileCont(Aggregate):
    """``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)`` (PostgreSQL only)."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        # A literal, not a parameter: an ordered-set aggregate's direct argument must be the
        # same in SELECT and (should Django repeat it) GROUP BY.
        super().__init__(expression, fraction=repr(float(fraction)), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            raise NotImplementedError(
                "PercentileCont runs on PostgreSQL; use percentile() elsewhere"
            )
        return super().as_sql(compiler, connection, **extra_context)


def percentile(values: Iterable[float | int | None], fraction: float) -> float | None:
    """``percentile_cont`` in Python: linear interpolation between the closest ranks."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


__all__ = ["PercentileCont", "percentile"]
