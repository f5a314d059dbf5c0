"""SARIF 2.1.0 for GitHub code scanning: one rule per policy rule (stable ids ``opengrade/<rule>``),
one result per rule that did not pass, located where the model is used in code when discovery
knows, else at the release's evidence file or model card. Waived results carry a suppression.
``partialFingerprints`` hash the release, rule and subject, so an alert keeps its identity when
lines move. The log is validated against the bundled official schema before it is returned."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from opengrade import __version__
from opengrade.errors import FormatError
from opengrade.policy.formats.locate import Location, locate, reported, title
from opengrade.policy.model import CheckRun, ReleaseCheck, RuleResult, RuleSeverity
from opengrade.policy.schema import sarif_problem

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "opengradePolicyResult/v1"
LEVELS = {RuleSeverity.FAIL: "error", RuleSeverity.WARN: "warning", RuleSeverity.INFO: "note"}
RULE_TEXT = {
    "licenses": "Concluded licenses of the {scope} must be allowed by the policy",
    "mof.minimum-class": "The release must reach the policy's minimum MOF class",
    "osaid.conformance": "The release must conform to the OSI Open Source AI Definition 1.0",
    "findings": "No open-washing finding the policy fails on",
}


def sarif_rule_id(rule: str) -> str:
    """The stable SARIF rule id of a policy rule."""
    return f"opengrade/{rule}"


def _rule_text(rule: str) -> str:
    if rule.startswith("licenses."):
        return RULE_TEXT["licenses"].format(scope=rule.removeprefix("licenses."))
    return RULE_TEXT.get(rule, rule)


def fingerprint(check: ReleaseCheck, result: RuleResult) -> str:
    """A stable identity for one result: release, rule and subject (not lines, not messages)."""
    text = "\n".join((check.release.lower(), result.rule, result.subject))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _physical(where: Location) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": where.path}}
    if where.line is not None:
        region = {"startLine": where.line}
        if where.end_line is not None and where.end_line >= where.line:
            region["endLine"] = where.end_line
        location["region"] = region
    return {"physicalLocation": location}


def _result(
    run: CheckRun, check: ReleaseCheck, result: RuleResult, base: Path, rule_index: int
) -> dict[str, Any]:
    evidence = ", ".join(str(item) for item in result.evidence) or "no evidence"
    revision = f" @ {check.revision}" if check.revision else ""
    item: dict[str, Any] = {
        "ruleId": sarif_rule_id(result.rule),
        "ruleIndex": rule_index,
        "level": LEVELS[result.severity] if result.waiver is None else "note",
        "message": {
            "text": f"{title(check, result)}{revision}: {result.message} (evidence: {evidence})"
        },
        "locations": [_physical(locate(run, check, result, base))],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(check, result)},
        "properties": {
            "release": check.release,
            "outcome": str(result.outcome),
            "severity": str(result.severity),
            "terms": check.terms,
            "evidence": [str(item) for item in result.evidence],
        },
    }
    if result.waiver is not None:
        waiver = result.waiver
        justification = f"{waiver.reason} (approved by {waiver.approver}, until {waiver.expires})"
        item["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": justification}
        ]
    return item


def render_sarif(run: CheckRun, base: Path) -> str:
    """The run as a SARIF 2.1.0 log; raises FormatError if it would break the schema."""
    rules = sorted({rule.id for rule in run.policy.rules})
    results = [
        _result(run, check, result, base, rules.index(result.rule))
        for check in run.checks
        for result in reported(check)
    ]
    notices = [
        {"level": "error", "message": {"text": f"cannot read {item.target}: {item.reason}"}}
        for item in run.unreadable
    ] + [
        {"level": "warning", "message": {"text": f"waiver [{use.waiver.index}]: {use.reason}"}}
        for use in run.waivers
        if use.status != "applied"
    ]
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "opengrade",
                        "version": __version__,
                        "rules": [
                            {
                                "id": sarif_rule_id(rule),
                                "name": rule,
                                "shortDescription": {"text": _rule_text(rule)},
                            }
                            for rule in rules
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not run.unreadable,
                        "toolExecutionNotifications": notices,
                    }
                ],
                "results": results,
            }
        ],
    }
    problem = sarif_problem(log)
    if problem is not None:
        raise FormatError(f"the SARIF log breaks the SARIF 2.1.0 schema at {problem}")
    return json.dumps(log, indent=2, sort_keys=True) + "\n"
