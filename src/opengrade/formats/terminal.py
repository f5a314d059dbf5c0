"""``--format text`` (the default): the report for a terminal, drawn with rich — verdict first,
then findings, licenses, components and the gap to the next class."""

from __future__ import annotations

import io

from opengrade.formats.interface import Format
from opengrade.formats.wording import mof_headline, progress_line, release_title
from opengrade.model.report import Report

_STATUS_STYLE = {
    "open": "green",
    "not-open": "red",
    "unlicensed": "red",
    "missing": "red",
    "unknown": "yellow",
    "met": "green",
    "not_met": "red",
    "high": "bold red",
    "medium": "yellow",
    "low": "dim",
}


class TerminalFormat(Format):
    """Rich tables; colour only when ``colour`` is set (the CLI sets it for a terminal)."""

    name = "text"

    def __init__(self, *, colour: bool = False, width: int = 110) -> None:
        self.colour = colour
        self.width = width

    def render(self, report: Report) -> str:
        from rich.console import Console
        from rich.table import Table

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            force_terminal=self.colour,
            no_color=not self.colour,
            highlight=False,
            emoji=False,
        )
        console.print(f"[bold]{release_title(report)}[/bold]")
        console.print(f"MOF: [bold]{mof_headline(report)}[/bold]  ({progress_line(report)})")
        console.print(f"OSAID 1.0: [bold]{report.osaid.verdict}[/bold]")
        console.print(
            f"EU AI Act Art. 53(2) pre-check: [bold]{report.eu_ai_act.status}[/bold] "
            "(guidance, not legal advice)"
        )
        if report.findings:
            console.print("\n[bold]Findings[/bold]")
            for finding in report.findings:
                style = _STATUS_STYLE.get(str(finding.severity), "")
                where = f" ({'; '.join(finding.evidence[:2])})" if finding.evidence else ""
                console.print(
                    f"  [{style}]{finding.severity}[/{style}] {finding.code}: "
                    f"{finding.message}{where}"
                )
        licenses = Table(title="Licenses", title_justify="left", expand=False)
        for column in ("key", "scope", "source", "open", "where"):
            licenses.add_column(column)
        for use in report.licensing.uses:
            licenses.add_row(
                use.key or "unknown",
                str(use.scope),
                str(use.source),
                "—" if use.open is None else ("yes" if use.open else "no"),
                str(use.provenance),
            )
        console.print(licenses)
        components = Table(title="MOF components", title_justify="left")
        for column in ("class", "component", "status", "license", "why"):
            components.add_column(column)
        for item in sorted(report.mof.components, key=lambda c: (str(c.mof_class), c.name)):
            style = _STATUS_STYLE.get(str(item.status), "")
            components.add_row(
                str(item.mof_class),
                item.name,
                f"[{style}]{item.status}[/{style}]",
                item.license or "—",
                item.reason,
            )
        console.print(components)
        console.print("[bold]OSAID 1.0 requirements[/bold]")
        for rule in report.osaid.requirements:
            style = _STATUS_STYLE.get(str(rule.outcome), "")
            console.print(f"  {rule.rule}: [{style}]{rule.outcome}[/{style}] — {rule.reason}")
        if report.mof.gaps:
            console.print(f"\n[bold]To reach MOF Class {report.mof.gaps[0].target}[/bold]")
            for gap in report.mof.gaps:
                console.print(f"  - {gap.component}: {gap.action}")
        return buffer.getvalue()
