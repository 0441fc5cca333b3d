"""The periodic report as the Party committee's official report: heading, number, place and
date, title, the figures of the dashboards, the T/M block and Nơi nhận; numbered once from
the register; printable and downloadable as an editable Word file."""

import io
import re
import threading
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from audit.models import AuditEntry
from compliance.figures import columns
from compliance.periods import Period
from compliance.report_document import period_words, report_subject
from documents.models import OutgoingDocument
from tests.factories import make_member
from tests.factories.compliance import bulk_scene
from units.models import Membership, Role

pytestmark = pytest.mark.django_db

SEPTEMBER = "period=month&year=2026&month=9"
SUBJECT = (
    "Kết quả thực hiện Quyết định số 935-QĐ/TU và Quyết định số 936-QĐ/TU ngày 28/4/2017 "
    "của Thành ủy Thành phố Hồ Chí Minh tháng 9 năm 2026"
)
FONT = "Times New Roman"


@pytest.fixture
def september(clock):
    """The report is read on Monday 28/9/2026."""
    clock.to(2026, 9, 28, 10)
    return clock


def _get(client, query=SEPTEMBER, name="compliance:report"):
    return client.get(f"{reverse(name)}?{query}")


def _register(client, query=SEPTEMBER):
    return client.post(f"{reverse('compliance:report_register')}?{query}")


def _document(page: str) -> str:
    """The official document's HTML inside the report page."""
    return page.split('<article class="official-document', 1)[1].split("</article>", 1)[0]


