"""Render what the store holds: the inventory (text, JSON, CSV), a release's history, diffs,
changes and the auditor export. Renders store values; computes no verdict."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from opengrade.store.records import SCOPES, AuditRow, Change, FindingSummary, Grade, GradeDiff

PORTFOLIO_SCHEMA_VERSION = "1"


def grade_to_dict(grade: Grade) -> dict[str, Any]:
    """One stored grade as JSON-ready data."""
    summary = grade.summary
    return {
        "release": grade.release_id,
        "key": grade.release_key,
        "source": grade.source,
        "revision": grade.revision,
        "graded_at": grade.graded_at.isoformat(timespec="seconds"),
        "tool_version": grade.tool_version,
        "mof": {"class": summary.mof_class, "progress": dict(summary.mof_progress)},
        "osaid": summary.osaid_verdict,
        "eu_ai_act": summary.eu_status,
        "concluded": {
            item.scope: {"expression": item.expression, "open": item.open}
            for item in summary.concluded
        },
        "findings": summary.finding_counts(),
        "finding_codes": sorted({item.code for item in summary.findings}),
    }


def _document(kind: str, items: list[Any]) -> str:
    body = {"schema_version": PORTFOLIO_SCHEMA_VERSION, "kind": kind, kind: items}
    return _indented(body, "\n") + "\n"


_encode_text = json.encoder.encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses


def _indented(value: Any, newline: str) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, several times faster:
    with ``indent`` the standard library falls back to its pure-Python encoder, which cost a
    second to list 10,000 releases. ``newline`` is a newline plus the current indentation."""
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int) or (isinstance(value, float) and value - value == 0):
        return repr(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        fields = [f"{_encode_text(str(k))}: {_indented(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(fields) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + newline + "]"
    return json.dumps(value, indent=2, ensure_ascii=False)  # NaN, infinities: as json does


def inventory_json(grades: Sequence[Grade]) -> str:
    return _document("releases", [grade_to_dict(item) for item in grades])


def _openness(value: bool | None) -> str:
    return {True: "open", False: "not open"}[value] if value is not None else "unknown"


def _weights(grade: Grade) -> str:
    terms = grade.summary.terms("weights")
    if terms is None:
        return "unknown"
    return f"{terms.expression or 'unknown'} ({_openness(terms.open)})"


def inventory_text(grades: Sequence[Grade]) -> str:
    """One line per release: id, MOF class, OSAID, EU, weights license, findings."""
    if not grades:
        return "The store holds no grade yet. Add some with 'opengrade scan TARGET...'.\n"
    lines = []
    for grade in grades:
        counts = grade.summary.finding_counts()
        lines.append(
            f"{grade.release_id}  [{grade.source}]  MOF {grade.summary.mof_class or 'none'}  "
            f"OSAID {grade.summary.osaid_verdict}  EU {grade.summary.eu_status}  "
            f"weights {_weights(grade)}  findings {counts['high']}H/{counts['medium']}M/"
            f"{counts['low']}L  rev {_short(grade.revision)}"
        )
    lines.append(f"{len(grades)} releases")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = (
    "release",
    "key",
    "source",
    "revision",
    "graded_at",
    "tool_version",
    "mof_class",
    "mof_progress_I",
    "mof_progress_II",
    "mof_progress_III",
    "osaid",
    "eu_ai_act",
    *(f"{scope}_{part}" for scope in SCOPES for part in ("license", "open")),
    "findings_high",
    "findings_medium",
    "findings_low",
    "finding_codes",
)
POLICY_COLUMNS = ("policy_result", "waiver", "approver", "reason", "expires")


def _csv_row(grade: Grade) -> list[object]:
    """One grade's values in :data:`CSV_COLUMNS` order (what :func:`grade_to_dict` holds)."""
    summary = grade.summary
    progress = dict(summary.mof_progress)
    row: list[object] = [
        grade.release_id,
        grade.release_key,
        grade.source,
        grade.revision,
        grade.graded_at.isoformat(timespec="seconds"),
        grade.tool_version,
        summary.mof_class or "none",
        progress.get("I", ""),
        progress.get("II", ""),
        progress.get("III", ""),
        summary.osaid_verdict,
        summary.eu_status,
    ]
    for scope in SCOPES:
        terms = summary.terms(scope)
        row.append((terms.expression if terms else None) or "unknown")
        row.append(_openness(terms.open if terms else None))
    row.extend(summary.finding_counts().values())
    row.append(" ".join(sorted({item.code for item in summary.findings})))
    return row


def _csv(rows: Iterable[list[object]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def inventory_csv(grades: Sequence[Grade]) -> str:
    return _csv(map(_csv_row, grades), CSV_COLUMNS)


def _policy(row: AuditRow) -> dict[str, str]:
    policy = row.policy
    return {
        "policy_result": policy.result,
        "waiver": policy.waiver,
        "approver": policy.approver,
        "reason": policy.reason,
        "expires": policy.expires,
    }


def audit_csv(rows: Sequence[AuditRow]) -> str:
    """The auditor export as CSV: each release's latest grade, then its policy columns."""
    return _csv(
        ([*_csv_row(row.grade), *_policy(row).values()] for row in rows),
        CSV_COLUMNS + POLICY_COLUMNS,
    )


def audit_json(rows: Sequence[AuditRow]) -> str:
    return _document(
        "audit", [{**grade_to_dict(row.grade), "policy": _policy(row)} for row in rows]
    )


def history_text(grades: Sequence[Grade]) -> str:
    lines = [f"{grades[0].release_key}: {len(grades)} revision(s)"] if grades else []
    for grade in grades:
        lines.append(
            f"  #{grade.grade_id}  {grade.graded_at.isoformat(timespec='seconds')}  "
            f"rev {_short(grade.revision)}  tool {grade.tool_version}  "
            f"MOF {grade.summary.mof_class or 'none'}  OSAID {grade.summary.osaid_verdict}  "
            f"weights {_weights(grade)}"
        )
    return "\n".join(lines) + "\n"


def history_json(grades: Sequence[Grade]) -> str:
    return _document("history", [grade_to_dict(item) for item in grades])


def diff_to_dict(diff: GradeDiff) -> dict[str, Any]:
    return {
        "release": diff.after.release_id,
        "key": diff.release_key,
        "from": {"revision": diff.before.revision, "graded_at": _time(diff.before)},
        "to": {"revision": diff.after.revision, "graded_at": _time(diff.after)},
        "changes": [_change(item) for item in diff.changes],
        "findings_added": [_finding(item) for item in diff.findings_added],
        "findings_resolved": [_finding(item) for item in diff.findings_resolved],
    }


def diff_json(diffs: Sequence[GradeDiff], *, kind: str = "diffs") -> str:
    return _document(kind, [diff_to_dict(item) for item in diffs])


def diff_text(diffs: Sequence[GradeDiff], *, empty: str = "No change.") -> str:
    if not diffs:
        return empty + "\n"
    lines: list[str] = []
    for diff in diffs:
        lines.append(
            f"{diff.release_key}: rev {_short(diff.before.revision)} -> "
            f"{_short(diff.after.revision)} ({_time(diff.after)})"
        )
        if not diff.changed:
            lines.append("  no change")
        for change in diff.changes:
            lines.append(f"  {change.aspect}: {change.before} -> {change.after}")
            evidence = change.evidence_after or change.evidence_before
            if evidence:
                lines.append(f"    evidence: {', '.join(evidence)}")
        for finding in diff.findings_added:
            lines.append(f"  + finding {finding.code} ({finding.severity}): {finding.message}")
        for finding in diff.findings_resolved:
            lines.append(f"  - finding {finding.code} ({finding.severity}) resolved")
    return "\n".join(lines) + "\n"


def _change(change: Change) -> dict[str, Any]:
    return {
        "aspect": change.aspect,
        "before": change.before,
        "after": change.after,
        "evidence_before": list(change.evidence_before),
        "evidence_after": list(change.evidence_after),
    }


def _finding(finding: FindingSummary) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "evidence": list(finding.evidence),
    }


def _time(grade: Grade) -> str:
    return grade.graded_at.isoformat(timespec="seconds")


def _short(revision: str) -> str:
    kind, _, value = revision.rpartition(":")
    return f"{kind}:{value[:12]}" if kind else value[:12]
