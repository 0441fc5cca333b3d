"""Percentiles: ``percentile_cont`` on PostgreSQL, the same interpolation in Python elsewhere.

PostgreSQL's ``percentile_cont(p) WITHIN GROUP (ORDER BY x)`` sorts the group's non-null
values ``v[0..n-1]`` and interpolates linearly at position ``p * (n - 1)``.
:func:`percentile` does exactly that, so both backends give the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


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


__all__ = ["percentile"]
