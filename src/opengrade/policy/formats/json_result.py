"""The versioned JSON result of ``opengrade check`` (keys sorted; same input, same bytes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from opengrade import __version__
from opengrade.policy.formats.locate import locate, shown
from opengrade.policy.model import CheckRun, ReleaseCheck, RuleResult, Waiver

CHECK_SCHEMA_VERSION = "1"


def _waiver(waiver: Waiver) -> dict[str, Any]:
    return {
        "index": waiver.index,
        "release": waiver.release,
        "revision": waiver.revision,
        "rule": waiver.rule,
        "reason": waiver.reason,
        "approver": waiver.approver,
        "expires": waiver.expires.isoformat(),
        "terms": waiver.terms,
    }


def _result(run: CheckRun, check: ReleaseCheck, result: RuleResult, base: Path) -> dict[str, Any]:
    where = locate(run, check, result, base)
    return {
        "rule": result.rule,
        "outcome": str(result.outcome),
        "severity": str(result.severity),
        "subject": result.subject,
        "message": result.message,
        "evidence": [str(item) for item in result.evidence],
        "location": {"path": where.path, "line": where.line},
        "waiver": _waiver(result.waiver) if result.waiver else None,
    }


def render_json(run: CheckRun, base: Path) -> str:
    """The run as a JSON document."""
    document = {
        "schema_version": CHECK_SCHEMA_VERSION,
        "tool": {"name": "opengrade", "version": __version__},
        "policy": {"path": shown(run.policy.path, base), "version": run.policy.version},
        "today": run.today.isoformat() if run.today else None,
        "passed": not run.failed and not run.unreadable,
        "releases": [
            {
                "target": shown(check.target, base),
                "release": check.release,
                "revision": check.revision,
                "terms": check.terms,
                "verdict": str(check.verdict),
                "results": [_result(run, check, result, base) for result in check.results],
                "code_uses": [{"path": use.path, "line": use.line} for use in check.code_uses],
            }
            for check in run.checks
        ],
        "waivers": [
            {**_waiver(use.waiver), "status": str(use.status), "status_reason": use.reason}
            for use in run.waivers
        ],
        "unreadable": [{"target": item.target, "reason": item.reason} for item in run.unreadable],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
