"""The store's typed values: what a grade's summary holds, what queries return, what a diff says.

Everything the store hands out is one of these frozen dataclasses; no SQL row or JSON dict leaves
``store/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SCOPES = ("weights", "code", "data", "docs", "release")
"""The license scopes a report concludes terms for (the ``concluded`` block's keys)."""

SEVERITIES = ("high", "medium", "low")


def release_key_of(source: str, release_id: str, location: str | None) -> str:
    """The store's name for a release: ``source:id``, plus ``@location`` for a local folder or
    a MOT YAML (two copies of one release in different places are two releases)."""
    key = f"{source}:{release_id}"
    if source != "hub" and location:
        key += f"@{location}"
    return key


@dataclass(frozen=True, slots=True)
class ConcludedTerms:
    """The concluded license of one scope: its expression, keys and openness (None: unknown),
    and the evidence (``file:line``, fields) that decided it."""

    scope: str
    expression: str | None
    keys: tuple[str, ...] = ()
    open: bool | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """One finding of a stored grade: its code, severity, message and evidence."""

    code: str
    severity: str
    message: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GradeSummary:
    """The indexed summary of one report, read from its JSON (never recomputed)."""

    release_id: str
    source: str
    location: str | None
    revision: str | None
    tool_version: str
    frameworks: tuple[tuple[str, str], ...]
    mof_class: str | None
    mof_progress: tuple[tuple[str, float], ...]
    osaid_verdict: str
    eu_status: str
    concluded: tuple[ConcludedTerms, ...]
    findings: tuple[FindingSummary, ...]

    def terms(self, scope: str) -> ConcludedTerms | None:
        """The concluded terms for ``scope``, None when the report concludes none."""
        return next((item for item in self.concluded if item.scope == scope), None)

    def finding_counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        return {level: sum(1 for f in self.findings if f.severity == level) for level in SEVERITIES}


@dataclass(frozen=True, slots=True)
class Grade:
    """One stored grade: which release, which revision, when, and its summary."""

    grade_id: int
    release_key: str
    release_id: str
    source: str
    revision: str
    tool_version: str
    graded_at: datetime
    summary: GradeSummary
    report_bytes: int = 0


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_report` did: ``added`` False when this content was already stored
    with this tool version (the existing grade's id is returned)."""

    grade_id: int
    release_key: str
    added: bool


@dataclass(frozen=True, slots=True)
class InventoryFilter:
    """Filters for the latest grades; None means any. ``open_weights`` filters on the concluded
    weights openness (``"true"``, ``"false"``, ``"unknown"``)."""

    release_id_contains: str | None = None
    source: str | None = None
    mof_class: str | None = None
    osaid_verdict: str | None = None
    eu_status: str | None = None
    open_weights: str | None = None
    finding_code: str | None = None
    weights_license: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """Paging for queries: at most ``limit`` rows after skipping ``offset`` (None: all)."""

    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two grades of a release, with the evidence on each side."""

    aspect: str
    before: str
    after: str
    evidence_before: tuple[str, ...] = ()
    evidence_after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GradeDiff:
    """What changed from one grade of a release to another (empty ``changes``: nothing)."""

    release_key: str
    before: Grade
    after: Grade
    changes: tuple[Change, ...] = ()
    findings_added: tuple[FindingSummary, ...] = ()
    findings_resolved: tuple[FindingSummary, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.findings_added or self.findings_resolved)


@dataclass(frozen=True, slots=True)
class ScanFailure:
    """A target that could not be graded, kept with its error so a scan never loses it."""

    target: str
    error: str
    tool_version: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ModelUse:
    """Where a code base uses a model: the model id, the file and line, and how it was found."""

    model_id: str
    path: str
    line: int
    how: str
    root: str = ""


@dataclass(frozen=True, slots=True)
class AuditPolicyColumns:
    """The policy half of an auditor export row (filled by the policy layer; empty here).

    ``result``: pass/fail/warn; ``waiver``: the waived rule; who approved it, why, until when.
    """

    result: str = ""
    waiver: str = ""
    approver: str = ""
    reason: str = ""
    expires: str = ""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One row of the auditor export: a release's latest grade and its policy columns."""

    grade: Grade
    policy: AuditPolicyColumns = field(default_factory=AuditPolicyColumns)
