"""The periodic report as XLSX (openpyxl) and CSV: the same numbers as the page.

Every text cell that a spreadsheet could read as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .figures import RATE
from .periods import fmt
from .selectors import Figures
from .tables import Table, export_value

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _cell(value):
    """Numbers as numbers, everything else as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return safe_text(value)
    if isinstance(value, int | float):
        return value
    return safe_text(value)


def header(table: Table) -> list[str]:
    labels = [_("Unit code"), _("Unit")]
    for col in table.columns:
        label = f"{col.label}"
        if col.kind == RATE:
            label = f"{label} (%)"
        labels.append(f"{_group_short(col.group)}: {label}")
    return labels


def _group_short(group: str) -> str:
    return {
        "sessions": _("Sessions"),
        "concerns": _("Concerns"),
        "times": _("Working days"),
        "commitments": _("Commitments"),
    }[group]


def _values(table: Table, f: Figures, *, percent: bool) -> list:
    values = []
    for col in table.columns:
        value = export_value(col, col.value(f))
        if percent and col.kind == RATE and value is not None:
            value = round(value * 100, 1)
        values.append(value)
    return values


def figure_rows(table: Table, *, percent: bool) -> list[list]:
    """Header, the total, then one row per unit, in the page's order."""
    rows = [header(table)]
    rows.append(["", _("Total"), *_values(table, table.total.figures, percent=percent)])
    for row in table.rows:
        unit = row.figures.unit
        rows.append([unit.code, unit.name, *_values(table, row.figures, percent=percent)])
    return rows


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the Vietnamese), rates in percent."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in figure_rows(table, percent=True):
        writer.writerow(["" if v is None else (_cell(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, title: str, scope: str, overdue: list) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    period = table.table.period
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Figures")[:31]
    rate_columns = [i + 3 for i, col in enumerate(table.columns) if col.kind == RATE]
    for r, row in enumerate(figure_rows(table, percent=False), start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value=_cell(value) if value is not None else None)
            if isinstance(cell.value, str):
                cell.data_type = "s"
            if r > 1 and c in rate_columns and value is not None:
                cell.number_format = "0.0%"
            if r <= 2:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 32
    for c in range(3, len(table.columns) + 3):
        sheet.column_dimensions[get_column_letter(c)].width = 14

    about = workbook.create_sheet(_("About")[:31])
    lines = [
        (safe_text(title), None),
        (_("Scope"), safe_text(scope)),
        (_("Period"), f"{period.label()} ({fmt(period.start)} – {fmt(period.end)})"),
        (_("Computed on"), fmt(table.table.today)),
        (_("Exported at"), timezone.localtime().strftime("%d/%m/%Y %H:%M")),
        ("", None),
        (_("Figure"), _("Formula")),
    ]
    for col in table.columns:
        lines.append((f"{_group_short(col.group)}: {col.label}", str(col.formula)))
    for r, (a, b) in enumerate(lines, start=1):
        first = about.cell(row=r, column=1, value=safe_text(a))
        first.data_type = "s"
        if b is not None:
            second = about.cell(row=r, column=2, value=safe_text(b))
            second.data_type = "s"
    about.column_dimensions["A"].width = 40
    about.column_dimensions["B"].width = 100

    late = workbook.create_sheet(_("Overdue items")[:31])
    late_header = [
        _("Tracking code"),
        _("Unit"),
        _("Type"),
        _("State"),
        _("Deadline"),
        _("Received"),
    ]
    for c, text in enumerate(late_header, start=1):
        late.cell(row=1, column=c, value=safe_text(text)).font = Font(bold=True)
    for r, concern in enumerate(overdue, start=2):
        values = [
            concern.tracking_code,
            concern.unit.name,
            concern.get_type_display(),
            concern.get_state_display(),
            fmt(concern.deadline),
            fmt(timezone.localtime(concern.received_at).date()),
        ]
        for c, value in enumerate(values, start=1):
            cell = late.cell(row=r, column=c, value=safe_text(value))
            cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
