"""A PDF carrying active content (scripts, actions, embedded files…) is refused on upload."""

import html
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dialogue_portal.lib import uploads
from dialogue_portal.lib.uploads import pdf_active_content, validate_upload
from petitions.models import Concern
from sessions.demo import minimal_pdf
from sessions.models import DialogueSession
from tests.factories.concerns import category
from tests.factories.sessions import make_session

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def pdf(*objects: bytes, catalog: bytes = CATALOG) -> bytes:
    """A small PDF: catalog, pages, one page, then ``objects`` (numbered from 4)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate((catalog, PAGES, PAGE, *objects), start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def object_stream(*packed: bytes, compress: bool = True, typed: bool = True) -> bytes:
    """An object stream holding ``packed`` as objects 10, 11…"""
    offsets, body = [], b""
    for item in packed:
        offsets.append(len(body))
        body += item + b"\n"
    table = b" ".join(b"%d %d" % (10 + n, offset) for n, offset in enumerate(offsets)) + b"\n"
    data = table + body
    keys = b"/N %d /First %d" % (len(packed), len(table))
    if typed:
        keys = b"/Type /ObjStm " + keys
    if compress:
        return stream(keys + b" /Filter /FlateDecode", zlib.compress(data))
    return stream(keys, data)


SCRIPT = b"<< /S /JavaScript /JS (app.alert\\('hi'\\)) >>"
ACTIVE = {
    "JavaScript on opening": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    ).replace(b"trailer", b"4 0 obj\n" + SCRIPT + b"\nendobj\ntrailer"),
    "a /JS key alone": pdf(b"<< /JS 5 0 R >>"),
    "a name written with #xx escapes": pdf(b"<< /S /J#61vaScript /J#53 (x) >>"),
    "a launch action": pdf(b"<< /S /Launch /F (cmd.exe) >>"),
    "an open action that is not a destination": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI >> >>"
    ),
    "additional actions on a page": pdf(b"<< /Type /Page /AA << /O 5 0 R >> >>"),
    "an embedded file": pdf(stream(b"/Type /EmbeddedFile", b"MZ\x90\x00")),
    "embedded files in the name tree": pdf(b"<< /EmbeddedFiles 5 0 R >>"),
    "rich media": pdf(b"<< /Type /Annot /Subtype /RichMedia >>"),
    "an XFA form": pdf(b"<< /Fields [] /XFA 5 0 R >>"),
    "a form that submits itself": pdf(b"<< /S /SubmitForm /F (http://x.example/) >>"),
    "JavaScript in a compressed object stream": pdf(object_stream(b"<< /Type /Foo >>", SCRIPT)),
    "an escaped name in a compressed object stream": pdf(
        object_stream(b"<< /S /L#61unch /F (calc) >>")
    ),
    "JavaScript in an object stream without compression": pdf(
        object_stream(SCRIPT, compress=False)
    ),
    "JavaScript in an object stream that does not say its type": pdf(
        object_stream(SCRIPT, typed=False)
    ),
    "an unclosed string in one object hiding the next": pdf(b"<< /Title (open >>", SCRIPT),
}
CLEAN = {
    "the demo's PDF": minimal_pdf("Biên bản hội nghị"),
    "a plain page": pdf(),
    "an open action that shows the first page": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"
    ),
    "the words inside a text string": pdf(b"<< /Title (How to remove /JavaScript and /AA) >>"),
    "look-alike bytes inside binary data": pdf(
        stream(b"/Filter /DCTDecode", b"\xff\xd8 /JS /AA /Launch\x00" * 50)
    ),
    "a compressed object stream of plain objects": pdf(
        object_stream(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    ),
}


@pytest.mark.parametrize("case", list(ACTIVE), ids=list(ACTIVE))
def test_active_content_is_found(case):
    assert pdf_active_content(ACTIVE[case]) is not None


@pytest.mark.parametrize("case", list(CLEAN), ids=list(CLEAN))
def test_a_clean_pdf_is_accepted(case):
    upload = SimpleUploadedFile("ok.pdf", CLEAN[case], "application/pdf")
    assert validate_upload(upload, allowed=["pdf"]) == "pdf"


@pytest.mark.parametrize("case", list(ACTIVE), ids=list(ACTIVE))
def test_active_content_is_refused_with_a_message(case):
    upload = SimpleUploadedFile("to-khai.pdf", ACTIVE[case], "application/pdf")
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload, allowed=["pdf"])
    assert refused.value.code == "pdf_active_content"
    found = uploads.ACTIVE_CONTENT[pdf_active_content(ACTIVE[case])]
    expected = uploads.MSG_PDF_ACTIVE % {"name": "to-khai.pdf", "what": found}
    assert refused.value.messages == [str(expected)]


def test_an_object_stream_that_cannot_be_unpacked_is_refused():
    garbled = stream(b"/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode", b"\x8f\x12 not zlib")
    upload = SimpleUploadedFile("x.pdf", pdf(garbled), "application/pdf")
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload, allowed=["pdf"])
    assert refused.value.code == "pdf_unchecked"


def test_unpacking_stops_at_its_limit(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_UNPACK_LIMIT", 10_000)
    bomb = object_stream(b"<< /Type /Foo >>" + b" " * 20_000)
    upload = SimpleUploadedFile("x.pdf", pdf(bomb), "application/pdf")
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload, allowed=["pdf"])
    assert refused.value.code == "pdf_unchecked"


# --- Through the forms --------------------------------------------------------------------


def _public_form(unit, attachment) -> dict:
    return {
        "ward": str(unit.pk),
        "addressed_to": "state",
        "type": "report",
        "category": str(category().pk),
        "content": "Đèn đường hẻm 12 không sáng đã hai tuần, rất nguy hiểm ban đêm.",
        "address": "Hẻm 12 Lê Lợi",
        "submitter_phone": "0903 123 456",
        "consent": "on",
        "attachments": [attachment],
    }


@pytest.mark.django_db
def test_the_public_concern_form_refuses_a_pdf_with_javascript(client, ward_a):
    attachment = SimpleUploadedFile("don.pdf", ACTIVE["JavaScript on opening"], "application/pdf")
    response = client.post(reverse("public_petitions:submit"), _public_form(ward_a, attachment))
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    errors = response.context["form"].errors.as_data()["attachments"]
    assert [error.code for error in errors] == ["pdf_active_content"]
    assert "don.pdf" in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_public_concern_form_accepts_a_clean_pdf(client, ward_a):
    attachment = SimpleUploadedFile("don.pdf", CLEAN["a plain page"], "application/pdf")
    response = client.post(reverse("public_petitions:submit"), _public_form(ward_a, attachment))
    assert response.status_code == 302
    assert Concern.objects.get().attachments.count() == 1


@pytest.mark.django_db
def test_the_staff_session_files_upload_refuses_a_pdf_with_a_launch_action(
    client, ward_a, officer_a
):
    session = make_session(ward_a, "held")
    client.force_login(officer_a)
    client.cookies["django_language"] = "en"
    url = reverse("sessions:add_attachments", args=[session.pk])
    version = DialogueSession.objects.get(pk=session.pk).version
    bad = SimpleUploadedFile("bien-ban.pdf", ACTIVE["a launch action"], "application/pdf")
    response = client.post(url, {"version": version, "minutes_file": bad}, follow=True)
    page = html.unescape(response.content.decode())
    assert "bien-ban.pdf" in page and "not allowed" in page
    assert session.attachments.count() == 0
    good = SimpleUploadedFile("bien-ban.pdf", CLEAN["a plain page"], "application/pdf")
    client.post(url, {"version": version, "minutes_file": good})
    assert session.attachments.count() == 1
