"""The plain-text result of ``opengrade check``: per release, its verdict, the fingerprint of
its concluded terms (what a waiver records) and every result that did not pass, with its
evidence; then the waivers and the targets that could not be read."""

from __future__ import annotations

from pathlib import Path

from opengrade.policy.formats.locate import evidence_text, reported, shown
from opengrade.policy.model import CheckRun, Verdict


def render_text(run: CheckRun, base: Path) -> str:
    """The run as text, one block per release."""
    lines = [f"policy {shown(run.policy.path, base)} (version {run.policy.version})"]
    for check in run.checks:
        revision = f" @ {check.revision}" if check.revision else ""
        lines.append("")
        lines.append(
            f"{check.verdict.upper()}  {check.release}{revision}  ({shown(check.target, base)})"
        )
        lines.append(f"  terms {check.terms}")
        for result in reported(check):
            waived = f" [waived: {result.waiver.reason}]" if result.waiver else ""
            lines.append(f"  {result.severity:<4}  {result.rule}: {result.message}{waived}")
            lines.append(f"        evidence: {evidence_text(result)}")
        for use in check.code_uses:
            lines.append(f"  used at {use.path}:{use.line}")
    if run.waivers:
        lines.append("")
        lines.append("waivers")
        for waiver_use in run.waivers:
            waiver = waiver_use.waiver
            lines.append(
                f"  [{waiver.index}] {waiver.release} {waiver.rule}: {waiver_use.status} "
                f"({waiver_use.reason}); approved by {waiver.approver}: {waiver.reason}"
            )
    for item in run.unreadable:
        lines.append("")
        lines.append(f"UNREADABLE  {item.target}: {item.reason}")
    counts = {verdict: sum(c.verdict is verdict for c in run.checks) for verdict in Verdict}
    lines.append("")
    lines.append(
        f"{len(run.checks)} checked: {counts[Verdict.FAIL]} fail, {counts[Verdict.WARN]} warn, "
        f"{counts[Verdict.PASS] + counts[Verdict.INFO]} pass; {len(run.unreadable)} unreadable"
    )
    return "\n".join(lines) + "\n"
