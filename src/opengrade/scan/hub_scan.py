"""``scan --hub``: list the Hub page by page, skip what the store already holds, grade the rest
on an engine, and write every outcome to the store from this process (one writer).

Incremental: a release whose commit is already graded by this tool version at the asked depth
is skipped without a request (the listing gives the commit), so an interrupted scan resumes and
a second identical scan only lists. A listing page that keeps failing stops the listing (the
releases already graded stay graded; the message says how to resume); a release that fails is
recorded as failed and the scan goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from opengrade import __version__
from opengrade.scan.engines import Engine
from opengrade.scan.hub_worker import Depth, HubJob, revision_for
from opengrade.scan.worker import OutcomeStatus, TargetOutcome
from opengrade.sources.hub.budget import RequestBudget, split_budget
from opengrade.sources.hub.lister import HubLister, HubListingError, ListingQuery
from opengrade.store import Store

JOB_SIZE = 50
"""Releases per job: large enough that a job's overhead (a process hop, a Ray task) is small
against its grading, small enough that results stream into the store."""


@dataclass(frozen=True, slots=True)
class HubScanResult:
    """What a Hub scan did: releases listed, graded, skipped, failed; requests, waits."""

    listed: int
    added: int
    unchanged: int
    failed: int
    unusable: int
    listing_requests: int
    pages: int
    rate_limited: int
    waited_seconds: float
    """The listing's waits and the workers' (summed over workers: they wait in parallel)."""
    seconds: float
    depth: Depth
    stopped: str | None = None
    failures: tuple[TargetOutcome, ...] = field(default=())
    workers_waited_seconds: float = 0.0
    """The part of ``waited_seconds`` the workers waited reading files."""


@dataclass(frozen=True, slots=True)
class HubScanProgress:
    """Progress after each stored batch or listed page."""

    listed: int
    graded: int
    unchanged: int
    failed: int


HubScanObserver = Callable[[HubScanProgress], None]


def scan_hub(
    query: ListingQuery,
    store: Store,
    engine: Engine,
    *,
    depth: Depth = Depth.METADATA,
    budget: RequestBudget | None = None,
    endpoint: str | None = None,
    reproducible: bool = False,
    observer: HubScanObserver | None = None,
    lister: HubLister | None = None,
) -> HubScanResult:
    """Grade the releases ``query`` lists into ``store`` (see the module docstring);
    ``lister`` replaces the default one (its retries, its budget). Reading files, the budget is
    split: a small share for the listing, the rest evenly between the engine's workers (each
    keeps its own), so that together they never exceed it."""
    started = time.perf_counter()
    share = None
    if depth is not Depth.METADATA and budget is not None and budget.max_requests is not None:
        listing, per_worker = split_budget(budget.max_requests, engine.workers)
        budget.max_requests, share = listing, (per_worker, budget.window)
    lister = lister or HubLister(endpoint=endpoint, budget=budget)
    known = store.known_revisions(__version__)
    counts = {"listed": 0, "added": 0, "unchanged": 0, "failed": 0, "unusable": 0}
    workers_waited = [0.0]
    failures: list[TargetOutcome] = []

    def notify() -> None:
        if observer is not None:
            observer(
                HubScanProgress(
                    counts["listed"], counts["added"], counts["unchanged"], counts["failed"]
                )
            )

    def store_results(results: list[list[TargetOutcome]]) -> None:
        for outcomes in results:
            workers_waited[0] += sum(item.waited for item in outcomes)
            graded = [item for item in outcomes if item.status is OutcomeStatus.GRADED]
            added = store.add_reports([(item.report_json, item.revision) for item in graded])
            counts["added"] += sum(1 for result in added if result.added)
            counts["unchanged"] += sum(1 for result in added if not result.added)
            for item in outcomes:
                if item.status is OutcomeStatus.FAILED:
                    store.record_failure(item.target, item.error, __version__)
                    counts["failed"] += 1
                    failures.append(item)
        if results:
            notify()

    stopped, interrupted = None, False
    try:
        batch: list[str] = []
        for page in lister.pages(query):
            counts["unusable"] += page.unusable
            for entry in page.entries:
                counts["listed"] += 1
                if _already_graded(known, entry.repo_id, entry.commit, depth):
                    counts["unchanged"] += 1
                    continue
                batch.append(entry.raw)
                if len(batch) >= JOB_SIZE:
                    engine.submit(HubJob(tuple(batch), depth, lister.endpoint, reproducible, share))
                    batch = []
            store_results(engine.finished(block=engine.pending() > engine.workers * 4))
            notify()
        if batch:
            engine.submit(HubJob(tuple(batch), depth, lister.endpoint, reproducible, share))
    except HubListingError as error:
        stopped = str(error)
    except KeyboardInterrupt:  # keep what is finished; a rerun skips it
        interrupted = True
        store_results(engine.finished(block=False))
        raise
    finally:
        while engine.pending() and not interrupted:
            store_results(engine.finished(block=True))
    counters = lister.counters
    return HubScanResult(
        listed=counts["listed"],
        added=counts["added"],
        unchanged=counts["unchanged"],
        failed=counts["failed"],
        unusable=counts["unusable"],
        listing_requests=counters.requests,
        pages=counters.pages,
        rate_limited=counters.rate_limited,
        waited_seconds=lister.budget.waited + workers_waited[0],
        seconds=time.perf_counter() - started,
        depth=depth,
        stopped=stopped,
        failures=tuple(failures),
        workers_waited_seconds=workers_waited[0],
    )


def _already_graded(
    known: frozenset[tuple[str, str]], repo_id: str, commit: str, depth: Depth
) -> bool:
    """Whether this version already graded ``commit`` deep enough: any grade for the metadata
    tier, a files grade for ``files``; for ``auto`` either (its choice was made then)."""
    key = f"hub:{repo_id}"
    deep = (key, revision_for(commit, files=True)) in known
    shallow = (key, revision_for(commit, files=False)) in known
    return deep if depth is Depth.FILES else deep or shallow
