"""GitHub Actions workflow commands (``::error file=...,line=...::message``) and a Markdown
step summary.

GitHub's documented limits: a step shows at most 10 error and 10 warning annotations (and 50
per job); a step summary holds at most 1 MiB. Annotations beyond 10 of a kind are written as
plain log lines, and the summary says how many were not annotated; the summary stops adding
rows before it reaches the size limit and says how many it left out.
"""

from __future__ import annotations

from pathlib import Path

from opengrade.policy.formats.locate import evidence_text, locate, reported, shown, title
from opengrade.policy.model import CheckRun, RuleSeverity

ANNOTATIONS_PER_KIND = 10
SUMMARY_LIMIT_BYTES = 1024 * 1024
SUMMARY_BUDGET_BYTES = SUMMARY_LIMIT_BYTES - 4096
COMMANDS = {RuleSeverity.FAIL: "error", RuleSeverity.WARN: "warning", RuleSeverity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotations(run: CheckRun, base: Path) -> tuple[list[str], int]:
    lines: list[str] = []
    used = dict.fromkeys(COMMANDS.values(), 0)
    skipped = 0
    for check in run.checks:
        for result in reported(check):
            command = "notice" if result.waiver is not None else COMMANDS[result.severity]
            where = locate(run, check, result, base)
            message = f"{result.message} (evidence: {evidence_text(result)})"
            if result.waiver is not None:
                message += f" [waived until {result.waiver.expires}: {result.waiver.reason}]"
            if used[command] >= ANNOTATIONS_PER_KIND:
                skipped += 1
                lines.append(
                    f"{command}: {where.path}:{where.line or 1}: {title(check, result)}: "
                    + message.replace("\n", " ")
                )
                continue
            used[command] += 1
            properties = f"file={escape_property(where.path)}"
            if where.line is not None:
                properties += f",line={where.line}"
            properties += f",title={escape_property(title(check, result))}"
            lines.append(f"::{command} {properties}::{escape_data(message)}")
    for item in run.unreadable:
        lines.append(
            f"::error title=opengrade::{escape_data(f'cannot read {item.target}: ' + item.reason)}"
        )
    return lines, skipped


def render_github(run: CheckRun, base: Path) -> str:
    """The workflow commands to print in the step's log."""
    lines, _ = _annotations(run, base)
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_summary(run: CheckRun, base: Path) -> str:
    """The Markdown step summary (under GitHub's 1 MiB limit)."""
    _, skipped = _annotations(run, base)
    verdict = "failed" if run.failed else "passed"
    head = [
        f"## opengrade check: {verdict}",
        "",
        f"Policy `{shown(run.policy.path, base)}`; {len(run.checks)} release(s) checked, "
        f"{len(run.unreadable)} unreadable.",
        "",
        "| release | verdict | rule | severity | message | evidence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    rows = [
        f"| {_cell(check.release)} | {check.verdict} | {result.rule} | "
        f"{'waived' if result.waiver else result.severity} | {_cell(result.message)} | "
        f"{_cell(evidence_text(result))} |"
        for check in run.checks
        for result in reported(check)
    ]
    rows += [
        f"| {_cell(item.target)} | unreadable | | | {_cell(item.reason)} | |"
        for item in run.unreadable
    ]
    text = "\n".join(head) + "\n"
    size = len(text.encode("utf-8"))
    left_out = 0
    for row in rows:
        cost = len(row.encode("utf-8")) + 1
        if size + cost > SUMMARY_BUDGET_BYTES:
            left_out += 1
            continue
        text += row + "\n"
        size += cost
    notes = []
    if left_out:
        notes.append(f"{left_out} row(s) left out to stay under GitHub's 1 MiB summary limit.")
    if skipped:
        notes.append(
            f"{skipped} result(s) were not annotated (GitHub shows at most "
            f"{ANNOTATIONS_PER_KIND} per kind per step); see the log."
        )
    return text + "".join(f"\n{note}\n" for note in notes)
