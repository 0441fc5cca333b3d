"""E-mails about sessions, sent by the services (on commit) and by reminders.

Bodies are templates under ``sessions/templates/emails/dialogue_sessions/``. They go
through the portal's one sender (``dialogue_portal.lib.mail``): in the portal's language
(Vietnamese) whoever triggered them, only after the transaction commits, and a mail that
cannot be sent is logged (template and session id) without failing the request.
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from dialogue_portal.lib import mail
from units.models import Membership, Role
from units.permissions import Capability, roles_with

from .models import DialogueSession

# Everyone who plans and runs sessions, in either institution.
OFFICERS_AND_HEADS = roles_with(Capability.MANAGE_SESSIONS)


def _roles(capability: Capability, session: DialogueSession) -> set[str]:
    """The roles with ``capability`` for the work of the body(ies) the session belongs to."""
    return {role for i in session.institutions for role in roles_with(capability, i)}


def unit_recipients(unit_id: int, roles: Iterable[str]) -> list[str]:
    """E-mail addresses of the active members of a unit holding one of ``roles``."""
    emails = (
        Membership.objects.filter(
            unit_id=unit_id, role__in=list(roles), is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(emails))


def staff_url(session: DialogueSession) -> str:
    return settings.PORTAL_BASE_URL + reverse("sessions:detail", args=[session.pk])


def public_url(session: DialogueSession) -> str:
    return settings.PORTAL_BASE_URL + reverse("public_sessions:detail", args=[session.public_id])


def _context(session: DialogueSession, extra: dict | None) -> dict:
    return {
        "session": session,
        "staff_url": staff_url(session),
        "public_url": public_url(session),
        **(extra or {}),
    }


def send(
    template: str, *, session: DialogueSession, recipients: list[str], extra: dict | None = None
) -> int:
    """One mail from ``<template>_subject.txt`` and ``<template>.txt`` to all, after commit."""
    if not recipients:
        return 0
    return mail.send(
        f"emails/dialogue_sessions/{template}",
        to=recipients,
        context=_context(session, extra),
        about=session,
    )


def send_now(
    template: str, *, session: DialogueSession, recipients: list[str], extra: dict | None = None
) -> bool:
    """Send at once and say whether it went (the reminders job records only what went, so
    a reminder the mail server refused is sent again on the next run)."""
    return mail.deliver(
        f"emails/dialogue_sessions/{template}", recipients, _context(session, extra), session
    )


def plan_submitted(session: DialogueSession) -> None:
    send(
        "plan_submitted",
        session=session,
        recipients=unit_recipients(session.unit_id, _roles(Capability.APPROVE, session)),
    )


def plan_approved(session: DialogueSession) -> None:
    send(
        "plan_approved",
        session=session,
        recipients=unit_recipients(
            session.unit_id,
            _roles(Capability.MANAGE_SESSIONS, session) - set(roles_with(Capability.APPROVE)),
        ),
    )


def session_postponed(session: DialogueSession) -> None:
    send(
        "session_postponed",
        session=session,
        recipients=unit_recipients(session.unit_id, [*OFFICERS_AND_HEADS, Role.MTTQ_LIAISON]),
    )


def session_cancelled(session: DialogueSession) -> None:
    send(
        "session_cancelled",
        session=session,
        recipients=unit_recipients(session.unit_id, [*OFFICERS_AND_HEADS, Role.MTTQ_LIAISON]),
    )