def _lines(html: str) -> list[str]:
    """The document's text, one line per block element."""
    text = re.sub(r"<(?:p|div|span|h\d|tr|th|td|li|br)\b[^>]*>", "\n", html)
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _tables(html: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every table of the document: its header cells and its rows of cells."""
    found = []
    for table in re.findall(r'<table class="od-table">(.*?)</table>', html, re.S):
        headers = [unescape(h).strip() for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)]
        body = table.split("<tbody>", 1)[1]
        rows = [
            [unescape(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        ]
        found.append((headers, rows))
    return found


def _page_of(client, user, query=SEPTEMBER) -> str:
    client.force_login(user)
    response = _get(client, query)
    assert response.status_code == 200
    return response.content.decode()


# --- The ward's report ------------------------------------------------------------------------


def test_a_ward_report_is_its_party_committees_report(client, september, secretary_a, officer_a):
    page = _page_of(client, officer_a)
    document = _document(page)
    lines = _lines(document)
    heading = lines[lines.index("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH") :][:6]
    assert heading == [
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "*",
        "Số ……-BC/ĐU",  # blank until the report is registered
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Bến Thành, ngày 28 tháng 9 năm 2026",
    ]
    assert lines[lines.index("BÁO CÁO") + 1] == SUBJECT
    assert "DỰ THẢO" in lines
    # The T/M block with the ward's Bí thư, then Nơi nhận ending with the archive line.
    signature = lines[lines.index("T/M ĐẢNG ỦY") :]
    assert signature[:3] == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Hải"]
    recipients = lines[lines.index("Nơi nhận:") + 1 : lines.index("T/M ĐẢNG ỦY")]
    assert recipients == [
        "- Thường trực Thành ủy (để báo cáo),",
        "- Ban Tuyên giáo và Dân vận Thành ủy,",
        "- Ban Nội chính Thành ủy,",
        "- Văn phòng Thành ủy,",
        "- Thường trực Đảng ủy phường Bến Thành,",
        "- Lưu Văn phòng Đảng ủy.",
    ]


def test_the_document_carries_no_screen_note_and_cites_the_decisions_in_full(
    client, september, secretary_a, officer_a
):
    page = _page_of(client, officer_a)
    document = _document(page)
    outside = page.replace(document, "")
    assert "Số liệu tính lúc" in outside  # the screen keeps its note, outside the document
    assert "Số liệu tính lúc" not in document
    text = " ".join(_lines(document))
    assert "Quyết định số 935-QĐ/TU và Quyết định số 936-QĐ/TU ngày 28/4/2017" in text
    for wrong in ("Quy định 935", "Quy định 936", "Quy định số 935", "QĐ 935", "QĐ 936"):
        assert wrong not in page
    for old in ("NGƯỜI LẬP BÁO CÁO", "Số: ....../BC", "PREPARED BY"):
        assert old not in page
    assert "Thành phố Hồ Chí Minh, ngày" not in text  # a ward dates from its own place


def test_without_a_bi_thu_the_signature_is_left_blank(client, september, officer_a):
    lines = _lines(_document(_page_of(client, officer_a)))
    at = lines.index("T/M ĐẢNG ỦY")
    assert lines[at : at + 2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    assert lines[at + 2 :] == []  # no name under the block


def test_the_document_reads_in_vietnamese_on_an_english_screen(
    client, english, september, secretary_a, officer_a
):
    page = _page_of(client, officer_a)
    lines = _lines(_document(page))
    assert "I. KẾT QUẢ THỰC HIỆN" in lines
    assert "Chỉ tiêu" in lines and "Cách tính" in lines
    assert "Received" not in " ".join(lines)
    assert "Periodic report" in page  # the screen around it is in English


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (Period.for_month(2026, 9), "tháng 9 năm 2026"),
        (Period.for_quarter(2026, 3), "quý III năm 2026"),
        (Period.year_to("q1", 2026), "quý I năm 2026"),
        (Period.year_to("6m", 2026), "6 tháng đầu năm 2026"),
        (Period.year_to("9m", 2026), "9 tháng năm 2026"),
        (Period.year_to("year", 2026), "năm 2026"),
    ],
)
def test_the_period_is_written_in_words(period, words):
    assert period_words(period) == words
    assert report_subject(period).endswith(f"Thành phố Hồ Chí Minh {words}")


def test_the_subject_names_the_period_of_the_page(client, clock, officer_a):
    clock.to(2026, 10, 5, 10)
    lines = _lines(_document(_page_of(client, officer_a, "period=q1&year=2026")))
    assert lines[lines.index("BÁO CÁO") + 1].endswith("Thành phố Hồ Chí Minh quý I năm 2026")


# --- The city's report ------------------------------------------------------------------------


def test_the_city_report_is_the_thanh_uys(client, september, reviewer, ward_a):
    lines = _lines(_document(_page_of(client, reviewer)))
    heading = lines[lines.index("THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH") :][:5]
    assert heading == [
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH",
        "*",
        "Số ……-BC/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thành phố Hồ Chí Minh, ngày 28 tháng 9 năm 2026",
    ]
    assert "ĐẢNG ỦY PHƯỜNG BẾN THÀNH" not in lines
    assert lines[lines.index("T/M THÀNH ỦY") + 1] == "BÍ THƯ"
    recipients = lines[lines.index("Nơi nhận:") + 1 : lines.index("T/M THÀNH ỦY")]
    assert recipients[0] == "- Ban Thường vụ Thành ủy,"
    assert "- Các ban, đơn vị của Thành ủy," in recipients
    assert recipients[-1] == "- Lưu Văn phòng Thành ủy."


# --- Registering ------------------------------------------------------------------------------


def test_the_bi_thu_registers_the_report_once(client, september, secretary_a, ward_a):
    client.force_login(secretary_a)
    response = _register(client)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('compliance:report')}?{SEPTEMBER}&unit={ward_a.pk}"
    entry = OutgoingDocument.objects.get()
    assert entry.label == "1-BC/ĐU"
    assert entry.reference == f"report:{ward_a.code}:2026-09"
    assert entry.title == SUBJECT
    assert (entry.signer_name, entry.created_by) == ("Nguyễn Văn Hải", secretary_a)

    lines = _lines(_document(client.get(response["Location"]).content.decode()))
    assert "Số 1-BC/ĐU" in lines and "DỰ THẢO" not in lines
    assert lines[lines.index("T/M ĐẢNG ỦY") :][:3] == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Hải"]

    # A second click shows the same number; nothing new is taken from the register.
    again = _register(client)
    assert again.status_code == 302
    assert OutgoingDocument.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "Số 1-BC/ĐU" in _lines(_document(page))
    assert "2-BC/ĐU" not in page
    assert reverse("compliance:report_register") not in page  # no button once registered
    audited = AuditEntry.objects.filter(action="compliance.report_registered")
    assert [(a.actor, a.unit, a.data["number"]) for a in audited] == [
        (secretary_a, ward_a, "1-BC/ĐU")
    ]


def test_another_period_takes_the_next_number(client, september, secretary_a):
    client.force_login(secretary_a)
    _register(client)
    _register(client, "period=month&year=2026&month=8")
    labels = sorted(OutgoingDocument.objects.values_list("number", flat=True))
    assert labels == [1, 2]


@pytest.mark.parametrize(
    ("role", "authority"),
    [
        (Role.PARTY_DEPUTY, ["T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ", "Lê Văn Tâm"]),
        (Role.PARTY_OFFICE_HEAD, ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Lê Văn Tâm"]),
    ],
)
def test_a_deputy_or_the_office_head_signs_with_their_own_block(
    client, september, secretary_a, ward_a, role, authority
):
    signer = make_member(ward_a, role, username="signer_a", full_name="Lê Văn Tâm")
    client.force_login(signer)
    response = _register(client)
    page = client.get(response["Location"]).content.decode()
    lines = _lines(_document(page))
    assert lines[lines.index(authority[0]) :] == authority
    assert "Nguyễn Văn Hải" not in lines


def test_a_registered_reports_signature_stays_when_the_signers_role_changes(
    client, september, secretary_a, ward_a
):
    deputy = make_member(ward_a, Role.PARTY_DEPUTY, username="deputy_a", full_name="Lê Văn Tâm")
    client.force_login(deputy)
    location = _register(client)["Location"]
    # Later the deputy's title is written out in full, then they leave the post.
    Membership.objects.filter(user=deputy).update(
        position="Phó Bí thư Thường trực Đảng ủy phường", is_active=False
    )
    client.force_login(secretary_a)
    lines = _lines(_document(client.get(location).content.decode()))
    assert lines[lines.index("T/M ĐẢNG ỦY") :] == [
        "T/M ĐẢNG ỦY",
        "K/T BÍ THƯ",
        "PHÓ BÍ THƯ",
        "Lê Văn Tâm",
    ]


def test_the_register_button_shows_to_whoever_may_register(client, september, secretary_a, head_a):
    action = reverse("compliance:report_register")
    assert action in _page_of(client, secretary_a)
    assert action not in _page_of(client, head_a)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (None, 302),  # to the sign-in page
        ("secretary_a", 302),
        ("admin_user", 302),
        ("head_a", 403),  # the Chủ tịch UBND signs for the UBND, not the Đảng ủy
        ("officer_a", 403),
        ("party_officer_a", 403),  # an officer drafts, does not sign
        ("reviewer", 403),  # the city's reviewers read, they do not sign
        ("officer_b", 404),  # another ward's report does not exist for them
        ("mttq_a", 404),
    ],
)
def test_who_may_register_the_report(persona_client, september, ward_a, persona, status):
    client = persona_client(persona)
    response = _register(client, f"{SEPTEMBER}&unit={ward_a.pk}")
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith("/staff/login/")
    registered = OutgoingDocument.objects.exists()
    assert registered == (persona in ("secretary_a", "admin_user"))


def test_registering_is_post_only(client, september, secretary_a):
    client.force_login(secretary_a)
    assert client.get(f"{reverse('compliance:report_register')}?{SEPTEMBER}").status_code == 405
    assert not OutgoingDocument.objects.exists()


def test_registering_needs_the_csrf_token(september, secretary_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary_a)
    assert _register(client).status_code == 403
    assert not OutgoingDocument.objects.exists()


def test_at_city_level_an_administrator_registers_under_the_thanh_uys_number(
    client, september, admin_user, city
):
    client.force_login(admin_user)
    response = _register(client, f"{SEPTEMBER}&unit={city.pk}")
    assert OutgoingDocument.objects.get().label == "1-BC/TU"
    lines = _lines(_document(client.get(response["Location"]).content.decode()))
    assert "Số 1-BC/TU" in lines


# --- The Word file ----------------------------------------------------------------------------


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_the_word_file_has_the_heading_number_authority_line_and_font(
    client, september, secretary_a
):
    client.force_login(secretary_a)
    _register(client)
    response = _get(client, name="compliance:report_docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    doc = Document(io.BytesIO(response.content))
    heading = doc.tables[0]
    left, right = heading.rows[0].cells
    assert _cell_lines(left) == [
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "*",
        "Số 1-BC/ĐU",
    ]
    assert _cell_lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bến Thành, ngày 28 tháng 9 năm 2026"]
    recipients, signature = doc.tables[-1].rows[0].cells
    assert _cell_lines(signature) == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Hải"]
    assert _cell_lines(recipients)[-1] == "- Lưu Văn phòng Đảng ủy."
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts and SUBJECT in texts
    assert not any("Số liệu tính lúc" in t for t in texts)
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == FONT for r in runs)
    exported = AuditEntry.objects.get(action="compliance.report_exported")
    assert exported.data["format"] == "docx"


def test_another_wards_officer_gets_no_word_file_of_ward_a(client, september, officer_b, ward_a):
    client.force_login(officer_b)
    response = _get(client, f"{SEPTEMBER}&unit={ward_a.pk}", name="compliance:report_docx")
    assert response.status_code == 404


# --- Figures that reconcile -------------------------------------------------------------------


def _dashboard_cell(page: str, unit_code: str, column: str) -> str:
    row_marker = "data-total-row" if unit_code == "total" else f'data-unit-code="{unit_code}"'
    row = page.split(row_marker, 1)[1].split("</tr>", 1)[0]
    cell = row.split(f'data-column="{column}"', 1)[1].split("</td>", 1)[0]
    return unescape(re.search(r'class="cmp-number"[^>]*>([^<]*)<', cell).group(1)).strip()


def _docx_tables(content: bytes) -> list[list[list[str]]]:
    doc = Document(io.BytesIO(content))
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables[1:-1]]


def test_the_report_has_the_figures_of_the_dashboard(client, clock, reviewer, ward_a, ward_b):
    """June 2026, city level: every figure of the document, on the page and in Word, is the
    number the dashboard shows for that unit or for the total, with the same formula."""
    clock.to(2026, 6, 15, 10)
    bulk_scene([ward_a, ward_b], per_unit=10, today=date(2026, 6, 15))
    client.force_login(reviewer)
    query = "period=month&year=2026&month=6"
    dashboard = client.get(f"{reverse('compliance:city')}?{query}").content.decode()
    page = _get(client, query).content.decode()
    on_page = [[headers, *rows] for headers, rows in _tables(_document(page))]
    in_word = _docx_tables(_get(client, query, name="compliance:report_docx").content)
    assert on_page == in_word

    def shown(unit, key):
        return _dashboard_cell(dashboard, "total" if unit == "total" else unit.code, key)

    def unit_rows(last_header):
        rows = next(t[1:] for t in in_word if t[0][0] == "Đơn vị" and t[0][-1] == last_header)
        return {row[0]: row[1:] for row in rows}

    sessions = unit_rows("Kết luận đúng hạn")
    concerns = unit_rows("Tỷ lệ đúng hạn")
    times = unit_rows("Cam kết quá hạn")
    concern_keys = ["received", "answered", "answered_on_time", "overdue", "disputed"]
    for unit in (ward_a, ward_b):
        held, required = shown(unit, "sessions_held"), shown(unit, "sessions_required")
        assert sessions[unit.name] == [
            f"{held} / {required}",
            shown(unit, "sessions_with_notice"),
            shown(unit, "conclusions_on_time"),
        ]
        assert concerns[unit.name] == [
            *(shown(unit, k) for k in concern_keys),
            shown(unit, "on_time_rate"),
        ]
        assert times[unit.name] == [
            shown(unit, "answer_median"),
            shown(unit, "answer_p90"),
            shown(unit, "commitments_overdue"),
        ]
    assert concerns[ward_a.name][0] == "10"  # the scene's concerns, not an empty report
    assert concerns[ward_a.name][-1].endswith(" %")

    # The totals: each figure of section I is the dashboard's total, with its formula.
    with translation.override("vi"):
        labels = {str(c.label): (c.key, str(c.formula)) for c in columns(5, 10)}
    figure_rows = [r for t in in_word if t[0][0] == "Chỉ tiêu" for r in t[1:]]
    assert len(figure_rows) == len(labels)
    for label, value, _status, formula in figure_rows:
        key, expected_formula = labels[label]
        assert value.split(" (", 1)[0] == shown("total", key), label
        assert formula == expected_formula


@pytest.mark.postgres(reason="SQLite cannot lock rows")
@pytest.mark.django_db(transaction=True)
def test_clicks_at_the_same_moment_number_the_report_once(secretary_a, ward_a):
    from django.db import connection

    from compliance.services import report_register

    clicks = 5
    barrier = threading.Barrier(clicks)
    labels: list[str] = []
    errors: list[BaseException] = []

    def click():
        try:
            barrier.wait(timeout=10)
            entry, _created = report_register(
                actor=secretary_a,
                root=ward_a,
                period=Period.for_month(2026, 9),
                today=date(2026, 9, 28),
            )
            labels.append(entry.label)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert labels == ["1-BC/ĐU"] * clicks
    assert OutgoingDocument.objects.count() == 1
