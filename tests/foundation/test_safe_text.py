"""Safe text: control characters are refused at the door (every form), cleaned out of rows
already stored (data migrations), and never reach an export or a calendar feed.

Word pastes a soft line break as a vertical tab (\\x0b) and a page break as a form feed
(\\x0c): those become a newline. ESC, BEL, NUL and the rest are refused with a message.
"""

import csv
import importlib
import inspect
import io
import pkgutil
import re
from types import SimpleNamespace

import icalendar
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from dialogue_portal.lib.forms import SafeTextMixin
from dialogue_portal.lib.stored_text import clean_stored_text
from dialogue_portal.lib.text import (
    MSG_CONTROL_CHARACTERS,
    clean_control_characters,
    fold,
    refuse_control_characters,
)
from petitions.models import Concern
from sessions.models import DialogueSession, SessionState
from tests.factories import concerns as f
from tests.factories.sessions import make_session
from tests.sessions.test_ical import parse as parse_strictly
from tests.sessions.test_views import plan_post
from units.models import Unit

pytestmark = pytest.mark.django_db

REFUSED = {"ESC": "\x1b", "BEL": "\x07", "NUL": "\x00"}
# PostgreSQL text never holds NUL: on PostgreSQL a bad row can only hold the others.
IN_THE_DATABASE = "\x0b\x1b\x07" + ("\x00" if connection.vendor == "sqlite" else "")
BAD = f"Dòng một{IN_THE_DATABASE[0]}dòng hai {IN_THE_DATABASE[1:]}[31m hết"
# Any control character other than tab, CR and LF (what a strict reader refuses).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# --- The rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("một\x0bhai", "một\nhai"),
        ("trang\x0cmới", "trang\nmới"),
        ("a\x1b[31mb\x07c\x00d", "a[31mbcd"),
        ("tab\tCR\rLF\n", "tab\tCR\rLF\n"),
        ("C1\x85\x9f\x7f hết", "C1 hết"),
        ("Phường Bến Thành", "Phường Bến Thành"),
        ("", ""),
    ],
)
def test_clean_control_characters(value, expected):
    assert clean_control_characters(value) == expected


def test_services_may_refuse_control_characters_or_take_pasted_breaks():
    assert refuse_control_characters("Dòng một\x0bdòng hai\x0c") == "Dòng một\ndòng hai\n"
    with pytest.raises(ValidationError) as error:
        refuse_control_characters("Nội dung\x1b có \x07 ký tự lạ\x1b")
    assert error.value.code == "control_characters"
    assert error.value.message == MSG_CONTROL_CHARACTERS
    assert error.value.params == {"characters": "U+001B, U+0007"}


# --- At the door: every form -----------------------------------------------------------------


def _project_form_classes() -> list[type]:
    """Every form class defined in the project's forms modules."""
    found = []
    for app in ("sessions", "petitions", "compliance", "accounts", "units", "workcalendar"):
        package = importlib.import_module(app)
        for info in pkgutil.iter_modules(package.__path__):
            if "forms" not in info.name:
                continue
            module = importlib.import_module(f"{app}.{info.name}")
            found += [
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
            ]
    return found


def test_every_form_of_the_portal_guards_its_text():
    classes = _project_form_classes()
    assert len(classes) > 30
    unguarded = [
        f"{c.__module__}.{c.__name__}" for c in classes if not issubclass(c, SafeTextMixin)
    ]
    assert unguarded == []


@pytest.fixture
def unlimited(settings):
    settings.RATELIMIT_SUBMIT = "100000/m"


def _public_post(unit, **changes) -> dict:
    data = {
        "ward": str(unit.pk),
        "addressed_to": "state",
        "type": "report",
        "category": "",
        "content": "Đèn đường hẻm 12 không sáng đã hai tuần.",
        "address": "Hẻm 12 Lê Lợi",
        "submitter_name": "Nguyễn Văn A",
        "submitter_phone": "0903 123 456",
        "submitter_email": "",
        "submitter_address": "",
        "consent": "on",
        "reference_url": "",
    }
    data.update(changes)
    return data


