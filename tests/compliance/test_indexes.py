"""The dashboard and lookup queries can be answered from their indexes (PostgreSQL EXPLAIN).

The test tables are tiny, where a sequential scan is always cheapest, so each plan is
asked for with ``enable_seqscan = off``: if an index can serve the query the planner uses
it, if none can it still scans the table, and the test fails naming the query.
"""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from compliance import selectors
from compliance.periods import Period
from petitions.models import Concern
from petitions.selectors import concern_lookup
from tests.factories.compliance import bulk_scene

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres(reason="EXPLAIN plans are PostgreSQL's"),
]

TODAY = date(2026, 6, 15)


def _plans(run) -> list[tuple[str, str]]:
    """Each query ``run`` sends, with its plan when table scans are discouraged."""
    with CaptureQueriesContext(connection) as ctx:
        run()
    plans = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def _plan_of(plans, table: str, marker: str) -> str:
    matching = [plan for sql, plan in plans if f'FROM "{table}"' in sql and marker in sql]
    assert matching, f"no query on {table} with {marker!r}"
    return matching[0]


def _two_years_of_concerns(units, per_unit: int = 1000) -> None:
    """Concerns spread over two years, so that a month is a small part of every unit's
    rows (as in a real database) and the planner has statistics to weigh."""
    from datetime import timedelta

    from petitions.models import AnswerStatus, ConcernChannel, ConcernState, ConcernType
    from petitions.tracking import generate_code
    from tests.factories.compliance import category, local

    kind = category()
    rows = []
    for unit in units:
        for i in range(per_unit):
            day = date(2025, 7, 1) + timedelta(days=(i * 730) // per_unit)
            received_at = local(day.year, day.month, day.day, 9)
            rows.append(
                Concern(
                    unit=unit,
                    tracking_code=generate_code(),
                    channel=ConcernChannel.WEB,
                    type=ConcernType.REPORT,
                    category=kind,
                    content=f"Nội dung {i}",
                    received_at=received_at,
                    ack_due_at=day + timedelta(days=3),
                    accepted_at=received_at + timedelta(days=1),
                    due_at=day + timedelta(days=15),
                    state=ConcernState.CLOSED,
                    answer_status=AnswerStatus.PUBLISHED,
                    answer_published_at=received_at + timedelta(days=9),
                    closed_at=received_at + timedelta(days=20),
                )
            )
    Concern.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_concern")


def test_the_month_dashboard_reads_its_indexes(clock, ward_a, ward_b):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=10, today=TODAY)
    _two_years_of_concerns([ward_a, ward_b])
    period = Period.for_month(2026, 6)
    plans = _plans(lambda: selectors.unit_figures([ward_a, ward_b], period, TODAY))

    # Every unit's rows match the unit condition; each event's date range is narrow:
    # one index scan per event, combined (BitmapOr).
    concerns = _plan_of(plans, "petitions_concern", '"answer_published_at" >=')
    assert "BitmapOr" in concerns, concerns
    for index in (
        "petitions_unit_received_idx",
        "petitions_unit_answered_idx",
        "petitions_unit_accepted_idx",
        "petitions_unit_closed_idx",
        "petitions_unit_due_idx",
        "petitions_unit_ack_due_idx",
    ):
        assert index in concerns, f"{index} not used:\n{concerns}"

    disputes = _plan_of(plans, "petitions_concerntransition", "'disputed'")
    assert "petitions_trans_action_idx" in disputes, disputes

    commitments = _plan_of(plans, "petitions_followupcommitment", '"due" >=')
    assert "petitions_commit_due_only_idx" in commitments, commitments

    sessions = _plan_of(plans, "dialogue_sessions_dialoguesession", '"actual_start" >=')
    assert "dlg_session_unit_held_idx" in sessions, sessions


def test_the_status_lookup_reads_one_row_by_its_unique_code(clock, ward_a):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a], per_unit=5, today=TODAY)
    code = Concern.objects.values_list("tracking_code", flat=True).first()
    plans = _plans(lambda: concern_lookup(code=code, factor="1234"))
    plan = _plan_of(plans, "petitions_concern", '"tracking_code" =')
    assert "Index Scan using petitions_concern_tracking_code" in plan, plan


def test_the_unit_dashboard_reads_open_concerns_from_their_partial_index(clock, ward_a, ward_b):
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a], per_unit=10, today=TODAY)  # open ones, some overdue
    _two_years_of_concerns([ward_a], per_unit=2000)  # years of ended ones
    plans = _plans(lambda: selectors.concerns_overdue_now(ward_a, TODAY))
    listing = _plan_of(plans, "petitions_concern", "ORDER BY")
    # Read from an index of open concerns only (the unit's partial index, or the
    # state-led one), never by walking every concern the unit ever had.
    assert "Seq Scan" not in listing, listing
    assert "petitions_unit_due_idx" not in listing, listing
    assert "petitions_unit_open_due_idx" in listing or "petitions_state_due_idx" in listing, listing
