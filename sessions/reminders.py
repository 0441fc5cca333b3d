"""Reminder e-mails to a unit's staff (officers and heads), sent by ``send_reminders`` (cron).

Four situations, each sent once: a ``ReminderSent`` row keyed by session, kind and the
date the reminder is about (the session's day, the day it was held, or the conclusions
due date) is written in the transaction that schedules the mail, so running the command
twice sends nothing twice, while a postponed session gets a fresh reminder. The mail goes
out when that transaction commits (``dialogue_portal.lib.mail``): one that cannot be sent
is logged and not tried again.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from audit.services import audit_record
from dialogue_portal.lib import clock

from . import notifications
from .models import (
    HELD_STATES,
    AttachmentKind,
    DialogueSession,
    ReminderKind,
    ReminderSent,
    SessionAttachment,
    SessionState,
    TimingRuleKind,
)
from .selectors import announce_by, local_date, timing_rule

# Remind this many working days before the last day to announce with full notice.
ANNOUNCE_LEAD_WORKING_DAYS = 2
# "Conclusions due soon" starts this many working days before the due date.
CONCLUSIONS_SOON_WORKING_DAYS = 3
# Plans further ahead than this are not looked at (nothing can be due yet).
LOOKAHEAD_DAYS = 120


@dataclass(frozen=True)
class Reminder:
    session: DialogueSession
    kind: str
    about: date
    extra: dict

    @property
    def template(self) -> str:
        return f"reminder_{self.kind}"


def due_reminders(today: date) -> list[Reminder]:
    """Every reminder the situation calls for on ``today`` (sent or not)."""
    from workcalendar.calendar import add_working_days, count_working_days

    found: list[Reminder] = []
    now = clock.now()

    # 1. A plan near its notice deadline and still not announced.
    plans = DialogueSession.objects.filter(
        state__in=[SessionState.DRAFT, SessionState.PLANNED, SessionState.POSTPONED],
        planned_start__gt=now,
        planned_start__lte=now + timedelta(days=LOOKAHEAD_DAYS),
    ).select_related("unit")
    for session in plans:
        deadline = announce_by(session)
        if deadline is None or add_working_days(today, ANNOUNCE_LEAD_WORKING_DAYS) >= deadline:
            found.append(
                Reminder(
                    session,
                    ReminderKind.ANNOUNCE,
                    local_date(session.planned_start),
                    {
                        "announce_by": deadline,
                        "rule": timing_rule(TimingRuleKind.NOTICE, session.kind).describe(),
                    },
                )
            )

    # 2. Held some days ago and still no minutes (neither text nor signed PDF).
    minutes_rule = timing_rule(TimingRuleKind.MINUTES)
    has_minutes_file = SessionAttachment.objects.filter(
        session=OuterRef("pk"), kind=AttachmentKind.MINUTES
    )
    held = (
        DialogueSession.objects.filter(state__in=HELD_STATES, minutes_text="")
        .annotate(has_file=Exists(has_minutes_file))
        .filter(has_file=False)
        .select_related("unit")
    )
    for session in held:
        held_on = local_date(session.actual_start)
        if minutes_rule.working_days:
            late = count_working_days(held_on, today) >= minutes_rule.days
        else:
            late = (today - held_on).days >= minutes_rule.days
        if late:
            found.append(Reminder(session, ReminderKind.MINUTES, held_on, {}))

    # 3 and 4. Conclusions due soon, or overdue.
    waiting = DialogueSession.objects.filter(
        state=SessionState.HELD, conclusions_due__isnull=False
    ).select_related("unit")
    for session in waiting:
        due = session.conclusions_due
        if due < today:
            found.append(Reminder(session, ReminderKind.CONCLUSIONS_OVERDUE, due, {}))
        elif count_working_days(today, due) <= CONCLUSIONS_SOON_WORKING_DAYS:
            found.append(Reminder(session, ReminderKind.CONCLUSIONS_DUE, due, {}))
    return found


class _NotDelivered(Exception):
    pass


def send_due_reminders(
    *, today: date | None = None, dry_run: bool = False
) -> list[tuple[Reminder, int]]:
    """Send every due reminder not sent before; return (reminder, recipients) for those sent."""
    today = today or clock.today()
    sent: list[tuple[Reminder, int]] = []
    for reminder in due_reminders(today):
        if ReminderSent.objects.filter(
            session=reminder.session, kind=reminder.kind, about_date=reminder.about
        ).exists():
            continue
        recipients = notifications.unit_recipients(
            reminder.session.unit_id, notifications.OFFICERS_AND_HEADS
        )
        if not recipients:
            continue
        if dry_run:
            sent.append((reminder, len(recipients)))
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    session=reminder.session,
                    kind=reminder.kind,
                    about_date=reminder.about,
                    recipients=len(recipients),
                )
                delivered = notifications.send_now(
                    reminder.template,
                    session=reminder.session,
                    recipients=recipients,
                    extra=reminder.extra,
                )
                if not delivered:
                    # Not recorded: the next run tries again (the failure is logged).
                    raise _NotDelivered
                audit_record(
                    actor=None,
                    action="session.reminder_sent",
                    obj=reminder.session,
                    unit=reminder.session.unit,
                    data={
                        "kind": reminder.kind,
                        "about": reminder.about.isoformat(),
                        "recipients": len(recipients),
                    },
                )
        except IntegrityError:
            # Another run sent it a moment ago.
            continue
        except _NotDelivered:
            continue
        sent.append((reminder, len(recipients)))
    return sent
