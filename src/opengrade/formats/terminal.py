"""``--format text`` (the default): the report for a terminal, drawn with rich — verdict first,
then findings, licenses, components and the gap to the next class.

Every value that comes from the release (names, paths, messages) is escaped: a card cannot
inject rich markup into the report.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from opengrade.formats.checklists import text_lines
from opengrade.formats.interface import Format
from opengrade.formats.wording import (
    concluded_lines,
    license_source,
    mof_headline,
    progress_line,
    release_title,
)
from opengrade.model.report import Report

if TYPE_CHECKING:
    from rich.console import Console

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


def _styled(value: object) -> str:
    """A status word in its colour, escaped."""
    from rich.markup import escape

    word = str(value)
    style = _STATUS_STYLE.get(word)
    return f"[{style}]{escape(word)}[/{style}]" if style else escape(word)


class TerminalFormat(Format):
    """Rich tables; colour only when ``colour`` is set (the CLI sets it for a terminal)."""

    name = "text"

    def __init__(self, *, colour: bool = False, width: int = 110) -> None:
        self.colour = colour
        self.width = width

    def render(self, report: Report) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            force_terminal=self.colour,
            no_color=not self.colour,
            highlight=False,
            emoji=False,
        )
        self._verdicts(console, report)
        self._findings(console, report)
        self._tables(console, report)
        self._osaid_and_gaps(console, report)
        for line in text_lines(report):
            console.print(line, markup=False)
        return buffer.getvalue()

    def _verdicts(self, console: Console, report: Report) -> None:
        from rich.markup import escape

        console.print(f"[bold]{escape(release_title(report))}[/bold]")
        for line in concluded_lines(report):
            console.print(escape(line))
        console.print(
            f"MOF: [bold]{escape(mof_headline(report))}[/bold]  ({progress_line(report)})"
        )
        console.print(f"OSAID 1.0: [bold]{_styled(report.osaid.verdict)}[/bold]")
        console.print(
            f"EU AI Act Art. 53(2) pre-check: [bold]{escape(str(report.eu_ai_act.status))}"
            "[/bold] (guidance, not legal advice)"
        )

    def _findings(self, console: Console, report: Report) -> None:
        from rich.markup import escape

        if not report.findings:
            return
        console.print("\n[bold]Findings[/bold]")
        for finding in report.findings:
            where = f" ({'; '.join(finding.evidence[:2])})" if finding.evidence else ""
            console.print(
                f"  {_styled(finding.severity)} {escape(finding.code)}: "
                f"{escape(finding.message + where)}"
            )

    def _tables(self, console: Console, report: Report) -> None:
        from rich.markup import escape
        from rich.table import Table

        licenses = Table(title="Licenses", title_justify="left")
        for column in ("key", "scope", "source", "open", "where"):
            licenses.add_column(column)
        for use in report.licensing.uses:
            licenses.add_row(
                escape(use.key or "unknown"),
                str(use.scope),
                escape(license_source(use)),
                "—" if use.open is None else ("yes" if use.open else "no"),
                escape(str(use.provenance)),
            )
        console.print(licenses)
        components = Table(title="MOF components", title_justify="left")
        for column in ("class", "component", "status", "license", "why"):
            components.add_column(column)
        for item in sorted(report.mof.components, key=lambda c: (str(c.mof_class), c.name)):
            components.add_row(
                str(item.mof_class),
                escape(item.name),
                _styled(item.status),
                escape(item.license or "—"),
                escape(item.reason),
            )
        console.print(components)

    def _osaid_and_gaps(self, console: Console, report: Report) -> None:
        from rich.markup import escape

        console.print("[bold]OSAID 1.0 requirements[/bold]")
        for rule in report.osaid.requirements:
            console.print(f"  {escape(rule.rule)}: {_styled(rule.outcome)} — {escape(rule.reason)}")
        if report.mof.gaps:
            console.print(f"\n[bold]To reach MOF Class {report.mof.gaps[0].target}[/bold]")
            for gap in report.mof.gaps:
                console.print(f"  - {escape(gap.component)}: {escape(gap.action)}")
