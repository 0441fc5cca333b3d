"""``send_reminders``: the right people, the right situations, never twice."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone, translation
from django.utils.translation import gettext

from sessions import services
from sessions.models import ReminderSent
from tests.factories import make_member
from tests.factories.files import pdf_upload
from tests.factories.sessions import days, make_session
from units.models import Role

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    """Run the command; its mail goes out as each reminder's transaction commits."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_reminders", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def staff_a(officer_a, head_a, mttq_a):
    return {officer_a.email, head_a.email}


def test_planned_session_near_and_not_announced_reminds_officers_and_heads(
    staff_a, ward_a, ward_b, officer_b
):
    make_session(ward_a, "planned", planned_start=days(3), topic="Tiếp dân tháng này")
    make_session(ward_a, "planned", planned_start=days(60), topic="Còn xa")
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == staff_a  # not the MTTQ liaison, not ward B
    assert "Tiếp dân tháng này" in message.subject
    assert "Tiếp dân tháng này" in message.body and "/staff/sessions/" in message.body


def test_running_twice_sends_nothing_twice(staff_a, ward_a):
    make_session(ward_a, "planned", planned_start=days(3))
    make_session(
        ward_a,
        "held",
        planned_start=days(-5),
        conclusions_due=timezone.localdate() - timedelta(days=1),
    )
    first = run()
    sent = len(mail.outbox)
    assert sent >= 2 and "Sent" in first
    second = run()
    assert len(mail.outbox) == sent
    assert "Sent 0 reminder(s)." in second
    assert ReminderSent.objects.count() == sent


def test_a_postponed_session_gets_a_fresh_announce_reminder(staff_a, ward_a, officer_a):
    session = make_session(ward_a, "announced", planned_start=days(30))
    services.session_postpone(
        actor=officer_a,
        session_id=session.pk,
        reason="Bão",
        new_start=days(2),
        new_end=days(2) + timedelta(hours=1),
    )
    run()
    assert ReminderSent.objects.filter(session=session, kind="announce").count() == 1
    services.session_postpone(
        actor=officer_a,
        session_id=session.pk,
        reason="Bão nữa",
        new_start=days(3),
        new_end=days(3) + timedelta(hours=1),
    )
    run()
    assert ReminderSent.objects.filter(session=session, kind="announce").count() == 2


def test_held_session_without_minutes_after_three_days(staff_a, ward_a, officer_a):
    recent = make_session(ward_a, "held", planned_start=days(-1), topic="Mới họp hôm qua")
    late = make_session(ward_a, "held", planned_start=days(-4), topic="Họp bốn ngày trước")
    with_file = make_session(ward_a, "held", planned_start=days(-6), topic="Đã có biên bản")
    services.session_add_attachments(
        actor=officer_a, session_id=with_file.pk, uploads=[services.Upload("minutes", pdf_upload())]
    )
    run()
    kinds = set(ReminderSent.objects.filter(kind="minutes").values_list("session", flat=True))
    assert kinds == {late.pk}
    assert recent.pk not in kinds


def test_conclusions_due_soon_and_overdue(staff_a, ward_a):
    today = timezone.localdate()
    soon = make_session(
        ward_a, "held", conclusions_due=today + timedelta(days=1), minutes_text="có"
    )
    overdue = make_session(
        ward_a, "held", conclusions_due=today - timedelta(days=2), minutes_text="có"
    )
    far = make_session(
        ward_a, "held", conclusions_due=today + timedelta(days=30), minutes_text="có"
    )
    make_session(ward_a, "concluded", conclusions_due=today - timedelta(days=9), minutes_text="có")
    run()
    sent = set(ReminderSent.objects.values_list("session", "kind"))
    assert sent == {(soon.pk, "conclusions_due"), (overdue.pk, "conclusions_overdue")}
    assert far.pk not in {s for s, _k in sent}
    # The mail goes out in the portal's language, whoever runs the command.
    with translation.override(settings.LANGUAGE_CODE):
        expected = {
            gettext("Reminder: conclusions of “%(topic)s” due by %(due)s")
            % {"topic": soon.topic, "due": soon.conclusions_due.strftime("%d/%m/%Y")},
            gettext("Overdue: conclusions of “%(topic)s”") % {"topic": overdue.topic},
        }
    assert sorted(m.subject for m in mail.outbox) == sorted(expected)


def test_staff_without_an_email_address_get_nothing_and_nothing_is_recorded(ward_b):
    make_member(ward_b, Role.WARD_OFFICER, email="")
    make_session(ward_b, "planned", planned_start=days(2))
    run()
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_dry_run_sends_and_records_nothing(staff_a, ward_a):
    make_session(ward_a, "planned", planned_start=days(2))
    output = run(dry_run=True)
    assert "Would send announce" in output
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_reminders_are_audited(staff_a, ward_a):
    from audit.models import AuditEntry

    make_session(ward_a, "planned", planned_start=days(2))
    run()
    assert AuditEntry.objects.filter(action="session.reminder_sent").count() == 1
