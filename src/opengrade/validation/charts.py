"""Per-group charts as inline SVG, drawn on the server (no script): one horizontal bar per group
for a metric in [0, 1], its interval as a whisker, small groups hatched, empty ones named."""

from __future__ import annotations

from html import escape

from opengrade.validation.results import PartitionResult

_ROW = 22
_LABEL = 230
_WIDTH = 300
_VALUE = 120


def group_chart(partition: PartitionResult, metric: str) -> str:
    """An SVG chart of ``metric`` per group of ``partition``."""
    height = _ROW * (len(partition.groups) + 1) + 8
    width = _LABEL + _WIDTH + _VALUE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(metric)} by {escape(partition.attribute)}</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#9bb7d4"/>'
        "</pattern></defs>",
    ]
    for tick in (0.0, 0.5, 1.0):
        x = _LABEL + tick * _WIDTH
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 14}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 2}" text-anchor="middle">{tick:g}</text>')
    for row, group in enumerate(partition.groups):
        y = row * _ROW + 4
        parts.append(
            f'<text x="{_LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(group.group)}</text>'
        )
        estimate = next((item for item in group.estimates if item.metric == metric), None)
        if estimate is None or estimate.value is None:
            label = "0 rows" if group.size == 0 else "undefined"
            parts.append(f'<text x="{_LABEL + 4}" y="{y + 14}" fill="#a00">{label}</text>')
            continue
        fill = "url(#hatch)" if group.small else "#3b6ea5"
        bar = max(0.0, min(1.0, estimate.value)) * _WIDTH
        parts.append(
            f'<rect x="{_LABEL}" y="{y + 3}" width="{bar:.1f}" height="{_ROW - 8}" fill="{fill}"/>'
        )
        if estimate.low is not None and estimate.high is not None:
            low = _LABEL + max(0.0, estimate.low) * _WIDTH
            high = _LABEL + min(1.0, estimate.high) * _WIDTH
            middle = y + _ROW / 2
            parts.append(
                f'<line x1="{low:.1f}" y1="{middle:.1f}" x2="{high:.1f}" y2="{middle:.1f}" '
                'stroke="#111" stroke-width="1.5"/>'
            )
        text = f"{estimate.value:.3f} (n={group.size})"
        parts.append(f'<text x="{_LABEL + _WIDTH + 6}" y="{y + 14}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)
