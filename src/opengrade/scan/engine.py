"""Scan many targets: grade them in a process pool (or in this process for one job) and write
every outcome to the store from this process only (one writer). A failed target is recorded
with its error; an interrupted scan resumes, skipping content already stored by this version."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from opengrade import __version__
from opengrade.scan.worker import OutcomeStatus, TargetOutcome, grade_target, remember_known
from opengrade.store import Store


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """Progress: ``done`` of ``total`` targets finished; ``outcome`` the one just stored."""

    done: int
    total: int
    outcome: TargetOutcome
    added: bool


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The end summary of a scan."""

    outcomes: tuple[TargetOutcome, ...]
    added: int
    unchanged: int
    failed: int
    seconds: float

    @property
    def total(self) -> int:
        return len(self.outcomes)


ScanObserver = Callable[[ScanEvent], None]


BATCH_SIZE = 25
BATCH_SECONDS = 0.5


def scan(
    targets: Sequence[str],
    store: Store,
    *,
    jobs: int = 1,
    observer: ScanObserver | None = None,
) -> ScanResult:
    """Grade ``targets`` into ``store``; ``jobs`` worker processes (1: this process). Grades
    are written in small batches (one transaction each; at most ``BATCH_SIZE`` or
    ``BATCH_SECONDS`` of work); an interruption keeps every batch already written, and
    flushes the one in hand."""
    started = time.perf_counter()
    known = store.known_revisions(__version__)
    remember_known(known)
    outcomes: list[TargetOutcome] = []
    counts = {"added": 0, "unchanged": 0, "failed": 0}
    pending: list[TargetOutcome] = []
    flushed_at = time.perf_counter()

    def report(outcome: TargetOutcome, added: bool) -> None:
        outcomes.append(outcome)
        counts[
            "failed"
            if outcome.status is OutcomeStatus.FAILED
            else "added"
            if added
            else "unchanged"
        ] += 1
        if observer is not None:
            observer(ScanEvent(len(outcomes), len(targets), outcome, added))

    def flush() -> None:
        results = store.add_reports([(item.report_json, item.revision) for item in pending])
        for item, result in zip(pending, results, strict=True):
            report(item, result.added)
        pending.clear()

    try:
        for outcome in _outcomes(targets, jobs, known):
            if outcome.status is OutcomeStatus.GRADED:
                pending.append(outcome)
            elif outcome.status is OutcomeStatus.FAILED:
                store.record_failure(outcome.target, outcome.error, __version__)
                report(outcome, False)
            else:
                report(outcome, False)
            if pending and (
                len(pending) >= BATCH_SIZE or time.perf_counter() - flushed_at >= BATCH_SECONDS
            ):
                flush()
                flushed_at = time.perf_counter()
    finally:
        if pending:
            flush()
    return ScanResult(
        tuple(outcomes),
        counts["added"],
        counts["unchanged"],
        counts["failed"],
        seconds=time.perf_counter() - started,
    )


def _outcomes(
    targets: Sequence[str], jobs: int, known: frozenset[tuple[str, str]]
) -> Iterator[TargetOutcome]:
    """Each target's outcome as soon as it is ready (in completion order with a pool)."""
    if jobs <= 1 or len(targets) <= 1:
        for target in targets:
            yield grade_target(target)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=remember_known, initargs=(known,)
    ) as pool:
        pending: set[Future[TargetOutcome]] = set()
        queue = iter(targets)
        for target in queue:  # keep at most 4 tasks per worker in flight
            pending.add(pool.submit(grade_target, target))
            if len(pending) >= jobs * 4:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(queue, None)
                if following is not None:
                    pending.add(pool.submit(grade_target, following))
