"""The figure table as the pages and exports show it: cells with text, status and links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe

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


def format_value(col: Column, value, decimal_separator: str | None = None) -> str:
    """The number as the page shows it: "62,5 %" for a rate, "16,5" for days (vi)."""
    if value is None:
        return "—"
    if col.kind == COUNT:
        return str(value)
    if decimal_separator is None:
        text = number_format(value * 100 if col.kind == RATE else value, 1)
    else:
        text = f"{value * 100 if col.kind == RATE else value:.1f}".replace(".", decimal_separator)
    return f"{text} %" if col.kind == RATE else text


def export_value(col: Column, value):
    """The number an export carries: counts as integers, rates as 0..1, days to 1 decimal."""
    if value is None:
        return None
    if col.kind == RATE:
        return round(value, 4)
    if col.kind == COUNT:
        return int(value)
    return round(value, 1)


@dataclass
class Cell:
    column: Column
    text: str
    status: str
    status_label: str
    mark: str
    url: str | None
    note: str
    note_url: str | None

    @cached_property
    def html(self) -> str:
        """The cell's content (number, status, note), built here rather than in the
        template: the city table has some 3,000 cells. Plain f-strings with every
        variable part escaped (``format_html`` costs a third of the page otherwise)."""
        text = _esc(self.text)
        if self.url:
            number = f'<a class="cmp-number" href="{_esc(self.url)}">{text}</a>'
        else:
            number = f'<span class="cmp-number">{text}</span>'
        status = ""
        if self.status != "none":
            status = (
                f'<br><span class="cmp-status cmp-status-{_esc(self.status)} cmp-status-sm">'
                f'<span aria-hidden="true">{_esc(self.mark)}</span> {_esc(self.status_label)}</span>'
            )
        note = ""
        if self.note:
            if self.note_url:
                note = f'<a class="cmp-note" href="{_esc(self.note_url)}">{_esc(self.note)}</a>'
            else:
                note = f'<span class="cmp-note">{_esc(self.note)}</span>'
        return mark_safe(number + status + note)  # noqa: S308  # nosec B308 B703: parts escaped

    @property
    def td(self) -> str:
        return (
            f'<td class="cmp-cell-{_esc(self.status)}" data-column="{_esc(self.column.key)}">'
            f"{self.html}</td>"
        )


def _esc(value) -> str:
    return escape(str(value), quote=True)


@dataclass(frozen=True)
class Row:
    figures: Figures
    cells: list[Cell]
    unit_url: str | None
    is_total: bool = False

    @property
    def cells_html(self) -> str:
        """Every cell of the row as one string (the template loops over rows only)."""
        return mark_safe("".join(cell.td for cell in self.cells))  # noqa: S308  # nosec B308 B703

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


class _Links:
    """The drill-down URLs of a table, built from prefixes computed once (169 units × 17
    figures would otherwise reverse and encode thousands of times)."""

    def __init__(self, period: Period):
        self.period = period
        self.items = reverse("compliance:items")
        self.unit_prefix = reverse("compliance:unit", args=[0]).rsplit("0/", 1)[0]
        self.period_query = urlencode(period.query())

    def items_url(self, figure: str, *, unit=None, root=None) -> str:
        scope = f"unit={unit.pk}" if unit is not None else f"root={root.pk}"
        return f"{self.items}?figure={figure}&{self.period_query}&{scope}"

    def unit_url(self, unit) -> str:
        return f"{self.unit_prefix}{unit.pk}/?{self.period_query}"


def _cells(
    f: Figures, cols: list[Column], links: _Links, labels: dict, sep: str, *, unit=None, root=None
) -> list[Cell]:
    from .templatetags.compliance_tags import STATUS_MARKS

    cells = []
    for col in cols:
        status = col.status(f)
        if col.drilldown == "rules":
            url = links.unit_url(unit) + "#rules" if unit is not None else "#still-due"
        elif col.drilldown:
            url = links.items_url(col.drilldown, unit=unit, root=root)
        else:
            url = None
        note = col.note(f) if col.note else ""
        note_url = None
        if note and col.note_drilldown:
            note_url = links.items_url(col.note_drilldown, unit=unit, root=root)
        cells.append(
            Cell(
                column=col,
                text=format_value(col, col.value(f), sep),
                status=status,
                status_label=labels[status],
                mark=STATUS_MARKS[status],
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
    links = _Links(period)
    labels = {key: str(label) for key, label in STATUS_LABELS.items()}
    sep = get_format("DECIMAL_SEPARATOR")
    rows = [
        Row(
            figures=f,
            cells=_cells(f, cols, links, labels, sep, unit=f.unit),
            unit_url=links.unit_url(f.unit),
        )
        for f in ordered
    ]
    total = Row(
        figures=table.total,
        cells=_cells(table.total, cols, links, labels, sep, root=root),
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
