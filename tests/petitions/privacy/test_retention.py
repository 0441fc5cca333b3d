"""The retention command anonymises submitters of concerns that ended long ago, and only those.

Default retention: 5 years after the final transition (closed, referred, declined, merged,
withdrawn). The clock travels: concerns end on chosen dates, the command runs later.
"""

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEntry
from petitions import selectors, services
from petitions.models import Concern, ConcernState, ConcernTransition, ConcernType, TransitionAction
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

PHONE = "0903 123 456"


def run(**options) -> str:
    out = StringIO()
    call_command("anonymise_personal_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def scene(clock, ward_a, officer_a, head_a):
    """Ended in January 2020 (old), in June 2024 (recent), and received in 2019 but still open.

    The command then runs on 1 February 2025, so the cutoff is 1 February 2020.
    """
    clock.to(2019, 11, 4, 9)
    still_open = f.submit(ward_a, submitter_name="Trần Thị Mở", submitter_phone="0909 000 111")
    clock.to(2020, 1, 10, 9)
    old = f.declined(ward_a, officer_a, submitter_name="Lê Văn Cũ", submitter_phone=PHONE)
    old_complaint = f.complaint_declined(ward_a, officer_a, submitter_name="Phạm Khiếu Nại")
    clock.to(2024, 6, 3, 9)
    recent = f.withdrawn(ward_a, officer_a, submitter_name="Võ Thị Mới")
    clock.to(2025, 2, 1, 3)
    return {"old": old, "old_complaint": old_complaint, "recent": recent, "open": still_open}


def test_a_concern_that_ended_before_the_retention_period_loses_its_personal_data(scene):
    before = f.fresh(scene["old"])
    assert "le van cu" in before.search_text

    output = run()

    after = f.fresh(scene["old"])
    assert (after.submitter_name, after.submitter_phone, after.submitter_email) == ("", "", "")
    assert after.submitter_address == ""
    assert after.anonymised_at is not None
    assert "le van cu" not in after.search_text
    assert after.content == before.content and after.search_text.startswith(
        before.tracking_code.lower()
    )
    assert "2 concern(s) anonymised" in output


def test_the_history_records_the_anonymisation_with_a_neutral_public_note(scene):
    run()
    row = ConcernTransition.objects.filter(concern=scene["old"]).latest("created_at", "id")
    assert row.action == TransitionAction.ANONYMISED
    assert row.from_state == row.to_state == ConcernState.DECLINED
    assert row.actor is None and row.is_public
    assert "Cũ" not in row.public_note and PHONE not in row.public_note
    assert row.public_note  # the citizen-facing history says contact details were removed


def test_a_concern_that_ended_within_the_retention_period_keeps_its_personal_data(scene):
    run()
    recent = f.fresh(scene["recent"])
    assert recent.submitter_name == "Võ Thị Mới" and recent.anonymised_at is None


def test_an_open_concern_is_never_anonymised_however_old(scene):
    run()
    still_open = f.fresh(scene["open"])
    assert still_open.state == ConcernState.RECEIVED
    assert still_open.submitter_name == "Trần Thị Mở"
    assert still_open.submitter_phone == "0909 000 111"
    assert still_open.anonymised_at is None


def test_an_old_complaint_is_anonymised_too(scene):
    run()
    complaint = f.fresh(scene["old_complaint"])
    assert complaint.type == ConcernType.COMPLAINT
    assert complaint.submitter_name == "" and complaint.submitter_address == ""


def test_nothing_else_about_the_concern_changes(scene):
    fields = [
        f.name
        for f in Concern._meta.concrete_fields
        if f.name
        not in (
            "submitter_name",
            "submitter_phone",
            "submitter_email",
            "submitter_address",
            "search_text",
            "anonymised_at",
            "version",
            "updated_at",
        )
    ]
    before = list(Concern.objects.order_by("pk").values_list(*fields))
    run()
    assert list(Concern.objects.order_by("pk").values_list(*fields)) == before


def test_running_it_twice_anonymises_nothing_more(scene):
    run()
    history = ConcernTransition.objects.count()
    versions = list(Concern.objects.order_by("pk").values_list("version", flat=True))

    output = run()

    assert "0 concern(s) anonymised" in output
    assert ConcernTransition.objects.count() == history
    assert list(Concern.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_a_dry_run_prints_the_count_and_changes_nothing(scene):
    output = run(dry_run=True)

    assert "2 concern(s)" in output and "dry run" in output
    assert not Concern.objects.filter(anonymised_at__isnull=False).exists()
    assert f.fresh(scene["old"]).submitter_phone == PHONE
    assert not AuditEntry.objects.filter(action__startswith="personal_data.").exists()


def test_each_run_leaves_one_audit_entry_with_the_count_and_no_personal_data(scene):
    run()
    run()
    entries = list(
        AuditEntry.objects.filter(action="personal_data.retention_anonymised").order_by("pk")
    )
    assert [e.data["anonymised"] for e in entries] == [2, 0]
    assert entries[0].data["years"] == 5
    assert entries[0].actor is None
    dumped = str([(e.data, e.object_repr) for e in entries])
    assert "0903" not in dumped and "Cũ" not in dumped and "@" not in dumped


def test_the_retention_period_is_the_setting(scene, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 0
    output = run()
    assert "3 concern(s) anonymised" in output
    assert f.fresh(scene["recent"]).anonymised_at is not None
    assert f.fresh(scene["open"]).anonymised_at is None


def test_the_period_is_counted_from_the_final_transition_not_from_receipt(clock, ward_a, officer_a):
    clock.to(2018, 3, 1, 9)
    concern = f.submit(ward_a)
    clock.to(2021, 3, 1, 9)
    services.concern_withdraw(
        actor=officer_a, concern=f.fresh(concern), version=None, note="Rút bằng văn bản."
    )
    clock.to(2025, 3, 1, 9)  # 7 years after receipt, 4 after the end
    assert services.concerns_anonymise_expired() == 0
    clock.to(2026, 3, 2, 9)
    assert services.concerns_anonymise_expired() == 1


@pytest.mark.parametrize(
    "ending",
    [
        lambda unit, officer, head: f.closed(unit, officer, head),
        lambda unit, officer, head: f.declined(unit, officer),
        lambda unit, officer, head: f.withdrawn(unit, officer),
        lambda unit, officer, head: f.referred_outside(unit, officer),
    ],
    ids=["closed", "declined", "withdrawn", "referred"],
)
def test_every_final_state_is_anonymised_after_the_period(clock, ward_a, officer_a, head_a, ending):
    clock.to(2020, 3, 2, 9)
    concern = ending(ward_a, officer_a, head_a)
    assert f.fresh(concern).is_final
    clock.to(2026, 3, 3, 9)
    assert services.concerns_anonymise_expired() == 1
    assert f.fresh(concern).anonymised_at is not None


def test_a_merged_duplicate_is_anonymised_and_the_concern_it_joined_is_not(
    clock, ward_a, officer_a
):
    clock.to(2020, 3, 2, 9)
    survivor = f.accepted(ward_a, officer_a)
    duplicate = f.submit(ward_a)
    services.concern_merge(actor=officer_a, concern=duplicate, version=None, into=survivor)
    clock.to(2026, 3, 3, 9)
    assert services.concerns_anonymise_expired() == 1
    assert f.fresh(duplicate).anonymised_at is not None
    assert f.fresh(survivor).submitter_name == "Nguyễn Văn A"


def test_the_citizen_can_no_longer_look_up_an_anonymised_concern(scene):
    code = scene["old"].tracking_code
    assert selectors.concern_lookup(code=code, factor="3456") is not None
    run()
    assert selectors.concern_lookup(code=code, factor="3456") is None


def test_the_cutoff_of_29_february_falls_on_28_february():
    now = timezone.make_aware(datetime(2028, 2, 29, 10))
    assert selectors.retention_cutoff(now, 5) == timezone.make_aware(datetime(2023, 2, 28, 10))


# --- The database constraints ------------------------------------------------------------


def test_the_database_still_refuses_a_complaint_without_identity_when_not_anonymised(
    ward_a, officer_a, head_a
):
    complaint = f.complaint_declined(ward_a, officer_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=complaint.pk).update(
            submitter_name="", submitter_phone="", submitter_email="", submitter_address=""
        )


def test_the_database_accepts_an_anonymised_complaint(ward_a, officer_a, head_a):
    complaint = f.complaint_declined(ward_a, officer_a)
    Concern.objects.filter(pk=complaint.pk).update(
        submitter_name="",
        submitter_phone="",
        submitter_email="",
        submitter_address="",
        anonymised_at=timezone.now(),
    )
    assert f.fresh(complaint).is_anonymised


def test_the_database_refuses_to_mark_an_open_concern_anonymised(ward_a):
    concern = f.submit(ward_a, submitter_name="", submitter_phone="", submitter_email="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(anonymised_at=timezone.now())


def test_the_database_refuses_an_anonymised_concern_that_keeps_a_contact(ward_a, officer_a):
    concern = f.declined(ward_a, officer_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(
            submitter_name="", submitter_email="", anonymised_at=timezone.now()
        )


def test_the_admin_form_rules_accept_an_anonymised_complaint(ward_a, officer_a, head_a):
    complaint = f.complaint_declined(ward_a, officer_a)
    services.concerns_anonymise_expired(now=timezone.now().replace(year=2100))
    f.fresh(complaint).clean()  # no ValidationError
