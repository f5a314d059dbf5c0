"""The validation report: what ran on what, and every metric with its interval and group sizes."""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Estimate:
    """A metric's value with its bootstrap interval (None where undefined, e.g. one class)."""

    metric: str
    value: float | None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One group: its size, its positives (by the label), whether it is too small to trust,
    and its metrics. A group of size 0 keeps its place, with no metrics."""

    group: str
    size: int
    positives: int
    small: bool
    estimates: tuple[Estimate, ...]


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """The groups of one sensitive attribute (or of an intersection) and its fairness metrics.
    ``edges`` are the inner bin edges of a binned numeric attribute."""

    attribute: str
    groups: tuple[GroupResult, ...]
    fairness: tuple[Estimate, ...]
    edges: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class ThresholdCheck:
    """A ``--fail-if`` condition, the value it was checked against and whether it failed
    (``failed`` is None when the value is undefined)."""

    expression: str
    scope: str
    value: float | None
    failed: bool | None


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A file the run read: the path given, its SHA-256 and size."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How the run was made: decision threshold (None: the model's own labels), bootstrap,
    small-group limit, process limits."""

    threshold: float | None
    seed: int
    resamples: int
    confidence_level: float
    small_group_size: int
    memory_mib: int
    cpu_seconds: int
    wall_seconds: float


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """A validation run of one model on one labelled data file."""

    tool_version: str
    created: str | None
    model: FileRecord
    model_format: str
    data: FileRecord
    rows: int
    label: str
    positive: str
    negative: str
    positives: int
    settings: RunSettings
    libraries: tuple[tuple[str, str], ...]
    overall: tuple[Estimate, ...]
    partitions: tuple[PartitionResult, ...]
    checks: tuple[ThresholdCheck, ...]
    notes: tuple[str, ...]
    schema_version: str = SCHEMA_VERSION

    @property
    def failed(self) -> bool:
        """Whether a ``--fail-if`` condition holds."""
        return any(check.failed for check in self.checks)
