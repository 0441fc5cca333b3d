"""The daily digest command and what petitions gives the sessions app."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from petitions import services
from petitions.institutions import body_name
from petitions.models import Concern, DigestSent
from sessions.hooks import close_blockers, commitments_for
from tests.factories import concerns as f
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


def test_digest_goes_to_the_units_handlers_once_a_day(
    ward_a, ward_b, officer_a, head_a, officer_b, django_capture_on_commit_callbacks
):
    overdue = f.assigned(ward_a, officer_a)
    Concern.objects.filter(pk=overdue.pk).update(due_at=timezone.localdate() - timedelta(days=3))
    soon = f.assigned(ward_a, officer_a)
    Concern.objects.filter(pk=soon.pk).update(due_at=timezone.localdate() + timedelta(days=2))
    f.assigned(ward_a, officer_a)  # due in a month: not in the digest
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_concern_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([officer_a.email, head_a.email])
    assert overdue.tracking_code in message.body and soon.tracking_code in message.body
    assert DigestSent.objects.get().overdue == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_concern_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_each_body_gets_the_digest_of_its_own_concerns(
    ward_a, officer_a, head_a, party_officer_a, secretary_a, django_capture_on_commit_callbacks
):
    ours = f.assigned(ward_a, officer_a)
    theirs = f.assigned(ward_a, party_officer_a, addressed_to="party")
    late = timezone.localdate() - timedelta(days=3)
    Concern.objects.filter(pk__in=[ours.pk, theirs.pk]).update(due_at=late)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_concern_digest", stdout=io.StringIO())
    by_recipients = {tuple(sorted(m.to)): m for m in mail.outbox}
    assert set(by_recipients) == {
        tuple(sorted([officer_a.email, head_a.email])),
        tuple(sorted([party_officer_a.email, secretary_a.email])),
    }
    ubnd = by_recipients[tuple(sorted([officer_a.email, head_a.email]))]
    party = by_recipients[tuple(sorted([party_officer_a.email, secretary_a.email]))]
    assert ours.tracking_code in ubnd.body and theirs.tracking_code not in ubnd.body
    assert theirs.tracking_code in party.body and ours.tracking_code not in party.body
    with translation.override(settings.LANGUAGE_CODE):
        assert body_name(ward_a, "party") in party.body
    assert DigestSent.objects.get().overdue == 2


def test_digest_sends_nothing_when_nothing_is_due(
    ward_a, officer_a, django_capture_on_commit_callbacks
):
    f.assigned(ward_a, officer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_concern_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_a_session_cannot_close_while_a_concern_raised_at_it_is_open(ward_a, officer_a):
    session = make_session(ward_a, "held", created_by=officer_a)
    concern = services.concern_record_opinion(
        session=session,
        actor=officer_a,
        raised_by="",
        content="Xin sửa cống",
        category=None,
        outcome="assigned",
        assignee=officer_a,
    )
    services.concern_record_opinion(
        session=session,
        actor=officer_a,
        raised_by="",
        content="Hỏi giờ làm việc",
        category=None,
        outcome="answered",
        answer="7g30–17g",
    )
    assert close_blockers(session)
    services.concern_withdraw(
        actor=officer_a,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        note="Rút",
    )
    assert close_blockers(session) == []


def test_the_conclusions_notice_lists_who_does_what_by_when(ward_a, officer_a):
    session = make_session(ward_a, "held", created_by=officer_a)
    due = timezone.localdate() + timedelta(days=15)
    concern = services.concern_record_opinion(
        session=session,
        actor=officer_a,
        raised_by="Ông Ba",
        content="Xin lắp đèn hẻm 9",
        category=None,
        outcome="assigned",
        assignee=officer_a,
        due_at=due,
    )
    services.concern_record_opinion(
        session=session,
        actor=officer_a,
        raised_by="",
        content="Hỏi giờ làm việc",
        category=None,
        outcome="answered",
        answer="7g30–17g",
    )
    f.with_commitment(concern, officer_a, what="Lắp 3 bộ đèn", days=25)
    commitments = commitments_for(session)
    assert [c.due for c in commitments][0] == due
    whats = " ".join(c.what for c in commitments)
    assert "Xin lắp đèn hẻm 9" in whats and "Lắp 3 bộ đèn" in whats
    assert "Hỏi giờ làm việc" not in whats
    assert all(not c.is_done for c in commitments)
    assert commitments[0].url.endswith(f"/{concern.pk}/")
