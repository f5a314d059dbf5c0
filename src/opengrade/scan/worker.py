"""Grade one target in a worker process: read it, skip it when the store already holds this
content graded by this tool version, else grade it through the pipeline and return the JSON
report. Never raises: a failure is an outcome with its message."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from opengrade.errors import OpengradeError

if TYPE_CHECKING:
    from opengrade.model import ReleaseSnapshot
    from opengrade.model.report import Report

_KNOWN: frozenset[tuple[str, str]] = frozenset()


class OutcomeStatus(StrEnum):
    """``graded``: a report to store; ``unchanged``: already stored; ``failed``: see error."""

    GRADED = "graded"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    """What grading one target gave (crosses the process boundary: plain values only)."""

    target: str
    status: OutcomeStatus
    release_key: str = ""
    revision: str = ""
    report_json: str = ""
    error: str = ""
    seconds: float = 0.0
    waited: float = 0.0
    """Seconds its requests waited for a request budget or the Hub's rate limit."""


def remember_known(known: frozenset[tuple[str, str]]) -> None:
    """Pool initialiser: the (release key, revision) pairs this tool version already stored."""
    global _KNOWN
    _KNOWN = known


def grade_target(target: str) -> TargetOutcome:
    """Read and grade ``target`` (a folder, a MOT YAML, a Hub id)."""
    from opengrade.formats.report_json import JsonFormat
    from opengrade.scan.revision import content_revision
    from opengrade.store.records import release_key_of

    started = time.perf_counter()
    try:
        snapshot = _read(target)
        revision = content_revision(snapshot)
        key = release_key_of(str(snapshot.source), snapshot.id, snapshot.location)
        if (key, revision) in _KNOWN:
            return TargetOutcome(target, OutcomeStatus.UNCHANGED, key, revision)
        report = _grade(snapshot)
        text = JsonFormat().render(report)
    except OpengradeError as error:
        return _failed(target, str(error), started)
    except (OSError, ValueError, RecursionError, MemoryError) as error:
        return _failed(target, f"{type(error).__name__}: {error}", started)
    except Exception as error:  # a bug in grading one release must not stop the scan
        return _failed(target, f"internal error ({type(error).__name__}: {error})", started)
    seconds = time.perf_counter() - started
    return TargetOutcome(target, OutcomeStatus.GRADED, key, revision, text, seconds=seconds)


def _failed(target: str, message: str, started: float) -> TargetOutcome:
    elapsed = time.perf_counter() - started
    return TargetOutcome(target, OutcomeStatus.FAILED, error=message, seconds=elapsed)


def _read(target: str) -> ReleaseSnapshot:
    from opengrade.pipeline import read

    return read(target)


def _grade(snapshot: ReleaseSnapshot) -> Report:
    """Grade a snapshot already read through the one seam, ``assess(source)``."""
    from opengrade.pipeline import assess
    from opengrade.sources.interface import Source

    class SnapshotSource(Source):
        """The snapshot the scan already read (to learn its revision), handed to ``assess``."""

        def read(self) -> ReleaseSnapshot:
            return snapshot

    return assess(SnapshotSource())
