"""dialogue_portal.lib.exports: safe, typed cells; a streamed CSV; an XLSX that always opens."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dialogue_portal.lib.exports import (
    Column,
    Sheet,
    csv_lines,
    csv_response,
    csv_value,
    safe_text,
    xlsx_bytes,
    xlsx_response,
)

# What Word pastes (vertical tab, form feed) and what nobody should type (ESC, BEL, NUL, C1).
NASTY = "Dòng một\x0bdòng hai\x0cba \x1b[31mđỏ\x07 \x00 \x85 \x9f hết"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 903", "'+84 903"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Phường Bến Thành", "Phường Bến Thành"),
        (None, ""),
        # Control characters go before the formula check: "\x07=cmd" must not become "=cmd".
        ("\x07=cmd", "'=cmd"),
        (NASTY, "Dòng một\ndòng hai\nba [31mđỏ    hết"),
    ],
)
def test_safe_text_removes_control_characters_and_neutralises_formulas(value, expected):
    assert safe_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 12), "2026-11-12"),
        # Datetimes are written as the Ho Chi Minh City wall clock (UTC+7).
        (datetime(2026, 11, 12, 2, 30, tzinfo=UTC), "2026-11-12 09:30"),
        (True, "yes"),
        (False, "no"),
        (3, "3"),
        (62.5, "62.5"),
        (Decimal("1.5"), "1.5"),
        (-2, "-2"),  # a number, not a formula
        ("-2", "'-2"),  # text that looks like one
        (None, ""),
    ],
)
def test_csv_cells_are_iso_dates_plain_numbers_and_words(value, expected, settings):
    settings.LANGUAGE_CODE = "en"
    assert csv_value(value) == expected


def test_the_csv_has_a_byte_order_mark_and_reads_back():
    columns = [Column("Mã"), Column("=Tên")]
    body = b"".join(csv_lines(columns, [["A1", NASTY], [date(2026, 1, 2), 5]]))
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Mã", "'=Tên"]
    assert rows[1][1] == safe_text(NASTY)
    assert rows[2] == ["2026-01-02", "5"]


def test_the_csv_response_streams_its_rows():
    read = []

    def rows():
        for n in range(3):
            read.append(n)
            yield [n]

    response = csv_response([Column("n")], rows(), filename="x.csv")
    assert response.streaming
    assert read == []  # nothing read before the response is sent
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert b"".join(response.streaming_content).decode("utf-8-sig").split() == [
        "n",
        "0",
        "1",
        "2",
    ]
    assert read == [0, 1, 2]


def test_the_xlsx_holds_typed_cells_safe_text_widths_and_formats():
    sheet = Sheet(
        "Ý kiến: [tháng 5]/2026 và một tiêu đề rất dài nữa",
        [Column("Mã", 20), Column("Nhận lúc"), Column("Tỷ lệ", 14, "0.0%"), Column("Nội dung")],
        [
            ["=HYPERLINK(1)", datetime(2026, 11, 12, 2, 30, tzinfo=UTC), 0.625, NASTY],
            [True, date(2026, 11, 12), None, 7],
        ],
    )
    workbook = load_workbook(io.BytesIO(xlsx_bytes([sheet])))
    ws = workbook.active
    assert ws.title == "Ý kiến   tháng 5  2026 và một t"  # 31 characters, none forbidden
    assert [c.value for c in ws[1]] == ["Mã", "Nhận lúc", "Tỷ lệ", "Nội dung"]
    assert all(c.font.b for c in ws[1])
    code, received, rate, content = ws[2]
    assert code.value == "'=HYPERLINK(1)" and code.data_type == "s"
    assert received.value == datetime(2026, 11, 12, 9, 30)  # local wall clock
    assert received.number_format == "dd/mm/yyyy hh:mm"
    assert rate.value == 0.625 and rate.number_format == "0.0%"
    assert content.value == safe_text(NASTY)
    flag, day, empty, number = ws[3]
    assert flag.value is True and flag.data_type == "b"
    assert day.value == datetime(2026, 11, 12) and day.number_format == "dd/mm/yyyy"
    assert empty.value is None and number.value == 7
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 20
    assert ws.column_dimensions["B"].width == 10  # from the header, at least 10
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_an_xlsx_response_is_an_attachment():
    response = xlsx_response([Sheet("S", [Column("a")], [[1]])], filename="x.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == 1
