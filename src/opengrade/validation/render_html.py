"""The validation report as one self-contained HTML page: tables and per-group SVG charts,
no script, no external resource."""

from __future__ import annotations

from html import escape

from opengrade.validation.charts import group_chart
from opengrade.validation.render_text import (
    GROUP_METRICS,
    find,
    header_lines,
    number,
    with_interval,
)
from opengrade.validation.results import PartitionResult, ValidationReport

CHART_METRICS = ("selection_rate", "recall", "accuracy")
_STYLE = (
    "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#111}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px}"
    ".failed{color:#a00;font-weight:bold}.small{color:#a60}figure{margin:1em 0}"
)


def _partition(partition: PartitionResult) -> list[str]:
    edges = ", ".join(f"{edge:g}" for edge in partition.edges)
    parts = [f"<h2>By {escape(partition.attribute)}</h2>"]
    if edges:
        parts.append(f"<p>Numeric attribute binned at {escape(edges)}.</p>")
    head = "".join(
        f"<th>{escape(name)}</th>" for name in ("group", "size", "positives", *GROUP_METRICS)
    )
    parts.append(f"<table><tr>{head}</tr>")
    for group in partition.groups:
        flag = " (empty)" if group.size == 0 else " (small)" if group.small else ""
        css = ' class="small"' if flag else ""
        cells = [
            f"<td{css}>{escape(group.group + flag)}</td>",
            f"<td>{group.size}</td>",
            f"<td>{group.positives}</td>",
        ]
        cells += [
            f"<td>{escape(with_interval(find(group.estimates, name)))}</td>"
            for name in GROUP_METRICS
        ]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table><table><tr><th>fairness metric</th><th>value [interval]</th></tr>")
    parts += [
        f"<tr><td>{escape(item.metric)}</td><td>{escape(with_interval(item))}</td></tr>"
        for item in partition.fairness
    ]
    parts.append("</table>")
    for metric in CHART_METRICS:
        parts.append(
            f"<figure>{group_chart(partition, metric)}<figcaption>{escape(metric)} by "
            f"{escape(partition.attribute)}, with its interval; hatched: small group"
            "</figcaption></figure>"
        )
    return parts


def render_html(report: ValidationReport) -> str:
    """The HTML page."""
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        "<title>opengrade validation</title>",
        f"<style>{_STYLE}</style></head><body><h1>opengrade validation</h1><ul>",
    ]
    parts += [f"<li>{escape(line)}</li>" for line in header_lines(report)]
    parts.append("</ul><h2>Overall</h2><table><tr><th>metric</th><th>value [interval]</th></tr>")
    parts += [
        f"<tr><td>{escape(item.metric)}</td><td>{escape(with_interval(item))}</td></tr>"
        for item in report.overall
    ]
    parts.append("</table>")
    for partition in report.partitions:
        parts += _partition(partition)
    if report.checks:
        parts.append("<h2>Checks (--fail-if)</h2><ul>")
        for item in report.checks:
            verdict = "undefined" if item.failed is None else "FAILED" if item.failed else "passed"
            css = ' class="failed"' if item.failed else ""
            parts.append(
                f"<li{css}>{escape(item.expression)} on {escape(item.scope)}: "
                f"{escape(number(item.value))} — {verdict}</li>"
            )
        parts.append("</ul>")
    if report.notes:
        parts.append(
            "<h2>Notes</h2><ul>"
            + "".join(f"<li>{escape(note)}</li>" for note in report.notes)
            + "</ul>"
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)