def _refusal(response, field: str, character: str) -> None:
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()[field]
    assert [e.code for e in errors] == ["control_characters"]
    assert f"U+{ord(character):04X}" in response.content.decode()


@pytest.mark.parametrize("name", list(REFUSED))
@pytest.mark.parametrize("field", ["content", "address", "submitter_name"])
def test_the_public_form_refuses_control_characters(client, ward_a, unlimited, name, field):
    character = REFUSED[name]
    response = client.post(
        "/concerns/new/", _public_post(ward_a, **{field: f"Hẻm 12{character} Lê Lợi phường"})
    )
    _refusal(response, field, character)
    assert not Concern.objects.exists()


def test_the_public_form_stores_pasted_breaks_as_newlines(client, ward_a, unlimited):
    content = "Đèn đường hẻm 12\x0bkhông sáng\x0cđã hai tuần."
    response = client.post("/concerns/new/", _public_post(ward_a, content=content))
    assert response.status_code == 302
    assert Concern.objects.get().content == "Đèn đường hẻm 12\nkhông sáng\nđã hai tuần."


def _intake(client, **changes):
    data = {
        "unit": "",
        "addressed_to": "state",
        "channel": "walk_in",
        "type": "report",
        "content": "Phản ánh trực tiếp về đèn đường hẻm 12.",
        "submitter_name": "Nguyễn Thị B",
        "submitter_phone": "0901 234 567",
        "consent": "on",
    }
    data.update(changes)
    return client.post(reverse("petitions:intake"), data)


@pytest.mark.parametrize("name", list(REFUSED))
def test_the_staff_intake_refuses_control_characters(client, ward_a, officer_a, name):
    character = REFUSED[name]
    client.force_login(officer_a)
    response = _intake(client, unit=ward_a.pk, content=f"Phản ánh{character} về đèn đường.")
    _refusal(response, "content", character)
    assert not Concern.objects.exists()


def test_the_staff_intake_stores_pasted_breaks_as_newlines(client, ward_a, officer_a):
    client.force_login(officer_a)
    response = _intake(client, unit=ward_a.pk, content="Phản ánh\x0bvề đèn đường\x0c hẻm 12.")
    assert response.status_code == 302
    assert Concern.objects.get().content == "Phản ánh\nvề đèn đường\n hẻm 12."


@pytest.mark.parametrize("name", list(REFUSED))
@pytest.mark.parametrize("field", ["topic", "place", "description"])
def test_a_session_plan_refuses_control_characters(client, ward_a, officer_a, name, field):
    character = REFUSED[name]
    client.force_login(officer_a)
    response = client.post(
        reverse("sessions:create"), plan_post(ward_a, **{field: f"Hội trường{character} UBND"})
    )
    _refusal(response, field, character)
    assert not DialogueSession.objects.exists()


def test_a_session_plan_stores_pasted_breaks_as_newlines(client, ward_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("sessions:create"),
        plan_post(ward_a, description="Nội dung một\x0bNội dung hai\x0cHết"),
    )
    assert response.status_code == 302
    assert DialogueSession.objects.get().description == "Nội dung một\nNội dung hai\nHết"


# --- On the way out: bad rows written some other way ------------------------------------------


def _bad_concern(unit) -> Concern:
    concern = f.submit(unit)
    Concern.objects.filter(pk=concern.pk).update(
        content=BAD, submitter_name=f"Nguyễn{IN_THE_DATABASE}Văn A", address=BAD
    )
    return concern


