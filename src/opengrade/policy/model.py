"""Policy values: the rules a policy file sets, its waivers, and what checking a release gave.

Every outcome names its rule (a stable id such as ``licenses.weights``) and the evidence behind
it as :class:`~opengrade.model.Provenance` values (file and line, card field or URL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opengrade.model import Provenance, Scope
from opengrade.model.assessment import MofClass
from opengrade.model.findings import Severity

POLICY_VERSION = 1


class RuleSeverity(StrEnum):
    """What a violated rule does: ``fail`` fails the check, ``warn`` and ``info`` only report."""

    FAIL = "fail"
    WARN = "warn"
    INFO = "info"


class Outcome(StrEnum):
    """``pass``: the rule holds. ``violated``: it does not. ``unknown``: the evidence could not
    decide (the policy's ``unknown`` setting says what that does)."""

    PASS = "pass"
    VIOLATED = "violated"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    """A release's standing under a policy: the worst effective severity among its outcomes."""

    PASS = "pass"
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class LicenseRule:
    """Allowed and denied license keys and catalogue categories for one scope.

    A concluded key violates the rule when it is denied (by key or category), or when an allow
    list is given and it is on none. Keys compare case-insensitively.
    """

    scope: Scope
    allow_keys: frozenset[str] = frozenset()
    deny_keys: frozenset[str] = frozenset()
    allow_categories: frozenset[str] = frozenset()
    deny_categories: frozenset[str] = frozenset()
    severity: RuleSeverity = RuleSeverity.FAIL
    unknown: RuleSeverity | None = None

    @property
    def id(self) -> str:
        return f"licenses.{self.scope}"


@dataclass(frozen=True, slots=True)
class MofRule:
    """The lowest MOF class a release must reach."""

    minimum_class: MofClass
    severity: RuleSeverity = RuleSeverity.FAIL
    unknown: RuleSeverity | None = None
    id: str = "mof.minimum-class"


@dataclass(frozen=True, slots=True)
class OsaidRule:
    """Whether the OSAID 1.0 verdict must be ``conformant``."""

    require_conformant: bool
    severity: RuleSeverity = RuleSeverity.FAIL
    unknown: RuleSeverity | None = None
    id: str = "osaid.conformance"


@dataclass(frozen=True, slots=True)
class FindingsRule:
    """Open-washing findings that violate the policy: by code, or at or above a severity."""

    codes: frozenset[str] = frozenset()
    at_or_above: Severity | None = None
    severity: RuleSeverity = RuleSeverity.FAIL
    unknown: RuleSeverity | None = None
    id: str = "findings"


Rule = LicenseRule | MofRule | OsaidRule | FindingsRule


@dataclass(frozen=True, slots=True)
class Waiver:
    """An approved exception: ``rule`` does not fail ``release`` until ``expires`` (inclusive),
    as long as the release's concluded terms still have the fingerprint ``terms`` they were
    approved for (and, when given, the revision graded is ``revision``). ``index`` is the
    waiver's position in the policy file, for messages."""

    release: str
    rule: str
    reason: str
    approver: str
    expires: date
    terms: str
    index: int
    revision: str | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """A parsed policy file. ``unknown`` is what an ``unknown`` outcome does by default."""

    version: int
    path: str
    rules: tuple[Rule, ...]
    waivers: tuple[Waiver, ...] = ()
    unknown: RuleSeverity = RuleSeverity.WARN


class WaiverStatus(StrEnum):
    """What became of a waiver in one check run."""

    APPLIED = "applied"
    EXPIRED = "expired"
    TERMS_CHANGED = "terms-changed"
    REVISION_CHANGED = "revision-changed"
    UNKNOWN_RULE = "unknown-rule"
    UNUSED = "unused"


@dataclass(frozen=True, slots=True)
class WaiverUse:
    """A waiver and what it did (``applied``) or why it did not apply."""

    waiver: Waiver
    status: WaiverStatus
    reason: str


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule evaluated on one release.

    ``severity`` is what the outcome counts as (the rule's severity when violated, the unknown
    setting when unknown, ``info`` when it passes or a waiver covers it). ``evidence`` points at
    what decided it. ``waiver`` is the waiver that covers it, if any.
    """

    rule: str
    outcome: Outcome
    severity: RuleSeverity
    message: str
    evidence: tuple[Provenance, ...] = ()
    subject: str = ""
    waiver: Waiver | None = None


@dataclass(frozen=True, slots=True)
class CodeUse:
    """A place in a code base that uses a release (from discovery): file and 1-based line."""

    release: str
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class ReleaseCheck:
    """One release checked: the target as given, what was graded, the fingerprint of its
    concluded terms, every rule's result, and where code uses it (when discovery knows).

    ``source`` is the snapshot's source kind (``local``, ``hub``, ``mot``, ``git``);
    ``location`` where it was read (a directory, a YAML file, a Hub URL); ``manifest`` the
    release's own description inside it (its model card), "" when there is none.
    """

    target: str
    release: str
    revision: str | None
    source: str
    location: str
    terms: str
    results: tuple[RuleResult, ...]
    code_uses: tuple[CodeUse, ...] = ()
    manifest: str = ""

    @property
    def verdict(self) -> Verdict:
        severities = {result.severity for result in self.results if result.outcome != "pass"}
        for severity, verdict in (
            (RuleSeverity.FAIL, Verdict.FAIL),
            (RuleSeverity.WARN, Verdict.WARN),
            (RuleSeverity.INFO, Verdict.INFO),
        ):
            if severity in severities:
                return verdict
        return Verdict.PASS


@dataclass(frozen=True, slots=True)
class UnreadableTarget:
    """A target that could not be read, with the reason."""

    target: str
    reason: str


@dataclass(frozen=True, slots=True)
class CheckRun:
    """Every target checked against one policy, and what became of each waiver."""

    policy: Policy
    checks: tuple[ReleaseCheck, ...]
    waivers: tuple[WaiverUse, ...]
    unreadable: tuple[UnreadableTarget, ...] = ()
    today: date | None = None

    @property
    def failed(self) -> bool:
        return any(check.verdict is Verdict.FAIL for check in self.checks)
