"""The demo seeder: every state and channel, both wards, idempotent, all through services."""

import pytest
from django.utils import timezone

from petitions import demo as petitions_demo
from petitions.models import Concern, ConcernChannel, ConcernState
from petitions.selectors import concern_lookup
from sessions import demo as sessions_demo
from tests.shared_rows import rows_kept_for_the_scope
from units import demo as units_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module (the tests only read it); its day."""
    with rows_kept_for_the_scope(django_db_blocker):
        units_demo.seed_units_and_accounts()
        today = timezone.localdate()
        sessions_demo.seed_demo(today=today)
        petitions_demo.seed_demo(today=today)
        yield today


def test_demo_has_every_state_and_channel_in_both_wards(seeded):
    concerns = Concern.objects.all()
    assert set(concerns.values_list("state", flat=True)) == set(ConcernState.values)
    assert set(concerns.values_list("channel", flat=True)) == set(ConcernChannel.values)
    assert set(concerns.values_list("unit__code", flat=True)) >= {
        petitions_demo.WARD_A_CODE,
        petitions_demo.WARD_B_CODE,
    }
    today = seeded
    assert concerns.overdue(today).exists()
    assert concerns.filter(dispute_count__gt=0).exists()
    assert concerns.filter(extensions__status="approved").exists()
    assert concerns.filter(paused_since__isnull=False).exists()
    assert concerns.filter(session__isnull=False).count() >= 4
    assert concerns.filter(channel=ConcernChannel.ORGANISATION).exclude(verdict="").exists()


def test_the_readme_concern_is_found_with_its_second_factor(seeded):
    concern = concern_lookup(
        code=petitions_demo.DEMO_TRACKING_CODE, factor=petitions_demo.DEMO_SECOND_FACTOR
    )
    assert concern is not None
    assert concern.state == ConcernState.ANSWERED
    assert concern.assignee.username == petitions_demo.DEMO_HANDLER
    assert petitions_demo.DEMO_TRACKING_CODE in petitions_demo.demo_hint()


def test_seeding_twice_adds_nothing(seeded):
    count = Concern.objects.count()
    petitions_demo.seed_demo(today=seeded)
    assert Concern.objects.count() == count


def test_the_demo_shows_the_party_committee_at_work_in_ben_thanh(seeded):
    party = Concern.objects.filter(unit__code=petitions_demo.WARD_A_CODE, addressed_to="party")
    assert party.filter(state=ConcernState.RECEIVED).exists()
    approved = party.get(answer_approved_by__username="bithu.benthanh")
    assert approved.assignee.username == "vpdu.benthanh"
    assert approved.answer_signer_position == "Bí thư Đảng ủy phường Bến Thành"
    assert approved.answer_signer_rank == "head"
    # And the UBND's answers are approved by the Chủ tịch, never by the Bí thư.
    state = Concern.objects.filter(addressed_to="state").exclude(answer_approved_by=None)
    assert state.exists()
    assert not state.filter(answer_approved_by__username__startswith="bithu.").exists()
