"""The evaluation-disclosure and reproducibility-readiness checklists in every format."""

from __future__ import annotations

from html import escape
from typing import Any

from opengrade.model.checklists import Checklist, ChecklistItem, ChecklistStatus
from opengrade.model.report import Report


def checklist_to_dict(checklist: Checklist) -> dict[str, Any]:
    """A checklist as JSON-ready data."""
    return {
        "id": checklist.id,
        "name": checklist.name,
        "version": checklist.version,
        "met": checklist.met,
        "items": [
            {
                "id": item.id,
                "name": item.name,
                "status": str(item.status),
                "reason": item.reason,
                "evidence": list(item.evidence),
                "mof": item.mof,
                "osaid": item.osaid,
            }
            for item in checklist.items
        ],
    }


def checklist_from_dict(data: dict[str, Any]) -> Checklist:
    """A checklist read back from its JSON form (the inverse of :func:`checklist_to_dict`)."""
    return Checklist(
        id=str(data["id"]),
        name=str(data["name"]),
        version=str(data["version"]),
        items=tuple(
            ChecklistItem(
                id=str(item["id"]),
                name=str(item["name"]),
                status=ChecklistStatus(item["status"]),
                reason=str(item["reason"]),
                evidence=tuple(str(value) for value in item["evidence"]),
                mof=str(item["mof"]),
                osaid=str(item["osaid"]),
            )
            for item in data["items"]
        ),
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_lines(report: Report) -> list[str]:
    """One table per checklist."""
    lines: list[str] = []
    for checklist in report.checklists:
        lines += [
            f"## {checklist.name} ({checklist.met}/{len(checklist.items)} met)",
            "",
            "| item | status | why | evidence | MOF | OSAID |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {_cell(item.name)} | {item.status} | {_cell(item.reason)} | "
            f"{_cell('; '.join(item.evidence))} | {_cell(item.mof)} | {_cell(item.osaid)} |"
            for item in checklist.items
        ]
        lines.append("")
    return lines


def text_lines(report: Report) -> list[str]:
    """Plain lines for the terminal."""
    lines: list[str] = []
    for checklist in report.checklists:
        lines.append(f"{checklist.name}: {checklist.met}/{len(checklist.items)} met")
        for item in checklist.items:
            where = f" ({'; '.join(item.evidence)})" if item.evidence else ""
            lines.append(f"  {item.status:<8} {item.name}{where}")
    return lines


def html_section(report: Report) -> str:
    """The checklists as HTML tables (cells escaped; the status cell carries its class)."""
    parts = []
    for checklist in report.checklists:
        rows = "".join(
            f"<tr><td>{escape(item.name)}</td>"
            f'<td class="{escape(str(item.status))}">{escape(str(item.status))}</td>'
            f"<td>{escape(item.reason)}</td><td>{escape('; '.join(item.evidence))}</td>"
            f"<td>{escape(item.mof)}</td><td>{escape(item.osaid)}</td></tr>"
            for item in checklist.items
        )
        parts.append(
            f"<h2>{escape(checklist.name)} ({checklist.met}/{len(checklist.items)} met)</h2>"
            "<table><thead><tr><th>item</th><th>status</th><th>why</th><th>evidence</th>"
            f"<th>MOF</th><th>OSAID</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return "".join(parts)
