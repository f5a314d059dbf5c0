"""GitLab Code Quality (the CodeClimate-based JSON array GitLab reads from a ``codequality``
report): one issue per result that did not pass and is not waived, with a stable fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

from opengrade.policy.formats.locate import evidence_text, locate, reported, title
from opengrade.policy.formats.sarif import fingerprint
from opengrade.policy.model import CheckRun, RuleSeverity

SEVERITIES = {RuleSeverity.FAIL: "critical", RuleSeverity.WARN: "minor", RuleSeverity.INFO: "info"}


def render_gitlab(run: CheckRun, base: Path) -> str:
    """The run as a GitLab Code Quality report."""
    issues = []
    for check in run.checks:
        for result in reported(check):
            if result.waiver is not None:
                continue
            where = locate(run, check, result, base)
            issues.append(
                {
                    "type": "issue",
                    "check_name": f"opengrade/{result.rule}",
                    "description": f"{title(check, result)}: {result.message} "
                    f"(evidence: {evidence_text(result)})",
                    "categories": ["Compatibility"],
                    "fingerprint": fingerprint(check, result),
                    "severity": SEVERITIES[result.severity],
                    "location": {"path": where.path, "lines": {"begin": where.line or 1}},
                }
            )
    return json.dumps(issues, indent=2, sort_keys=True) + "\n"
