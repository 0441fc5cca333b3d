"""Median and 90th percentile of the working days to answer and to acknowledge:
``percentile_cont`` on PostgreSQL, the same interpolation in Python elsewhere."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from petitions.models import Concern

from ..aggregates import percentile
from ..models import WorkingDayIndex
from .conditions import ConcernConditions, with_working_days

PERCENTILE_FIELDS = ("answer_median", "answer_p90", "ack_median", "ack_p90")


def _duration_rows(unit_ids: list[int], cond: ConcernConditions) -> QuerySet[Concern]:
    return (
        with_working_days(Concern.objects.filter(unit_id__in=unit_ids))
        .filter(cond.answered | cond.acknowledged)
        .order_by()
    )


# One pass over the period's rows (a year of the city is some 400,000): the rows and their
# pause totals are read once (MATERIALIZED keeps PostgreSQL from inlining them into each
# aggregate), the working-day ordinals come from hash joins with the index rather than a
# lookup per row and date, both percentiles of a measure come from one sort
# (percentile_cont over an array), and ROLLUP adds the all-units row (unit_id NULL).
# The measures are with_working_days' answer_days and ack_days: ordinal of the event date
# minus ordinal of the receipt date minus the pauses' working days.
_PERCENTILES_SQL = """
WITH r AS MATERIALIZED ({rows})
SELECT r.unit_id,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
           ORDER BY wa.ordinal - wr.ordinal - r.answer_paused) FILTER (WHERE r.is_answered),
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
           ORDER BY wk.ordinal - wr.ordinal - r.ack_paused) FILTER (WHERE r.is_acknowledged)
FROM r
LEFT JOIN {index} wr ON wr.day = r.received_on
LEFT JOIN {index} wa ON wa.day = r.answered_on
LEFT JOIN {index} wk ON wk.day = r.ack_on
GROUP BY ROLLUP (r.unit_id)
"""


def _percentiles_postgresql(rows: QuerySet[Concern], cond: ConcernConditions):
    inner = rows.annotate(
        is_answered=ExpressionWrapper(cond.answered, output_field=BooleanField()),
        is_acknowledged=ExpressionWrapper(cond.acknowledged, output_field=BooleanField()),
    ).values_list(  # (the ordinal annotations are not selected: no per-row lookups)
        "unit_id",
        "received_on",
        "answered_on",
        "ack_on",
        "answer_paused",
        "ack_paused",
        "is_answered",
        "is_acknowledged",
    )
    sql, params = inner.query.sql_with_params()
    query = _PERCENTILES_SQL.format(rows=sql, index=WorkingDayIndex._meta.db_table)
    per_unit, total = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for unit_id, answer, ack in cursor.fetchall():
            stats = {
                "answer_median": answer[0] if answer else None,
                "answer_p90": answer[1] if answer else None,
                "ack_median": ack[0] if ack else None,
                "ack_p90": ack[1] if ack else None,
            }
            if unit_id is None:
                total = stats
            else:
                per_unit[unit_id] = stats
    return per_unit, total


def duration_percentiles(
    unit_ids: list[int], cond: ConcernConditions
) -> tuple[dict[int, dict], dict]:
    """Median and 90th percentile of the working days to answer and to acknowledge.

    PostgreSQL: ``percentile_cont`` per unit and for all units in one query (above).
    Elsewhere: one ``values_list`` query and :func:`percentile` in Python.
    """
    rows = _duration_rows(unit_ids, cond)
    if connection.vendor == "postgresql":
        return _percentiles_postgresql(rows, cond)
    data = list(
        rows.annotate(
            is_answered=ExpressionWrapper(cond.answered, output_field=BooleanField()),
            is_acknowledged=ExpressionWrapper(cond.acknowledged, output_field=BooleanField()),
        ).values_list("unit_id", "answer_days", "ack_days", "is_answered", "is_acknowledged")
    )
    answers: dict[int | None, list] = defaultdict(list)
    acks: dict[int | None, list] = defaultdict(list)
    for unit_id, answer_days, ack_days, is_answered, is_acknowledged in data:
        if is_answered:
            answers[unit_id].append(answer_days)
            answers[None].append(answer_days)
        if is_acknowledged:
            acks[unit_id].append(ack_days)
            acks[None].append(ack_days)

    def stats(key):
        return {
            "answer_median": percentile(answers.get(key, ()), 0.5),
            "answer_p90": percentile(answers.get(key, ()), 0.9),
            "ack_median": percentile(acks.get(key, ()), 0.5),
            "ack_p90": percentile(acks.get(key, ()), 0.9),
        }

    per_unit = {unit_id: stats(unit_id) for unit_id in {*answers, *acks} if unit_id is not None}
    return per_unit, stats(None)
