"""The one mail sender: after commit only, in Vietnamese, and a failed mail fails nothing.

A mail that cannot be sent (here: an SMTP server refusing every recipient and quoting
the address and the subject back, as real ones do) leaves the user's action done and one
log line naming the template and the object's id, and nothing personal.
"""

import logging
import smtplib
from contextlib import suppress
from io import StringIO

import pytest
from django.core import mail as outbox
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from dialogue_portal.lib import mail
from petitions.models import Concern
from sessions.models import DialogueSession, ReminderSent, SessionState
from tests.factories.concerns import category
from tests.factories.sessions import days, make_session

REFUSING = "tests.foundation.test_mail.RefusingBackend"
LOGGER = "dialogue_portal.mail"


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every recipient, quoting them and the subject."""

    def send_messages(self, email_messages):
        for message in email_messages:
            raise smtplib.SMTPRecipientsRefused(
                {
                    to: (550, f"5.1.1 <{to}> unknown; {message.subject}".encode())
                    for to in message.to
                }
            )
        return 0


def mail_log(caplog) -> list[tuple]:
    return [
        (r.name, r.levelno, r.getMessage(), r.exc_info) for r in caplog.records if r.name == LOGGER
    ]


def citizen_post(unit, **changes) -> dict:
    data = {
        "ward": str(unit.pk),
        "addressed_to": "state",
        "type": "report",
        "category": str(category().pk),
        "content": "Cống thoát nước trước nhà số 45 bị tắc, nước tràn lên mặt đường.",
        "address": "45 Nguyễn Huệ",
        "submitter_name": "Trần Thị Bích",
        "submitter_phone": "0903 765 432",
        "submitter_email": "bich.tran@example.test",
        "submitter_address": "",
        "consent": "on",
        "reference_url": "",
    }
    data.update(changes)
    return data


# --- The guarantee, end to end (the change really commits) ------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_citizen_whose_receipt_cannot_be_sent_still_has_their_concern(
    client, ward_a, settings, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    data = citizen_post(ward_a)
    caplog.set_level(logging.INFO)

    response = client.post(reverse("public_petitions:submit"), data)

    concern = Concern.objects.get()
    assert response.status_code == 302  # on to the receipt page, as when mail works
    assert concern.submitter_email == data["submitter_email"]
    assert mail_log(caplog) == [
        (
            LOGGER,
            logging.ERROR,
            f"Mail emails/petitions/receipt about concern {concern.pk} not sent: "
            "SMTPRecipientsRefused",
            None,
        )
    ]
    for personal in (data["submitter_email"], data["submitter_name"], data["submitter_phone"],
                     data["content"], concern.tracking_code):  # fmt: skip
        assert personal not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_plan_approved_while_smtp_is_down_stays_approved(
    client, ward_a, officer_a, head_a, settings, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    session = make_session(ward_a, SessionState.DRAFT, topic="Tiếp dân định kỳ tháng Sáu")
    client.force_login(head_a)
    caplog.set_level(logging.INFO)

    response = client.post(
        reverse("sessions:approve", args=[session.pk]), {"version": session.version}
    )

    assert response.status_code == 302
    assert DialogueSession.objects.get(pk=session.pk).state == SessionState.PLANNED
    assert mail_log(caplog) == [
        (
            LOGGER,
            logging.ERROR,
            f"Mail emails/dialogue_sessions/plan_approved about dialoguesession {session.pk} "
            "not sent: SMTPRecipientsRefused",
            None,
        )
    ]
    for personal in (officer_a.email, officer_a.username, session.topic):
        assert personal not in caplog.text


@pytest.mark.django_db
def test_a_reminder_that_cannot_be_sent_is_logged_and_sent_on_the_next_run(
    ward_a, officer_a, head_a, settings, caplog
):
    settings.EMAIL_BACKEND = REFUSING
    session = make_session(ward_a, SessionState.PLANNED, planned_start=days(3))
    caplog.set_level(logging.INFO)
    out = StringIO()

    call_command("send_reminders", stdout=out)

    # Not recorded as sent, so the next run tries again; the log names no one.
    assert not ReminderSent.objects.filter(session=session, kind="announce").exists()
    assert [m for _n, _l, m, _e in mail_log(caplog)] == [
        f"Mail emails/dialogue_sessions/reminder_announce about dialoguesession {session.pk} "
        "not sent: SMTPRecipientsRefused"
    ]
    assert officer_a.email not in caplog.text and head_a.email not in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders", stdout=out)
    assert ReminderSent.objects.filter(session=session, kind="announce").exists()
    assert any(head_a.email in m.to for m in outbox.outbox)


# --- The sender ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_mail_waits_for_the_commit_and_a_rolled_back_change_mails_nobody(
    ward_a, django_capture_on_commit_callbacks
):
    session = make_session(ward_a)
    context = {"session": session, "staff_url": "/s/", "public_url": "/p/"}
    template = "emails/dialogue_sessions/plan_submitted"
    with django_capture_on_commit_callbacks(execute=True):
        with suppress(RuntimeError), transaction.atomic():
            mail.send(template, to=["rolled@example.test"], context=context, about=session)
            raise RuntimeError("the change fails")
        assert (
            mail.send(template, to=["a@example.test", "", "a@example.test"], context=context) == 1
        )
        assert outbox.outbox == []  # not before the commit
    assert [m.to for m in outbox.outbox] == [["a@example.test"]]


@pytest.mark.django_db
def test_nothing_is_scheduled_while_muted(ward_a, django_capture_on_commit_callbacks):
    session = make_session(ward_a)
    context = {"session": session, "staff_url": "/s/", "public_url": "/p/"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks, mail.muted():
        sent = mail.send(
            "emails/dialogue_sessions/plan_submitted", to=["a@example.test"], context=context
        )
    assert sent == 0 and callbacks == [] and outbox.outbox == []


# --- Both apps' mails in Vietnamese, whatever language the user reads ------------------------


def vietnamese(message: str, **params) -> str:
    with translation.override("vi"):
        translated = gettext(message)
    assert translated != message, "the Vietnamese catalogue lacks this message"
    return translated % params


@pytest.mark.django_db
def test_a_citizen_reading_english_gets_the_receipt_in_vietnamese(
    english, ward_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        english.post(reverse("public_petitions:submit"), citizen_post(ward_a))

    concern = Concern.objects.get()
    [message] = outbox.outbox
    expected = vietnamese(
        "Your concern was received: tracking code %(code)s", code=concern.tracking_code
    )
    assert message.subject == expected
    assert message.to == ["bich.tran@example.test"]
    assert concern.tracking_code in message.body


@pytest.mark.django_db
def test_a_head_reading_english_approves_and_the_officer_is_told_in_vietnamese(
    english, ward_a, officer_a, head_a, settings, django_capture_on_commit_callbacks
):
    session = make_session(ward_a, SessionState.DRAFT, topic="Đối thoại về chỉnh trang đô thị")
    english.force_login(head_a)

    with django_capture_on_commit_callbacks(execute=True):
        english.post(reverse("sessions:approve", args=[session.pk]), {"version": session.version})

    [message] = outbox.outbox
    assert message.subject == vietnamese("Plan approved: %(topic)s", topic=session.topic)
    assert message.to == [officer_a.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
