"""``--format html``: one self-contained page (inline CSS, no scripts, no external resources)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from opengrade.formats.checklists import html_section
from opengrade.formats.interface import Format
from opengrade.formats.wording import (
    concluded_lines,
    license_source,
    mof_headline,
    progress_line,
    release_title,
)
from opengrade.model.report import Report

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.verdicts{display:flex;gap:1rem;flex-wrap:wrap}
.verdict{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem}
.high{color:#a40000;font-weight:600}.medium{color:#a05a00;font-weight:600}.low{color:#555}
.open,.met{color:#176b2c}.not-open,.missing,.unlicensed,.not_met{color:#a40000}
.unknown{color:#8a6d00}
footer{margin-top:2rem;color:#666;font-size:.85rem}
"""


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, status_column: int | None = None
) -> str:
    """An HTML table; cells are escaped here. The status column's cells carry their status as
    a CSS class, so open, missing and unknown read at a glance."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{escape(cell)}">{escape(cell)}</td>'
            if index == status_column
            else f"<td>{escape(cell)}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _text(value: object) -> str:
    return "—" if value is None else str(value)


class HtmlFormat(Format):
    """The report as a single HTML page."""

    name = "html"

    def render(self, report: Report) -> str:
        title = escape(release_title(report))
        verdicts = (
            f'<div class="verdict"><b>MOF</b><br>{escape(mof_headline(report))}<br>'
            f"<small>{escape(progress_line(report))}</small></div>"
            f'<div class="verdict"><b>OSAID 1.0</b><br>{escape(str(report.osaid.verdict))}</div>'
            f'<div class="verdict"><b>EU AI Act Art. 53(2)</b><br>'
            f"{escape(str(report.eu_ai_act.status))}<br><small>guidance, not legal advice</small>"
            f'</div><div class="verdict"><b>Open-washing findings</b><br>{len(report.findings)}'
            "</div>"
        )
        concluded = "".join(f"<p><b>{escape(line)}</b></p>" for line in concluded_lines(report))
        findings = "".join(
            f'<li><span class="{escape(str(item.severity))}">{escape(str(item.severity))}</span> '
            f"<code>{escape(item.code)}</code>: {escape(item.message)} "
            f"<small>{escape('; '.join(item.evidence[:3]))}</small></li>"
            for item in report.findings
        )
        licenses = _table(
            ("key", "scope", "source", "open", "where"),
            [
                (
                    use.key or "unknown",
                    str(use.scope),
                    license_source(use),
                    _text(use.open),
                    str(use.provenance),
                )
                for use in report.licensing.uses
            ],
        )
        components = _table(
            ("class", "component", "status", "license", "why"),
            [
                (str(c.mof_class), c.name, str(c.status), _text(c.license), c.reason)
                for c in sorted(report.mof.components, key=lambda c: (str(c.mof_class), c.name))
            ],
            status_column=2,
        )
        osaid = _table(
            ("requirement", "status", "why"),
            [(r.rule, str(r.outcome), r.reason) for r in report.osaid.requirements],
            status_column=1,
        )
        gaps = "".join(
            f"<li><b>{escape(g.component)}</b>: {escape(g.action)}</li>" for g in report.mof.gaps
        )
        versions = ", ".join(f"{n} {v}" for n, v in sorted(report.frameworks.items()))
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>opengrade: {title}</title><style>{_STYLE}</style></head><body>"
            f"<h1>Openness report: {title}</h1>{concluded}"
            f'<div class="verdicts">{verdicts}</div>'
            + (f"<h2>Findings</h2><ul>{findings}</ul>" if findings else "")
            + f"<h2>Licenses</h2>{licenses}<h2>MOF components</h2>{components}"
            f"<h2>OSAID 1.0</h2>{osaid}"
            + (f"<h2>Gaps to the next MOF class</h2><ul>{gaps}</ul>" if gaps else "")
            + html_section(report)
            + f"<footer>opengrade {escape(report.tool_version)}; {escape(versions)}</footer>"
            "</body></html>\n"
        )
