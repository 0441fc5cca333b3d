"""E-mails about concerns. Services call these through ``transaction.on_commit`` only.

Rendered from ``petitions/templates/emails/petitions/<name>.txt`` and
``<name>_subject.txt`` and sent by the portal's one sender (``dialogue_portal.lib.mail``):
in Vietnamese (the portal's language), only after the transaction commits, and a mail
that cannot be sent is logged (template and concern id) without failing the request.
``muted()`` (the demo seeder's invented people) is that sender's.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from dialogue_portal.lib import mail
from dialogue_portal.lib.mail import is_muted, muted
from units.models import Membership
from units.permissions import Capability, roles_with

from .institutions import body_name

__all__ = [
    "is_muted",
    "muted",
    "send_answer",
    "send_assignment",
    "send_body_transferred",
    "send_digest",
    "send_disputed",
    "send_receipt",
]


def _send(name: str, to: list[str], context: dict, *, about) -> None:
    context = {**context, "base_url": settings.PORTAL_BASE_URL}
    mail.send(f"emails/petitions/{name}", to=to, context=context, about=about)


def _public_lookup_url() -> str:
    for name in ("public_petitions:lookup", "public_petitions:status", "public_petitions:home"):
        try:
            return settings.PORTAL_BASE_URL + reverse(name)
        except NoReverseMatch:
            continue
    return settings.PORTAL_BASE_URL + "/concerns/"


def _staff_url(concern) -> str:
    return settings.PORTAL_BASE_URL + reverse("petitions:detail", args=[concern.pk])


def send_receipt(concern) -> None:
    """To the citizen: we received it; here is your tracking code."""
    _send(
        "receipt",
        [concern.submitter_email],
        {"concern": concern, "lookup_url": _public_lookup_url()},
        about=concern,
    )


def send_answer(concern, *, after_dispute: bool) -> None:
    """To the citizen: the answer is out (or the outcome of their dispute)."""
    _send(
        "dispute_outcome" if after_dispute else "answer",
        [concern.submitter_email],
        {"concern": concern, "lookup_url": _public_lookup_url()},
        about=concern,
    )


def send_assignment(concern) -> None:
    """To the handling officer: a concern was assigned to you."""
    if concern.assignee is None:
        return
    _send(
        "assigned",
        [concern.assignee.email],
        {"concern": concern, "url": _staff_url(concern)},
        about=concern,
    )


def _handlers_of_body(unit, body: str) -> list[str]:
    """The addresses of the people who handle ``body``'s concerns in ``unit`` (its office,
    its heads), as the daily digest reaches them."""
    return sorted(
        {
            m.user.email
            for m in Membership.objects.filter(
                unit=unit,
                role__in=roles_with(Capability.HANDLE_CONCERNS, body),
                is_active=True,
                user__is_active=True,
            ).select_related("user")
            if m.user.email
        }
    )


def send_body_transferred(concern, *, from_body: str, reason: str) -> None:
    """To the office of the body now handling it: the other body of the unit passed the
    concern on, and why."""
    _send(
        "body_transferred",
        _handlers_of_body(concern.unit, concern.addressed_to),
        {
            "concern": concern,
            "from_body": body_name(concern.unit, from_body),
            "to_body": body_name(concern.unit, concern.addressed_to),
            "reason": reason,
            "url": _staff_url(concern),
        },
        about=concern,
    )


def send_disputed(concern) -> None:
    """To the handling officer: the citizen disputed the answer; the concern is open again."""
    if concern.assignee is None:
        return
    _send(
        "disputed",
        [concern.assignee.email],
        {"concern": concern, "url": _staff_url(concern)},
        about=concern,
    )


def send_digest(
    *, unit, recipients: list[str], due_soon: list, overdue: list, today, body: str = ""
) -> None:
    """To the handling staff of one body of a unit (``body``: "Đảng ủy phường Bến Thành"):
    what is due soon and what is overdue."""
    _send(
        "digest",
        recipients,
        {
            "unit": unit,
            "body": body or unit.name,
            "due_soon": due_soon,
            "overdue": overdue,
            "today": today,
            "queue_url": settings.PORTAL_BASE_URL + reverse("petitions:queue"),
        },
        about=unit,
    )
