"""The database refuses what the model forbids, whatever code writes it."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from sessions.models import (
    DialogueSession,
    FrequencyRule,
    ReminderSent,
    SessionTransition,
    TimingRule,
)
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db


def _refused(**changes):
    def run(session):
        with pytest.raises(IntegrityError), transaction.atomic():
            DialogueSession.objects.filter(pk=session.pk).update(**changes)

    return run


@pytest.mark.parametrize(
    ("state", "changes"),
    [
        ("draft", {"state": "finished"}),
        ("draft", {"kind": "party"}),
        ("draft", {"format": "telepathy"}),
        ("draft", {"hosts": "nobody"}),
        ("draft", {"format": "online", "online_link": ""}),
        ("held", {"actual_start": None}),
        ("announced", {"announced_at": None}),
        ("concluded", {"conclusions_issued_at": None}),
        ("cancelled", {"cancelled_reason": ""}),
        ("announced", {"is_late_notice": True, "late_notice_reason": ""}),
    ],
)
def test_database_refuses_inconsistent_sessions(ward_a, state, changes):
    _refused(**changes)(make_session(ward_a, state))


def test_database_refuses_an_end_before_the_start(ward_a):
    session = make_session(ward_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DialogueSession.objects.filter(pk=session.pk).update(
            planned_end=session.planned_start - timedelta(hours=1)
        )


def test_database_refuses_unknown_history_states(ward_a):
    session = make_session(ward_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionTransition.objects.create(session=session, from_state="draft", to_state="teleported")


def test_a_reminder_is_recorded_once_per_session_kind_and_date(ward_a):
    session = make_session(ward_a, "held", planned_start=days(-9))
    ReminderSent.objects.create(session=session, kind="minutes", about_date=days(-9).date())
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(session=session, kind="minutes", about_date=days(-9).date())


def test_public_ids_are_random_and_unique(ward_a):
    ids = {make_session(ward_a).public_id for _ in range(20)}
    assert len(ids) == 20
    assert all(len(i) >= 12 and not i.isdigit() for i in ids)


def test_the_rules_of_domain_section_6_are_seeded_with_their_legal_basis(seeded_rules):
    notice = TimingRule.objects.get(kind="notice", session_kind="")
    conclusions = TimingRule.objects.get(kind="conclusions", session_kind="")
    assert (notice.days, notice.working_days) == (5, True)
    assert "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43" in notice.legal_basis
    assert (conclusions.days, conclusions.working_days) == (10, True)
    commune_conference = FrequencyRule.objects.get(
        unit_level="commune", session_kind="conference", host="any"
    )
    assert (commune_conference.minimum, commune_conference.target, commune_conference.period) == (
        1,
        2,
        "year",
    )
    assert (
        commune_conference.legal_basis
        == "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43"
    )
    assert (
        FrequencyRule.objects.get(
            unit_level="commune", session_kind="reception", host="party_secretary"
        ).minimum
        == 2
    )
    assert (
        FrequencyRule.objects.get(
            unit_level="commune", session_kind="reception", host="chair"
        ).period
        == "week"
    )
    assert FrequencyRule.objects.get(unit_level="city", session_kind="reception").minimum == 1
    assert all(rule.legal_basis for rule in FrequencyRule.objects.all())


def test_a_kind_specific_timing_rule_wins_over_the_general_one(seeded_rules):
    from sessions.selectors import timing_rule

    TimingRule.objects.create(
        kind="notice", session_kind="ad_hoc", days=1, legal_basis="Quy chế nội bộ"
    )
    assert timing_rule("notice", "ad_hoc").days == 1
    assert timing_rule("notice", "conference").days == 5
