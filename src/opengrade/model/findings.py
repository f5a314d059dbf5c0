"""What the OSAID, EU AI Act, open-washing and lineage checks conclude, as typed values.

Requirement and condition outcomes are the rules engine's :class:`RuleResult` values. Every
result names the evidence that decided it as provenance strings (``README.md:12``,
``README.md [license]``, a URL), so a report can always answer "why".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengrade.model.assessment import RuleResult


class OsaidVerdict(StrEnum):
    """OSAID 1.0 verdict. ``unverified``: nothing fails, but something is only declared."""

    CONFORMANT = "conformant"
    NOT_CONFORMANT = "not-conformant"
    UNVERIFIED = "unverified"


class DataAvailability(StrEnum):
    """The four kinds of training data OSAID 1.0 names, plus ``unknown``."""

    OPEN = "open"
    PUBLIC = "public"
    OBTAINABLE = "obtainable"
    UNSHAREABLE = "unshareable"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class DatasetClassification:
    """A training dataset the release names, how available it is, and where to get it."""

    name: str
    availability: DataAvailability
    where: str | None
    license: str | None
    reason: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OsaidResult:
    """The OSAID verdict with each requirement and the training-data inventory."""

    version: str
    source: str
    verdict: OsaidVerdict
    requirements: tuple[RuleResult, ...]
    datasets: tuple[DatasetClassification, ...] = ()


class ExemptionStatus(StrEnum):
    """EU AI Act Art. 53(2) pre-check outcome.

    ``indicated``: every condition opengrade can check is met (monetisation still to confirm).
    ``not-eligible``: a condition fails. ``unknown``: a checkable condition could not be decided.
    """

    INDICATED = "indicated"
    NOT_ELIGIBLE = "not-eligible"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ExemptionResult:
    """The Art. 53(2) pre-check: conditions, out-of-scope notes and the guidance disclaimer."""

    version: str
    source: str
    status: ExemptionStatus
    conditions: tuple[RuleResult, ...]
    notes: tuple[str, ...]
    disclaimer: str


class Severity(StrEnum):
    """How serious an open-washing finding is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Finding:
    """One open-washing signal: a stable code, its severity, a message and its evidence."""

    code: str
    severity: Severity
    message: str
    evidence: tuple[str, ...] = ()


class LineageSource(StrEnum):
    """Where an inherited license came from."""

    BASE_RELEASE = "base-release"
    FAMILY_TABLE = "family-table"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class BaseFamily:
    """One row of the curated table of well-known base models and their licenses."""

    pattern: str
    license: str
    relicensing_allowed: bool
    clause: str
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class InheritedLicense:
    """The terms a declared base model passes on to this release.

    ``license`` is None when the base's terms are unknown; ``relicensing_allowed`` is None
    when it cannot be told whether a derivative may carry different terms. ``organisation`` is
    the base's publisher (from its id or its family row), "" when unknown: a publisher may
    relicense its own base.
    """

    base: str
    relation: str
    license: str | None
    relicensing_allowed: bool | None
    clause: str
    source: LineageSource
    reference: str
    evidence: tuple[str, ...] = ()
    organisation: str = ""
