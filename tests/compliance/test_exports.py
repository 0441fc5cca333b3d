"""The periodic report's XLSX and CSV carry the numbers of the report's document, safely, and
are audited."""

import csv
import io
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from compliance.exports import safe_text
from compliance.figures import columns
from units.models import Unit

# Every test runs on the May 2026 dataset, built once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("may_2026_for_the_module")]

MAY_QUERY = "period=month&year=2026&month=5"


def _report_units(page: str) -> dict[str, list[str]]:
    """The per-unit figures of the report's official document, by unit code, in the order of
    the old one-table report: held / required, notice, conclusions, received, answered, on
    time, overdue, disputed, rate, median / p90, commitments overdue."""
    document = page.split('<article class="official-document', 1)[1].split("</article>", 1)[0]
    tables = {}
    for table in re.findall(r'<table class="od-table">(.*?)</table>', document, re.S):
        headers = [unescape(h).strip() for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)]
        body = table.split("<tbody>", 1)[1]
        rows = [
            [unescape(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        ]
        if headers[0] == "Đơn vị":
            tables[headers[-1]] = {row[0]: row[1:] for row in rows}
    codes = dict(Unit.objects.values_list("name", "code"))
    sessions, concerns = tables["Kết luận đúng hạn"], tables["Tỷ lệ đúng hạn"]
    times = tables["Cam kết quá hạn"]
    return {
        codes[name]: [
            *sessions[name],
            *concerns[name],
            f"{times[name][0]} / {times[name][1]}",
            times[name][2],
        ]
        for name in sessions
    }


def _csv(client, query=MAY_QUERY) -> list[list[str]]:
    response = client.get(f"{reverse('compliance:report_csv')}?{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content)  # streamed, UTF-8 with a byte-order mark
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


KEYS = ["code", "name", *(c.key for c in columns(5, 10))]


def _by_code(rows) -> dict[str, dict]:
    """Rows by unit code ("total" for the total), cells by figure key (column order)."""
    assert len(rows[0]) == len(KEYS)
    return {row[0] or "total": dict(zip(KEYS, row, strict=True)) for row in rows[1:]}


def test_the_csv_has_the_same_numbers_as_the_report_page(client, may_2026, reviewer):
    client.force_login(reviewer)
    page = client.get(f"{reverse('compliance:report')}?{MAY_QUERY}").content.decode()
    shown = _report_units(page)
    data = _by_code(_csv(client))
    ward_a = data["26743"]
    # Report columns: held / required, notice, conclusions, received, answered, on time,
    # overdue, disputed, rate, median / p90, commitments overdue.
    expected = shown["26743"]
    assert expected[0] == f"{ward_a['sessions_held']} / {ward_a['sessions_required']}" == "4 / 7"
    assert expected[3] == ward_a["received"] == "7"
    assert expected[4] == ward_a["answered"] == "6"
    assert expected[6] == ward_a["overdue"] == "2"
    assert expected[8] == "62,5 %" and ward_a["on_time_rate"] == "62.5"
    assert expected[9] == "16,5 / 28,5"
    assert (ward_a["answer_median"], ward_a["answer_p90"]) == ("16.5", "28.5")
    assert data["total"]["on_time_rate"] == "60.0"
    assert data["total"]["answer_p90"] == "27.4"


def test_the_xlsx_opens_and_has_the_same_numbers(client, may_2026, reviewer):
    client.force_login(reviewer)
    response = client.get(f"{reverse('compliance:report_xlsx')}?{MAY_QUERY}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    data = _by_code([[cell.value for cell in row] for row in sheet.iter_rows()])
    assert data["26743"]["received"] == 7
    assert data["26743"]["on_time_rate"] == pytest.approx(0.625)
    assert data["total"]["answer_p90"] == pytest.approx(27.4)
    rate_cell = sheet.cell(row=3, column=KEYS.index("on_time_rate") + 1)
    assert rate_cell.number_format == "0.0%"
    overdue = workbook.worksheets[2]
    codes = {row[0].value for row in overdue.iter_rows(min_row=2)}
    assert may_2026.concerns["c5"].tracking_code in codes


def test_every_export_is_audited(client, may_2026, reviewer, city):
    client.force_login(reviewer)
    client.get(f"{reverse('compliance:report_csv')}?{MAY_QUERY}")
    client.get(f"{reverse('compliance:report_xlsx')}?{MAY_QUERY}")
    entries = AuditEntry.objects.filter(action="compliance.report_exported").order_by("pk")
    assert [e.data["format"] for e in entries] == ["csv", "xlsx"]
    assert entries[0].actor == reviewer
    assert entries[0].unit == city
    assert entries[0].data["period"] == "2026-05"


def test_formula_like_text_is_neutralised(client, clock, city, reviewer):
    from tests.factories import make_unit

    make_unit(name='=HYPERLINK("http://evil.example","x")', parent=city, code="EVIL1")
    make_unit(name="+cmd|' /C calc'!A0", parent=city, code="EVIL2")
    client.force_login(reviewer)
    rows = _csv(client)
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["EVIL1"].startswith("'=")
    assert names["EVIL2"].startswith("'+")
    response = client.get(f"{reverse('compliance:report_xlsx')}")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" and str(c.value).startswith("'=") for c in cells)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Phường", "Phường"),
    ],
)
def test_safe_text(value, expected):
    assert safe_text(value) == expected


def _libreoffice() -> str | None:
    for candidate in ("/usr/bin/libreoffice", "/usr/bin/soffice"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_converts_the_xlsx_with_the_page_numbers(client, may_2026, reviewer, tmp_path):
    binary = _libreoffice()
    if binary is None:
        reason = (
            "LibreOffice is not installed (apt-get install libreoffice-calc-nogui); CI installs it"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the LibreOffice conversion: {reason}")
        print(f"\nSkipping the LibreOffice conversion: {reason}")
        pytest.skip(reason)
    client.force_login(reviewer)
    response = client.get(f"{reverse('compliance:report_xlsx')}?{MAY_QUERY}")
    source = tmp_path / "report.xlsx"
    source.write_bytes(response.content)
    subprocess.run(
        [
            binary,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = (tmp_path / "report.csv").read_text(encoding="utf-8")
    data = _by_code(list(csv.reader(io.StringIO(converted))))
    page = client.get(f"{reverse('compliance:report')}?{MAY_QUERY}").content.decode()
    shown = _report_units(page)
    ward_a = data["26743"]
    assert ward_a["received"] == shown["26743"][3] == "7"
    assert ward_a["answered"] == shown["26743"][4] == "6"
    assert ward_a["overdue"] == shown["26743"][6] == "2"
    # LibreOffice writes the percentage as formatted (62.5%); the page as 62,5 %.
    assert ward_a["on_time_rate"].replace(",", ".") == "62.5%"
    assert shown["26743"][8] == "62,5 %"
    assert data["total"]["answer_p90"].replace(",", ".") == "27.4"
