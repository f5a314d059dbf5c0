"""What changed between two grades of a release: concluded licenses and their openness per
scope, MOF class and progress, OSAID and EU verdicts, findings added and resolved — each change
with the evidence the reports cite. Pure: compares two summaries, reads no database."""

from __future__ import annotations

from opengrade.store.records import SCOPES, Change, FindingSummary, Grade, GradeDiff


def diff_grades(before: Grade, after: Grade) -> GradeDiff:
    """The differences from ``before`` to ``after`` (same release)."""
    changes: list[Change] = []
    for scope in SCOPES:
        changes.extend(_scope_changes(scope, before, after))
    old, new = before.summary, after.summary
    _add(changes, "MOF class", _or_none(old.mof_class), _or_none(new.mof_class))
    old_progress, new_progress = dict(old.mof_progress), dict(new.mof_progress)
    for level in sorted(set(old_progress) | set(new_progress)):
        _add(
            changes,
            f"MOF progress (class {level})",
            _percent(old_progress.get(level)),
            _percent(new_progress.get(level)),
        )
    _add(changes, "OSAID verdict", old.osaid_verdict, new.osaid_verdict)
    _add(changes, "EU AI Act Art. 53(2)", old.eu_status, new.eu_status)
    _add(changes, "tool version", old.tool_version, new.tool_version)
    old_findings = {_identity(item): item for item in old.findings}
    new_findings = {_identity(item): item for item in new.findings}
    return GradeDiff(
        release_key=after.release_key,
        before=before,
        after=after,
        changes=tuple(changes),
        findings_added=tuple(item for key, item in new_findings.items() if key not in old_findings),
        findings_resolved=tuple(
            item for key, item in old_findings.items() if key not in new_findings
        ),
    )


def _scope_changes(scope: str, before: Grade, after: Grade) -> list[Change]:
    old, new = before.summary.terms(scope), after.summary.terms(scope)
    old_evidence = old.evidence if old else ()
    new_evidence = new.evidence if new else ()
    found: list[Change] = []
    old_expression = (old.expression if old else None) or "unknown"
    new_expression = (new.expression if new else None) or "unknown"
    if old_expression != new_expression:
        found.append(
            Change(f"{scope} license", old_expression, new_expression, old_evidence, new_evidence)
        )
    old_open, new_open = _openness(old.open if old else None), _openness(new.open if new else None)
    if old_open != new_open:
        found.append(Change(f"{scope} openness", old_open, new_open, old_evidence, new_evidence))
    return found


def _add(changes: list[Change], aspect: str, before: str, after: str) -> None:
    if before != after:
        changes.append(Change(aspect, before, after))


def _identity(finding: FindingSummary) -> tuple[str, str]:
    return finding.code, finding.message


def _openness(value: bool | None) -> str:
    return (
        {True: "open", False: "not open"}.get(value, "unknown") if value is not None else "unknown"
    )


def _or_none(value: str | None) -> str:
    return value or "none"


def _percent(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g}%"
