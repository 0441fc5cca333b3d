"""Two officers act on the same concern at the same moment: exactly one wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from petitions import services
from petitions.models import Concern, ConcernState
from tests.factories import concerns as f

pytestmark = [
    pytest.mark.postgres(reason="SQLite cannot lock rows"),
    pytest.mark.django_db(transaction=True),
]


def test_two_officers_acting_at_once_one_wins_the_other_is_told(ward_a, officer_a, head_a):
    concern = f.accepted(ward_a, officer_a)
    seen = concern.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name, action):
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[name] = "ok"
        except ValidationError as exc:
            outcomes[name] = exc.messages
        finally:
            connection.close()

    actions = {
        "assign": lambda: services.concern_assign(
            actor=head_a, concern=concern, version=seen, assignee=officer_a
        ),
        "decline": lambda: services.concern_decline(
            actor=officer_a,
            concern=concern,
            version=seen,
            reason="unclear",
            note_to_citizen="Không rõ nội dung.",
        ),
    }
    threads = [
        threading.Thread(target=act, args=(name, action)) for name, action in actions.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    losers = [outcome for outcome in outcomes.values() if outcome != "ok"]
    assert len(winners) == 1, outcomes
    assert losers == [[str(services.MSG_STALE)]]
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.version == seen + 1
    expected = ConcernState.ASSIGNED if winners == ["assign"] else ConcernState.DECLINED
    assert concern.state == expected
    assert (
        concern.transitions.filter(
            to_state__in=[ConcernState.ASSIGNED, ConcernState.DECLINED]
        ).count()
        == 1
    )
