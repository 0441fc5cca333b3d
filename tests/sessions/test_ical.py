"""The iCalendar output, parsed back with a small independent RFC 5545 reader (not icalendar)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import services
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db


# --- A minimal RFC 5545 reader -------------------------------------------------------------


def unfold(raw: bytes) -> list[str]:
    """Split content lines (CRLF) and undo folding (CRLF + one space or tab), §3.1."""
    text = raw.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line must end with CRLF"
    physical = text.split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        elif line:
            logical.append(line)
    return logical


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=value;PARAM="quoted":VALUE → (NAME, {PARAM: value}, VALUE)."""
    match = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$', line)
    assert match, f"not a content line: {line!r}"
    name, params_text, value = match.groups()
    params = {
        key.upper(): val.strip('"')
        for key, val in re.findall(r';([A-Za-z0-9-]+)=("[^"]*"|[^";:,]*)', params_text)
    }
    return name.upper(), params, value


def parse(raw: bytes) -> dict:
    """The calendar's properties and its events, each a dict NAME → (params, value)."""
    lines = [parse_line(line) for line in unfold(raw)]
    assert lines[0][0:3:2] == ("BEGIN", "VCALENDAR") and lines[-1][0:3:2] == ("END", "VCALENDAR")
    calendar: dict = {"events": []}
    current = None
    for name, params, value in lines[1:-1]:
        if name == "BEGIN" and value == "VEVENT":
            current = {}
        elif name == "END" and value == "VEVENT":
            calendar["events"].append(current)
            current = None
        elif current is not None:
            current[name] = (params, value)
        else:
            calendar[name] = (params, value)
    return calendar


def when(prop: tuple[dict, str]) -> datetime:
    params, value = prop
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    from zoneinfo import ZoneInfo

    return datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(params["TZID"]))


# --- Tests ---------------------------------------------------------------------------------


def test_session_ics_parses_back_with_every_required_property(client, ward_a):
    session = make_session(
        ward_a,
        "announced",
        topic="Đối thoại; về vỉa hè, chợ và \\ bến xe — một chủ đề rất dài để buộc phải gập dòng nhiều lần",
        place="Hội trường UBND phường Bến Thành, 92 Nguyễn Trãi",
    )
    response = client.get(reverse("public_sessions:ics", args=[session.public_id]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.content)
    assert calendar["VERSION"][1] == "2.0" and calendar["PRODID"][1]
    (event,) = calendar["events"]
    assert event["UID"][1] == f"session-{session.public_id}@127.0.0.1"
    assert unescape(event["SUMMARY"][1]) == session.topic
    assert unescape(event["LOCATION"][1]) == session.place
    assert event["URL"][1] == "http://testserver" + reverse(
        "public_sessions:detail", args=[session.public_id]
    )
    assert event["STATUS"][1] == "CONFIRMED"
    assert event["SEQUENCE"][1] == "0"
    assert event["ORGANIZER"][0]["CN"] == "Phường Bến Thành"
    assert event["ORGANIZER"][1].startswith("mailto:")
    assert "DTSTAMP" in event
    assert when(event["DTSTART"]) == session.planned_start
    assert when(event["DTEND"]) == session.planned_end


def test_a_postponed_session_moves_in_subscribers_calendars(client, ward_a, officer_a):
    session = make_session(ward_a, "announced", planned_start=days(10))
    url = reverse("public_sessions:feed_unit", args=[ward_a.code])
    (before,) = parse(client.get(url).content)["events"]
    new_start = days(20)
    services.session_postpone(
        actor=officer_a,
        session_id=session.pk,
        reason="Mưa bão",
        new_start=new_start,
        new_end=new_start + timedelta(hours=2),
    )
    (after,) = parse(client.get(url).content)["events"]
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"][1]) > int(before["SEQUENCE"][1])
    assert when(after["DTSTART"]) == new_start
    services.session_announce(actor=officer_a, session_id=session.pk)
    (again,) = parse(client.get(url).content)["events"]
    assert again["STATUS"][1] == "CONFIRMED" and again["SEQUENCE"] == after["SEQUENCE"]


def test_a_cancelled_session_stays_in_the_feed_marked_cancelled(client, ward_a, officer_a):
    session = make_session(ward_a, "announced")
    services.session_cancel(actor=officer_a, session_id=session.pk, reason="Không tổ chức")
    (event,) = parse(client.get(reverse("public_sessions:feed_city")).content)["events"]
    assert event["STATUS"][1] == "CANCELLED"
    assert int(event["SEQUENCE"][1]) == 1


def test_feeds_carry_only_public_sessions_of_their_unit(client, ward_a, ward_b):
    public_a = make_session(ward_a, "announced")
    make_session(ward_a, "draft")
    make_session(ward_a, "planned")
    public_b = make_session(ward_b, "concluded")
    city = parse(client.get(reverse("public_sessions:feed_city")).content)
    uids = {e["UID"][1] for e in city["events"]}
    assert uids == {
        f"session-{public_a.public_id}@127.0.0.1",
        f"session-{public_b.public_id}@127.0.0.1",
    }
    unit = parse(client.get(reverse("public_sessions:feed_unit", args=[ward_b.code])).content)
    assert [e["UID"][1] for e in unit["events"]] == [f"session-{public_b.public_id}@127.0.0.1"]
    assert "Xã Cần Giờ" in unescape(unit["X-WR-CALNAME"][1])


def test_unknown_unit_feed_is_404(client, db):
    assert client.get(reverse("public_sessions:feed_unit", args=["99999"])).status_code == 404


def test_public_pages_offer_webcal_subscriptions(client, ward_a):
    session = make_session(ward_a, "announced")
    page = client.get(reverse("public_sessions:detail", args=[session.public_id])).content.decode()
    assert f'href="webcal://testserver/sessions/unit/{ward_a.code}/calendar.ics"' in page
    assert f'href="/sessions/{session.public_id}/calendar.ics"' in page
    page = client.get(reverse("public_sessions:upcoming")).content.decode()
    assert 'href="webcal://testserver/sessions/calendar.ics"' in page


def test_held_sessions_show_their_actual_times(client, ward_a):
    session = make_session(ward_a, "held")
    session.actual_start = session.planned_start + timedelta(minutes=15)
    session.save(update_fields=["actual_start"])
    (event,) = parse(client.get(reverse("public_sessions:feed_city")).content)["events"]
    assert when(event["DTSTART"]) == session.actual_start
    assert timezone.is_aware(when(event["DTSTART"]))
