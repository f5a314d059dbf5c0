"""The versioned JSON report (its schema: ``docs/report.schema.json``). Deterministic: keys and
lists in a stable order, no time stamp in reproducible mode."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from opengrade.formats.interface import Format
from opengrade.formats.inventory import evidence_to_dict
from opengrade.model.assessment import MOF_CLASS_ORDER, RuleResult
from opengrade.model.licensing import ConcludedLicense, LicenseUse
from opengrade.model.report import Report


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (the stable contract other tools rely on)."""
    snapshot = report.snapshot
    data: dict[str, Any] = {
        "schema_version": report.schema_version,
        "tool": {"name": "opengrade", "version": report.tool_version},
        "frameworks": dict(sorted(report.frameworks.items())),
        "release": {
            "id": snapshot.id,
            "source": str(snapshot.source),
            "location": snapshot.location,
            "revision": snapshot.revision,
        },
        "concluded": {str(item.scope): _concluded(item) for item in report.concluded},
        "mof": _mof(report),
        "osaid": {
            "verdict": str(report.osaid.verdict),
            "version": report.osaid.version,
            "requirements": [_rule(item) for item in report.osaid.requirements],
            "datasets": [_plain(item) for item in report.osaid.datasets],
        },
        "eu_ai_act": {
            "status": str(report.eu_ai_act.status),
            "conditions": [_rule(item) for item in report.eu_ai_act.conditions],
            "notes": list(report.eu_ai_act.notes),
            "disclaimer": report.eu_ai_act.disclaimer,
        },
        "licenses": [_license(use) for use in report.licensing.uses],
        "license_conflicts": [
            {
                "scope": str(item.scope),
                "declared": list(item.declared),
                "identified": list(item.identified),
                "declared_at": str(item.declared_at),
                "identified_at": str(item.identified_at),
            }
            for item in report.licensing.conflicts
        ],
        "findings": [_plain(item) for item in report.findings],
        "lineage": [_plain(item) for item in report.lineage],
        "evidence": [evidence_to_dict(item) for item in report.evidence],
    }
    if report.generated_at is not None:
        data["generated_at"] = report.generated_at.isoformat(timespec="seconds")
    if report.reproducible:
        del data["release"]["location"]  # where it was read from is not part of the release
    return data


def _concluded(item: ConcludedLicense) -> dict[str, Any]:
    return {
        "expression": item.expression,
        "keys": list(item.keys),
        "open": item.open,
        "evidence": list(item.evidence),
    }


def _plain(value: Any) -> dict[str, Any]:
    """A flat result dataclass as JSON-ready data: enums as their values, tuples as lists."""
    return {
        key: list(item) if isinstance(item, tuple) else item
        for key, item in dataclasses.asdict(value).items()
    }


def _mof(report: Report) -> dict[str, Any]:
    mof = report.mof
    return {
        "class": str(mof.class_) if mof.class_ else None,
        "progress": {str(key): mof.progress[key] for key in reversed(MOF_CLASS_ORDER)},
        "framework_version": mof.framework_version,
        "components": [
            {
                "name": item.name,
                "class": str(item.mof_class),
                "content_type": str(item.content_type),
                "required": item.required,
                "status": str(item.status),
                "license": item.license,
                "conditional": item.conditional,
                "how": item.how,
                "reason": item.reason,
                "evidence": list(item.evidence),
            }
            for item in mof.components
        ],
        "gaps": [
            {"target": str(item.target), "component": item.component, "action": item.action}
            for item in mof.gaps
        ],
        "problems": list(mof.problems),
    }


def _rule(result: RuleResult) -> dict[str, Any]:
    return {
        "id": result.rule,
        "status": str(result.outcome),
        "reason": result.reason,
        "evidence": list(result.evidence),
    }


def _license(use: LicenseUse) -> dict[str, Any]:
    return {
        "key": use.key,
        "scope": str(use.scope),
        "source": str(use.source),
        "open": use.open,
        "raw": use.raw,
        "via": use.via or None,
        "confidence": use.confidence,
        "provenance": str(use.provenance),
    }


def render_json(report: Report) -> str:
    """The report as JSON text (what ``--format json`` writes; :func:`load_report` reads it)."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"


class JsonFormat(Format):
    """``--format json``."""

    name = "json"

    def render(self, report: Report) -> str:
        return render_json(report)
