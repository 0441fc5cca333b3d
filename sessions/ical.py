"""iCalendar output (RFC 5545) for sessions, with the ``icalendar`` package.

Each event has a stable UID (``session-<public id>@<portal host>``), a SEQUENCE that
rises whenever the session moves (postponement, new time or place), STATUS:CANCELLED for
cancelled sessions (kept in the feeds so subscribers see the cancellation), the public
URL, the place and the organising unit.

Every text property passes through ``_text``: control characters are removed (a strict
parser rejects the whole feed for one) and line breaks are newlines, which icalendar
escapes. Forms refuse such characters already; this keeps the feed valid whatever a row holds.
"""

from email.utils import parseaddr
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse

from dialogue_portal.lib import clock
from dialogue_portal.lib.text import clean_control_characters

from .models import DialogueSession, SessionFormat, SessionState

PRODID = "-//Ho Chi Minh City//Citizen dialogue portal//VI"


def _text(value: object) -> str:
    """Text a content line may carry: no control characters, CRLF and CR as newlines."""
    text = clean_control_characters(str(value or ""))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line(value: object) -> str:
    """One line of text (a parameter value such as the organiser's name)."""
    return " ".join(_text(value).split())


def uid_for(session: DialogueSession) -> str:
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return f"session-{session.public_id}@{host}"


def _status(session: DialogueSession) -> str:
    if session.state == SessionState.CANCELLED:
        return "CANCELLED"
    if session.state == SessionState.POSTPONED:
        return "TENTATIVE"
    return "CONFIRMED"


def _organiser_address() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@localhost"
    return f"mailto:{address}"


def event_for(session: DialogueSession, *, base_url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid_for(session))
    event.add("dtstamp", clock.now())
    event.add("sequence", session.sequence)
    start = (
        session.actual_start if session.is_held and session.actual_start else session.planned_start
    )
    end = session.actual_end if session.is_held and session.actual_end else session.planned_end
    event.add("dtstart", start)
    event.add("dtend", end)
    summary = session.topic
    if session.state == SessionState.CANCELLED:
        summary = f"[{SessionState.CANCELLED.label}] {summary}"
    elif session.state == SessionState.POSTPONED:
        summary = f"[{SessionState.POSTPONED.label}] {summary}"
    event.add("summary", _text(summary))
    url = base_url + reverse("public_sessions:detail", args=[session.public_id])
    lines = [f"{session.unit.name} · {session.get_kind_display()}"]
    if session.description:
        lines.append(session.description)
    if session.how_to_take_part:
        lines.append(session.how_to_take_part)
    if session.format != SessionFormat.IN_PERSON and session.online_link:
        lines.append(session.online_link)
    lines.append(url)
    event.add("description", _text("\n\n".join(lines)))
    location = session.place or session.online_link
    if location:
        event.add("location", _text(location))
    event.add("url", url)
    event.add("status", _status(session))
    event.add("categories", [_line(session.get_kind_display())])
    organizer = icalendar.vCalAddress(_organiser_address())
    organizer.params["cn"] = icalendar.vText(_line(session.unit.name))
    event.add("organizer", organizer)
    event.add("last-modified", session.updated_at)
    return event


def calendar_for(sessions, *, name: str, base_url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _line(name))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        cal.add_component(event_for(session, base_url=base_url))
    return cal.to_ical()
