"""Server-side SVG charts: geometry computed here, drawn by a template, no JavaScript.

Each chart is also shown as a data table (the template puts it right under the SVG), so
that screen readers and printouts get every number. Series differ by line pattern and
marker shape as well as by colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48

# (stroke colour, dash pattern, marker) per series, in order: distinguishable in greyscale.
STYLES = [
    ("#0b5394", "", "circle"),
    ("#b45f06", "6 4", "square"),
    ("#38761d", "2 3", "diamond"),
]


@dataclass
class Point:
    x: float
    y: float
    label: str

    @property
    def corner_x(self) -> float:
        """Top-left corner of a square marker centred on the point."""
        return round(self.x - 4, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass
class Series:
    name: str
    colour: str
    dash: str
    marker: str
    points: list[Point] = field(default_factory=list)
    # Polyline segments (a gap where a value is missing).
    segments: list[str] = field(default_factory=list)
    bars: list[tuple[float, float, float, float, str]] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    series: list[Series]
    kind: str  # "line" or "bars"


def _x_positions(n: int) -> list[float]:
    inner = WIDTH - LEFT - RIGHT
    step = inner / n
    return [LEFT + step * (i + 0.5) for i in range(n)]


def _y(value: float, top_value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - (value / top_value if top_value else 0))


def _nice_top(value: float) -> int:
    if value <= 5:
        return 5
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return step
    return int(value) + 1


def line_chart(
    title: str, description: str, labels: list[str], series: list[tuple[str, list]]
) -> Chart:
    """Rates (0..1) by month as lines; ``None`` leaves a gap."""
    xs = _x_positions(len(labels))
    built = []
    for index, (name, values) in enumerate(series):
        colour, dash, marker = STYLES[index % len(STYLES)]
        s = Series(name=name, colour=colour, dash=dash, marker=marker)
        run: list[str] = []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                if run:
                    s.segments.append(" ".join(run))
                run = []
                continue
            y = _y(value, 1.0)
            s.points.append(Point(round(x, 1), round(y, 1), f"{number_format(value * 100, 1)} %"))
            run.append(f"{x:.1f},{y:.1f}")
        if run:
            s.segments.append(" ".join(run))
        built.append(s)
    ticks = [(_y(v / 100, 1.0), f"{v} %") for v in (0, 25, 50, 75, 100)]
    return Chart(
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        x_labels=[(round(x, 1), label) for x, label in zip(xs, labels, strict=True)],
        y_ticks=[(round(y, 1), text) for y, text in ticks],
        series=built,
        kind="line",
    )


def bar_chart(
    title: str, description: str, labels: list[str], series: list[tuple[str, list[int]]]
) -> Chart:
    """Counts by month as grouped bars."""
    xs = _x_positions(len(labels))
    top = _nice_top(max((v for _n, values in series for v in values), default=0))
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    built = []
    for index, (name, values) in enumerate(series):
        colour, dash, marker = STYLES[index % len(STYLES)]
        s = Series(name=name, colour=colour, dash=dash, marker=marker)
        for x, value in zip(xs, values, strict=True):
            left = x - slot * 0.4 + bar_width * index
            y = _y(value, top)
            s.bars.append(
                (
                    round(left, 1),
                    round(y, 1),
                    round(bar_width - 1, 1),
                    round(HEIGHT - BOTTOM - y, 1),
                    str(value),
                )
            )
        built.append(s)
    ticks = [(_y(top * i / 5, top), number_format(top * i / 5, 0)) for i in range(6)]
    return Chart(
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
        x_labels=[(round(x, 1), label) for x, label in zip(xs, labels, strict=True)],
        y_ticks=[(round(y, 1), text) for y, text in ticks],
        series=built,
        kind="bars",
    )
