"""E-mails about sessions. Called on transaction commit by the services and by reminders.

Bodies are templates under ``sessions/templates/emails/dialogue_sessions/``; mail goes out
in the portal's default language (Vietnamese), whoever triggered it.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from units.models import Membership, Role

from .models import DialogueSession

OFFICERS_AND_HEADS = (Role.WARD_OFFICER, Role.UNIT_HEAD)


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


def send(
    template: str, *, session: DialogueSession, recipients: list[str], extra: dict | None = None
) -> int:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` and send one mail to all."""
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "session": session,
            "staff_url": staff_url(session),
            "public_url": public_url(session),
            **(extra or {}),
        }
        subject = render_to_string(f"emails/dialogue_sessions/{template}_subject.txt", context)
        body = render_to_string(f"emails/dialogue_sessions/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)
    return len(recipients)


def plan_submitted(session: DialogueSession) -> None:
    send(
        "plan_submitted",
        session=session,
        recipients=unit_recipients(session.unit_id, [Role.UNIT_HEAD]),
    )


def plan_approved(session: DialogueSession) -> None:
    send(
        "plan_approved",
        session=session,
        recipients=unit_recipients(session.unit_id, [Role.WARD_OFFICER]),
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
