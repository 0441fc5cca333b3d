"""Every CSV and XLSX download of the portal is written here.

- **Safe cells.** Text loses its control characters (``lib.text``: a spreadsheet refuses a
  workbook holding one) and text a spreadsheet would run as a formula (starting with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe.
- **Typed cells.** Numbers stay numbers, dates are dates, datetimes are local datetimes,
  yes/no are booleans (in a CSV, the words "yes" / "no"). In a CSV dates and datetimes are
  ISO (``2026-11-12``, ``2026-11-12 09:30``), which no locale misreads.
- **CSV** is streamed (``StreamingHttpResponse``), UTF-8 with a byte-order mark so Excel
  reads Vietnamese. **XLSX** is written by openpyxl in write-only mode (rows go to disk as
  they come), with column widths, a frozen header and bold header rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .text import clean_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Sheet names: at most 31 characters, none of these.
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def safe_text(value: object) -> str:
    """Text as a cell may hold it: no control characters, never read as a formula."""
    text = "" if value is None else clean_control_characters(str(value))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _local(value: datetime) -> datetime:
    """A datetime as the wall-clock time of the portal's zone, without a zone (as Excel has)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def xlsx_value(value: object) -> object:
    """The value an XLSX cell stores: typed where the type is known, safe text otherwise."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return value
    return safe_text(value)


def csv_value(value: object) -> str:
    """The text a CSV cell holds: ISO dates, plain numbers, yes / no, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(value)


@dataclass(frozen=True)
class Column:
    """A column: its header, its width in characters (XLSX), its number format (XLSX)."""

    header: str
    width: float | None = None
    number_format: str | None = None

    def xlsx_width(self) -> float:
        if self.width is not None:
            return self.width
        return min(max(len(str(self.header)) + 2, 10), 60)


@dataclass
class Sheet:
    """One worksheet: columns, rows (any iterable, read once), and how it looks.

    ``header`` writes the column headers as the first row; ``bold_rows`` makes that many
    first rows bold (header included); ``freeze`` is the top-left cell that stays in view.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    header: bool = True
    bold_rows: int = 1
    freeze: str | None = "A2"


def _xlsx_rows(sheet: Sheet, worksheet) -> Iterator[list]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    formats = [col.number_format for col in sheet.columns]
    lines: Iterable[Sequence[object]] = sheet.rows
    if sheet.header:
        lines = _prepend([col.header for col in sheet.columns], lines)
    for index, line in enumerate(lines):
        cells = []
        for position, raw in enumerate(line):
            value = xlsx_value(raw)
            cell = WriteOnlyCell(worksheet, value=value)
            is_header = sheet.header and index == 0
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif (
                not is_header
                and position < len(formats)
                and formats[position]
                and isinstance(value, int | float | Decimal)
                and not isinstance(value, bool)
            ):
                cell.number_format = formats[position]
            if index < sheet.bold_rows:
                cell.font = bold
            cells.append(cell)
        yield cells


def _prepend(first: Sequence[object], rest: Iterable[Sequence[object]]) -> Iterator:
    yield first
    yield from rest


def sheet_title(title: str) -> str:
    return str(title).translate(_SHEET_NAME_FORBIDDEN)[:31]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of ``sheets``, in order, written in openpyxl's write-only mode."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title))
        for number, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(number)].width = column.xlsx_width()
        if sheet.freeze:
            worksheet.freeze_panes = sheet.freeze
        for cells in _xlsx_rows(sheet, worksheet):
            worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Echo:
    """A file-like object whose ``write`` hands the line back (for a streamed csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV as UTF-8 lines: a byte-order mark, the header, then one line per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    yield writer.writerow([safe_text(col.header) for col in columns]).encode()
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row]).encode()


def _download(response: HttpResponse | StreamingHttpResponse, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    columns: Sequence[Column], rows: Iterable[Sequence[object]], *, filename: str
) -> StreamingHttpResponse:
    """A streamed CSV download; ``rows`` is read while the response is sent."""
    return _download(
        StreamingHttpResponse(csv_lines(columns, rows), content_type=CSV_CONTENT_TYPE), filename
    )


def xlsx_response(sheets: Sequence[Sheet], *, filename: str) -> HttpResponse:
    """An XLSX download of ``sheets``."""
    return _download(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE), filename)
