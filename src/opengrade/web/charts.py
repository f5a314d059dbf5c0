"""Server-side SVG charts as plain data for the templates: bars with their label, count and
share written out (readable without colour), and hatched or outlined fills for series."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from opengrade.store.dashboard_counts import TrendPoint
from opengrade.web.views import percent

WIDTH = 320
ROW = 24
LABEL = 170


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: label, count, share text, its y and width in the SVG, and a link (a query)."""

    label: str
    count: int
    share: str
    y: int
    width: int
    link: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart titled ``title``; ``height`` in SVG units."""

    title: str
    bars: tuple[Bar, ...]
    height: int
    total: int


def bar_chart(
    title: str, counts: Mapping[str, int], link: Callable[[str], str] | None = None
) -> Chart:
    total = sum(counts.values())
    largest = max(counts.values(), default=0)
    bars = tuple(
        Bar(
            label=label,
            count=count,
            share=percent(count, total),
            y=index * ROW,
            width=max(1, round(WIDTH * count / largest)) if largest and count else 0,
            link=link(label) if link else "",
        )
        for index, (label, count) in enumerate(counts.items())
    )
    return Chart(title, bars, max(ROW, len(bars) * ROW), total)


@dataclass(frozen=True, slots=True)
class Segment:
    """One series' part of a trend row: x, width and count."""

    series: str
    x: int
    width: int
    count: int


@dataclass(frozen=True, slots=True)
class TrendRow:
    period: str
    y: int
    segments: tuple[Segment, ...]
    total: int


SERIES = ("open", "closed", "unknown")


def trend_rows(points: Sequence[TrendPoint], limit: int = 24) -> tuple[TrendRow, ...]:
    """The last ``limit`` periods as stacked rows (open, closed, unknown weights)."""
    shown = list(points)[-limit:]
    largest = max((sum(p.counts.values()) for p in shown), default=0)
    rows = []
    for index, point in enumerate(shown):
        x = 0
        segments = []
        for series in SERIES:
            count = point.counts.get(series, 0)
            width = round(WIDTH * count / largest) if largest else 0
            segments.append(Segment(series, x, width, count))
            x += width
        rows.append(
            TrendRow(point.period, index * ROW, tuple(segments), sum(point.counts.values()))
        )
    return tuple(rows)
