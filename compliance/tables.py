"""The figure table as the pages and exports show it: cells with text, status and links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format

from .figures import (
    COUNT,
    GROUP_LABELS,
    RATE,
    STATUS_LABELS,
    STATUS_SORT,
    Column,
    columns,
    sort_rows,
)
from .periods import Period
from .selectors import Figures, FigureTable


def format_value(col: Column, value) -> str:
    if value is None:
        return "—"
    if col.kind == RATE:
        return f"{number_format(value * 100, 1)} %"
    if col.kind == COUNT:
        return str(value)
    return number_format(value, 1)


def export_value(col: Column, value):
    """The number an export carries: counts as integers, rates as 0..1, days to 1 decimal."""
    if value is None:
        return None
    if col.kind == RATE:
        return round(value, 4)
    if col.kind == COUNT:
        return int(value)
    return round(value, 1)


@dataclass(frozen=True)
class Cell:
    column: Column
    text: str
    status: str
    status_label: str
    url: str | None
    note: str
    note_url: str | None


@dataclass(frozen=True)
class Row:
    figures: Figures
    cells: list[Cell]
    unit_url: str | None
    is_total: bool = False

    @property
    def urls(self) -> dict[str, str | None]:
        """The drill-down URL of each figure, by key (for the cards above the table)."""
        return {cell.column.key: cell.url for cell in self.cells}


@dataclass(frozen=True)
class Header:
    column: Column
    sort_url: str
    sorted: str  # "", "worst" or "best"
    aria: str  # aria-sort: "none", "ascending" or "descending"


def items_url(figure: str, period: Period, *, unit=None, root=None) -> str:
    params = {"figure": figure, **period.query()}
    if unit is not None:
        params["unit"] = unit.pk
    if root is not None:
        params["root"] = root.pk
    return f"{reverse('compliance:items')}?{urlencode(params)}"


def unit_url(unit, period: Period) -> str:
    return f"{reverse('compliance:unit', args=[unit.pk])}?{urlencode(period.query())}"


def _cells(f: Figures, cols: list[Column], period: Period, *, unit=None, root=None) -> list[Cell]:
    cells = []
    for col in cols:
        status = col.status(f)
        if col.drilldown == "rules":
            url = unit_url(unit, period) + "#rules" if unit is not None else "#still-due"
        elif col.drilldown:
            url = items_url(col.drilldown, period, unit=unit, root=root)
        else:
            url = None
        note = col.note(f) if col.note else ""
        note_url = None
        if note and col.note_drilldown:
            note_url = items_url(col.note_drilldown, period, unit=unit, root=root)
        cells.append(
            Cell(
                column=col,
                text=format_value(col, col.value(f)),
                status=status,
                status_label=str(STATUS_LABELS[status]),
                url=url,
                note=note,
                note_url=note_url,
            )
        )
    return cells


@dataclass
class Table:
    table: FigureTable
    columns: list[Column]
    groups: list[tuple[str, int]]
    headers: list[Header]
    total: Row
    rows: list[Row]
    sort: str
    best_first: bool


def build(
    table: FigureTable,
    *,
    root,
    base_query: dict,
    sort: str = STATUS_SORT,
    best_first: bool = False,
    base_url: str = "",
) -> Table:
    cols = columns(table.notice_days, table.conclusions_days)
    keys = {c.key for c in cols}
    if sort not in keys and sort != STATUS_SORT:
        sort = STATUS_SORT
    period = table.period
    ordered = sort_rows(table.rows, cols, sort, best_first)
    groups: list[tuple[str, int]] = []
    for col in cols:
        if groups and groups[-1][0] == GROUP_LABELS[col.group]:
            groups[-1] = (groups[-1][0], groups[-1][1] + 1)
        else:
            groups.append((GROUP_LABELS[col.group], 1))
    headers = []
    for col in cols:
        is_sorted = sort == col.key
        next_best = is_sorted and not best_first
        query = {**base_query, "sort": col.key}
        if next_best:
            query["dir"] = "best"
        aria = "none"
        if is_sorted:
            # Worst first means descending values when a higher value is worse.
            aria = "descending" if col.higher_is_worse != best_first else "ascending"
        headers.append(
            Header(
                column=col,
                sort_url=f"{base_url}?{urlencode(query)}",
                sorted=("best" if best_first else "worst") if is_sorted else "",
                aria=aria,
            )
        )
    rows = [
        Row(
            figures=f,
            cells=_cells(f, cols, period, unit=f.unit),
            unit_url=unit_url(f.unit, period),
        )
        for f in ordered
    ]
    total = Row(
        figures=table.total,
        cells=_cells(table.total, cols, period, root=root),
        unit_url=None,
        is_total=True,
    )
    return Table(
        table=table,
        columns=cols,
        groups=groups,
        headers=headers,
        total=total,
        rows=rows,
        sort=sort,
        best_first=best_first,
    )
