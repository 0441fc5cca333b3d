"""The portal's one mail sender: rendered in the portal's language, sent after commit.

Every notification (sessions and concerns alike) goes through :func:`send`, with one
delivery guarantee:

- **After commit, never before.** :func:`send` only schedules: the mail is rendered and
  handed to the mail backend by ``transaction.on_commit``, so a change that is rolled
  back never mails anyone. Outside a transaction it goes at once.
- **A mail never fails the user's request.** By then the change is committed; if the
  mail cannot be rendered or sent (the SMTP server is down, an address is refused) the
  request still succeeds, nothing is undone, and one line is logged on the
  ``dialogue_portal.mail`` logger.
- **That line holds no personal data**: the template, the kind and id of the object the
  mail is about, and the exception's class. Never an address, a name, the subject or
  the body (an SMTP error's text often quotes the refused address, so it is not logged).

There is no outbox and no retry yet: a failed mail is lost, and the log says which one.

Bodies are ``<template>.txt`` and ``<template>_subject.txt`` (the subject's lines are
joined into one), rendered in ``settings.LANGUAGE_CODE`` whoever triggered them, from
``settings.DEFAULT_FROM_EMAIL``. Inside :func:`muted` nothing is scheduled (the demo
seeder's invented people).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("dialogue_portal.mail")

_muted: ContextVar[bool] = ContextVar("dialogue_portal_mail_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No mail is scheduled inside this block."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """The one-line subject and the body of ``template``, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def describe(about: Any) -> str:
    """What a log line may say of the object a mail is about: its kind and id."""
    if about is None:
        return "-"
    meta = getattr(about, "_meta", None)
    kind = meta.model_name if meta is not None else type(about).__name__.lower()
    return f"{kind} {getattr(about, 'pk', None)}"


def deliver(template: str, recipients: list[str], context: dict[str, Any], about: Any) -> bool:
    """Render and send now; on any failure log one line without personal data, return False."""
    try:
        subject, body = render(template, context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except Exception as exc:
        # The change is committed: a mail must not undo it nor fail the request. No
        # traceback and not the error's text: SMTP errors quote the refused addresses.
        logger.error("Mail %s about %s not sent: %s", template, describe(about), type(exc).__name__)
        return False
    return True


def send(
    template: str,
    *,
    to: Iterable[str],
    context: dict[str, Any],
    about: Any = None,
) -> int:
    """Send one mail to every address in ``to`` once the current transaction commits.

    ``template`` is the path without ``.txt`` (``"emails/petitions/receipt"``); ``about``
    is the object the mail is about (only its kind and id are ever logged). Returns the
    number of recipients scheduled: 0 when there are none or mail is muted.
    """
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients or is_muted():
        return 0
    transaction.on_commit(lambda: deliver(template, recipients, context, about))
    return len(recipients)
