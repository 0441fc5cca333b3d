"""E-mails about concerns. Services call these through ``transaction.on_commit`` only.

Mail goes out in Vietnamese (the portal's language), rendered from
``petitions/templates/emails/petitions/<name>.txt`` and ``<name>_subject.txt``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

_muted: ContextVar[bool] = ContextVar("petitions_notifications_muted", default=False)


@contextmanager
def muted():
    """No e-mail is scheduled inside this block (the demo seeder's invented people)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def _send(name: str, to: list[str], context: dict) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {**context, "base_url": settings.PORTAL_BASE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/petitions/{name}_subject.txt", context)
        body = render_to_string(f"emails/petitions/{name}.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        fail_silently=False,
    )


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
    )


def send_answer(concern, *, after_dispute: bool) -> None:
    """To the citizen: the answer is out (or the outcome of their dispute)."""
    _send(
        "dispute_outcome" if after_dispute else "answer",
        [concern.submitter_email],
        {"concern": concern, "lookup_url": _public_lookup_url()},
    )


def send_assignment(concern) -> None:
    """To the handling officer: a concern was assigned to you."""
    if concern.assignee is None:
        return
    _send(
        "assigned",
        [concern.assignee.email],
        {"concern": concern, "url": _staff_url(concern)},
    )


def send_disputed(concern) -> None:
    """To the handling officer: the citizen disputed the answer; the concern is open again."""
    if concern.assignee is None:
        return
    _send(
        "disputed",
        [concern.assignee.email],
        {"concern": concern, "url": _staff_url(concern)},
    )


def send_digest(*, unit, recipients: list[str], due_soon: list, overdue: list, today) -> None:
    """To a unit's handling staff: what is due soon and what is overdue."""
    _send(
        "digest",
        recipients,
        {
            "unit": unit,
            "due_soon": due_soon,
            "overdue": overdue,
            "today": today,
            "queue_url": settings.PORTAL_BASE_URL + reverse("petitions:queue"),
        },
    )
