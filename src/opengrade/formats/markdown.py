"""``--format markdown``: the report as a Markdown document, verdict first."""

from __future__ import annotations

from opengrade.formats.checklists import markdown_lines
from opengrade.formats.interface import Format
from opengrade.formats.wording import (
    concluded_lines,
    license_source,
    mof_headline,
    progress_line,
    release_title,
)
from opengrade.model.report import Report


def _cell(text: object) -> str:
    """A table cell: no pipes or newlines."""
    return " ".join(str(text if text is not None else "—").split()).replace("|", "\\|")


class MarkdownFormat(Format):
    """Verdicts, licenses, MOF components, findings and gaps as Markdown."""

    name = "markdown"

    def render(self, report: Report) -> str:
        lines = [
            f"# Openness report: {release_title(report)}",
            "",
            *(f"**{line}**  " for line in concluded_lines(report)),
            "",
            f"- **MOF**: {mof_headline(report)} ({progress_line(report)})",
            f"- **OSAID 1.0**: {report.osaid.verdict}",
            f"- **EU AI Act Art. 53(2) pre-check**: {report.eu_ai_act.status} "
            "(guidance, not legal advice)",
            f"- **Open-washing findings**: {len(report.findings)}",
            "",
        ]
        lines += self._findings(report) + self._licenses(report) + self._components(report)
        lines += self._osaid(report) + self._gaps(report) + self._lineage(report)
        lines += markdown_lines(report)
        lines += [
            "---",
            f"opengrade {report.tool_version}; "
            + ", ".join(f"{name} {version}" for name, version in sorted(report.frameworks.items())),
            "",
        ]
        return "\n".join(lines)

    def _findings(self, report: Report) -> list[str]:
        if not report.findings:
            return []
        lines = ["## Findings", ""]
        for item in report.findings:
            where = "; ".join(item.evidence[:3])
            lines.append(
                f"- **{item.severity}** `{item.code}`: {item.message}"
                + (f" ({where})" if where else "")
            )
        return [*lines, ""]

    def _licenses(self, report: Report) -> list[str]:
        lines = [
            "## Licenses",
            "",
            "| key | scope | source | open | where |",
            "|---|---|---|---|---|",
        ]
        for use in report.licensing.uses:
            lines.append(
                f"| {_cell(use.key or 'unknown')} | {use.scope} | {license_source(use)} | "
                f"{_cell(use.open)} | {_cell(use.provenance)} |"
            )
        for conflict in report.licensing.conflicts:
            lines.append("")
            lines.append(
                f"> Conflict ({conflict.scope}): the card declares {', '.join(conflict.declared)} "
                f"({conflict.declared_at}) but the text is {', '.join(conflict.identified)} "
                f"({conflict.identified_at})."
            )
        return [*lines, ""]

    def _components(self, report: Report) -> list[str]:
        lines = [
            "## MOF components",
            "",
            "| class | component | status | license | why |",
            "|---|---|---|---|---|",
        ]
        for item in sorted(report.mof.components, key=lambda c: (str(c.mof_class), c.name)):
            lines.append(
                f"| {item.mof_class} | {_cell(item.name)} | {item.status} | "
                f"{_cell(item.license)} | {_cell(item.reason)} |"
            )
        return [*lines, ""]

    def _osaid(self, report: Report) -> list[str]:
        lines = ["## OSAID 1.0 requirements", ""]
        for item in report.osaid.requirements:
            lines.append(f"- `{item.rule}`: **{item.outcome}** — {item.reason}")
        return [*lines, ""]

    def _gaps(self, report: Report) -> list[str]:
        if not report.mof.gaps:
            return []
        target = report.mof.gaps[0].target
        lines = [f"## To reach MOF Class {target}", ""]
        lines += [f"- {item.component}: {item.action}" for item in report.mof.gaps]
        return [*lines, ""]

    def _lineage(self, report: Report) -> list[str]:
        if not report.lineage:
            return []
        lines = ["## Lineage", ""]
        for item in report.lineage:
            lines.append(
                f"- {item.base} ({item.relation}): {item.license or 'unknown'} "
                f"[{item.source}] {item.clause}".rstrip()
            )
        return [*lines, ""]
