"""The periodic report as XLSX and CSV: the same numbers as the page.

Cells are written by ``dialogue_portal.lib.exports``: text made safe (no control characters,
never a formula), numbers as numbers, dates as dates.
"""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from dialogue_portal.lib import clock
from dialogue_portal.lib.exports import Column, Sheet, csv_response, safe_text, xlsx_response

from .figures import RATE
from .periods import fmt
from .tables import Table, export_value

__all__ = ["csv_download", "figure_rows", "header", "safe_text", "xlsx_download"]


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


def _values(table: Table, f, *, percent: bool) -> list:
    values = []
    for col in table.columns:
        value = export_value(col, col.value(f))
        if percent and col.kind == RATE and value is not None:
            value = round(value * 100, 1)
        values.append(value)
    return values


def figure_rows(table: Table, *, percent: bool) -> list[list]:
    """The total, then one row per unit, in the page's order (the header is ``header``)."""
    rows = [["", _("Total"), *_values(table, table.total.figures, percent=percent)]]
    for row in table.rows:
        unit = row.figures.unit
        rows.append([unit.code, unit.name, *_values(table, row.figures, percent=percent)])
    return rows


def _figure_columns(table: Table) -> list[Column]:
    labels = header(table)
    columns = [Column(labels[0], 12), Column(labels[1], 32)]
    for label, col in zip(labels[2:], table.columns, strict=True):
        columns.append(Column(label, 14, "0.0%" if col.kind == RATE else None))
    return columns


def csv_download(table: Table, *, filename: str) -> StreamingHttpResponse:
    """The figures, rates in percent."""
    return csv_response(_figure_columns(table), figure_rows(table, percent=True), filename=filename)


def xlsx_download(
    table: Table, *, title: str, scope: str, overdue: list, filename: str
) -> HttpResponse:
    """Three sheets: the figures (rates as 0..1 shown in %), how each is computed, overdue items."""
    period = table.table.period
    figures = Sheet(
        _("Figures"),
        _figure_columns(table),
        figure_rows(table, percent=False),
        bold_rows=2,  # the header and the total
        freeze="C2",
    )
    lines = [
        [title],
        [_("Scope"), scope],
        [_("Period"), f"{period.label()} ({fmt(period.start)} – {fmt(period.end)})"],
        [_("Computed on"), table.table.today],
        [_("Exported at"), clock.now()],
        [],
        [_("Figure"), _("Formula")],
        *([f"{_group_short(col.group)}: {col.label}", str(col.formula)] for col in table.columns),
    ]
    about = Sheet(
        _("About"),
        [Column("", 40), Column("", 100)],
        lines,
        header=False,
        bold_rows=0,
        freeze=None,
    )
    late = Sheet(
        _("Overdue items"),
        [
            Column(_("Tracking code"), 20),
            Column(_("Unit"), 32),
            Column(_("Type"), 20),
            Column(_("State"), 20),
            Column(_("Deadline"), 12),
            Column(_("Received"), 12),
        ],
        (
            [
                concern.tracking_code,
                concern.unit.name,
                concern.get_type_display(),
                concern.get_state_display(),
                concern.deadline,
                clock.local_date(concern.received_at),
            ]
            for concern in overdue
        ),
    )
    return xlsx_response([figures, about, late], filename=filename)