def test_the_queue_exports_of_a_bad_row_open_and_are_clean(client, ward_a, officer_a):
    concern = _bad_concern(ward_a)
    client.force_login(officer_a)
    response = client.get(reverse("petitions:export_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert concern.tracking_code in cells
    assert clean_control_characters(BAD) in cells
    assert not any(CONTROL.search(c) for c in cells)

    response = client.get(reverse("petitions:export_csv"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert clean_control_characters(BAD) in rows[1]
    assert not CONTROL.search(body)


def test_the_report_exports_of_a_bad_unit_name_open_and_are_clean(client, ward_a, reviewer):
    Unit.objects.filter(pk=ward_a.pk).update(name=f"Phường{IN_THE_DATABASE}Bến Thành")
    client.force_login(reviewer)
    response = client.get(reverse("compliance:report_xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    names = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=3, values_only=True)]
    assert clean_control_characters(f"Phường{IN_THE_DATABASE}Bến Thành") in names
    response = client.get(reverse("compliance:report_csv"))
    assert response.status_code == 200
    assert not CONTROL.search(b"".join(response.streaming_content).decode("utf-8-sig"))


def test_feeds_of_a_bad_session_parse_and_are_clean(client, ward_a):
    session = make_session(ward_a, SessionState.ANNOUNCED)
    DialogueSession.objects.filter(pk=session.pk).update(
        topic=BAD, place=BAD, description=BAD, how_to_take_part=BAD
    )
    Unit.objects.filter(pk=ward_a.pk).update(name=f"Phường{IN_THE_DATABASE}Bến Thành")
    for url in (
        reverse("public_sessions:feed_city"),
        reverse("public_sessions:feed_unit", args=[ward_a.code]),
        reverse("public_sessions:ics", args=[session.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not CONTROL.search(response.content.decode("utf-8")), url
        (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["summary"]) == clean_control_characters(BAD)
        assert str(event["location"]) == clean_control_characters(BAD)
        assert clean_control_characters(BAD) in str(event["description"])
        (strict,) = parse_strictly(response.content)["events"]  # the RFC 5545 reader
        assert strict["ORGANIZER"][0]["CN"] == "Phường Bến Thành"


# --- Rows already stored: the data migrations ----------------------------------------------------


def _migration(app: str, name: str):
    return importlib.import_module(f"{app}.migrations.{name}")


SCHEMA_EDITOR = SimpleNamespace(connection=connection)


def test_the_petitions_migration_cleans_stored_concerns_and_their_search_text(ward_a, officer_a):
    bad = _bad_concern(ward_a)
    good = f.submit(ward_a, content="Nội dung\tcó tab\r\nvà xuống dòng")
    Concern.objects.filter(pk=bad.pk).update(search_text=fold(f"{BAD} {bad.tracking_code}"))
    _migration("petitions", "0008_mass_organisation_and_clean_text").clean_text(apps, SCHEMA_EDITOR)
    bad = Concern.objects.get(pk=bad.pk)
    assert bad.content == bad.address == "Dòng một\ndòng hai [31m hết"
    assert bad.submitter_name == "Nguyễn\nVăn A"
    assert bad.search_text == fold(f"Dòng một dòng hai [31m hết {bad.tracking_code}")
    assert Concern.objects.get(pk=good.pk).content == "Nội dung\tcó tab\r\nvà xuống dòng"


def test_the_sessions_migration_cleans_text_and_recodes_co_organisers(ward_a):
    session = make_session(ward_a)
    DialogueSession.objects.filter(pk=session.pk).update(
        topic=BAD, place="Hội trường\x07", co_organisers=["mttq", "youth_union", "veterans"]
    )
    module = _migration("sessions", "0005_mass_organisation_codes_and_clean_text")
    module.new_codes(apps, SCHEMA_EDITOR)
    module.clean_text(apps, SCHEMA_EDITOR)
    session = DialogueSession.objects.get(pk=session.pk)
    assert session.co_organisers == ["mttq", "doan_thanh_nien", "hoi_cuu_chien_binh"]
    assert session.topic == "Dòng một\ndòng hai [31m hết" and session.place == "Hội trường"
    module.old_codes(apps, SCHEMA_EDITOR)
    assert DialogueSession.objects.get(pk=session.pk).co_organisers == [
        "mttq",
        "youth_union",
        "veterans",
    ]


def test_cleaning_stored_text_touches_only_the_rows_that_need_it(ward_a, city):
    Unit.objects.filter(pk=ward_a.pk).update(name="Phường\x0bBến\x1bThành", search_name="x")
    Unit.objects.filter(pk=city.pk).update(search_name="left alone")
    assert clean_stored_text(Unit, using="default", folded=("search_name",)) == 1
    ward_a.refresh_from_db()
    assert (ward_a.name, ward_a.search_name) == ("Phường\nBếnThành", "x")
    assert Unit.objects.get(pk=city.pk).search_name == "left alone"
