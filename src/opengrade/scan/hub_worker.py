"""Grade a batch of Hub releases in a worker (a pool process, a Ray task, or this process).

A job carries listing entries as JSON text (plain values cross process boundaries) and a depth:
``metadata`` grades each entry alone (no request), ``files`` reads each release from the Hub
(today's Hub source), ``auto`` grades the metadata and reads the files only when the metadata
leaves the weights' terms open to doubt (:func:`needs_files`). Never raises: a release that
cannot be graded is a failed outcome with its message.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from opengrade.errors import OpengradeError
from opengrade.scan.worker import OutcomeStatus, TargetOutcome
from opengrade.sources.hub.budget import RequestBudget, waited_here

if TYPE_CHECKING:
    from opengrade.model.report import Report
    from opengrade.sources.hub.listing_entry import HubListingEntry


class Depth(StrEnum):
    """How much of each release a Hub scan reads."""

    METADATA = "metadata"
    AUTO = "auto"
    FILES = "files"


METADATA_REVISION = "metadata:"
"""Prefix of the revision a metadata-tier grade is stored under (``metadata:<commit>``): a
files-tier grade of the same commit is another, deeper grade."""


@dataclass(frozen=True, slots=True)
class HubJob:
    """Releases to grade: listing entries (JSON text), how deep, from which Hub."""

    entries: tuple[str, ...]
    depth: Depth
    endpoint: str
    reproducible: bool = False
    budget: tuple[int, float] | None = None
    """This worker's share of the request budget: (requests, window seconds)."""


_BUDGETS: dict[tuple[int, float], RequestBudget] = {}
"""One budget per worker process (its share of the scan's), kept across its jobs."""


def worker_budget(share: tuple[int, float] | None) -> RequestBudget | None:
    """This process's budget for ``share`` (None: no budget)."""
    if share is None:
        return None
    if share not in _BUDGETS:
        _BUDGETS[share] = RequestBudget(share[0], share[1])
    return _BUDGETS[share]


def revision_for(commit: str, *, files: bool) -> str:
    """The store revision of a grade of ``commit``."""
    return commit if files else METADATA_REVISION + commit


def grade_job(job: HubJob) -> list[TargetOutcome]:
    """Every release of ``job`` graded (or failed), in the job's order."""
    from opengrade.sources.hub.listing_entry import entry_from_raw

    outcomes = []
    for raw in job.entries:
        entry = entry_from_raw(raw)
        if entry is None:
            outcomes.append(TargetOutcome("?", OutcomeStatus.FAILED, error="unusable entry"))
            continue
        outcomes.append(_grade_entry(entry, job))
    return outcomes


def _grade_entry(entry: HubListingEntry, job: HubJob) -> TargetOutcome:
    started, waited_before = time.perf_counter(), waited_here()
    key = f"hub:{entry.repo_id}"
    try:
        files = job.depth is Depth.FILES
        report = None if files else _grade_metadata(entry, job)
        if report is not None and job.depth is Depth.AUTO and needs_files(report):
            report, files = None, True
        if report is None:
            report = _grade_files(entry, job)
        text = _render(report)
    except OpengradeError as error:
        return _failed(entry, key, str(error), started, waited_before)
    except Exception as error:  # a bug in grading one release must not stop the scan
        message = f"internal error ({type(error).__name__}: {error})"
        return _failed(entry, key, message, started, waited_before)
    return TargetOutcome(
        entry.repo_id,
        OutcomeStatus.GRADED,
        key,
        revision_for(entry.commit, files=files),
        text,
        seconds=time.perf_counter() - started,
        waited=waited_here() - waited_before,
    )


def _failed(
    entry: HubListingEntry, key: str, message: str, started: float, waited_before: float
) -> TargetOutcome:
    return TargetOutcome(
        entry.repo_id,
        OutcomeStatus.FAILED,
        key,
        entry.commit,
        error=message,
        seconds=time.perf_counter() - started,
        waited=waited_here() - waited_before,
    )


def _grade_metadata(entry: HubListingEntry, job: HubJob) -> Report:
    from opengrade.model.inputs import LinkedInputs
    from opengrade.pipeline import assess
    from opengrade.sources.hub.metadata import ListingEntrySource

    source = ListingEntrySource(entry, endpoint=job.endpoint)
    return assess(source, linked=LinkedInputs(reproducible=job.reproducible))


def _grade_files(entry: HubListingEntry, job: HubJob) -> Report:
    from opengrade.model.inputs import LinkedInputs
    from opengrade.pipeline import assess
    from opengrade.sources.hub import HubSource

    source = HubSource(
        entry.repo_id,
        revision=entry.commit,
        endpoint=job.endpoint,
        follow_datasets=False,
        budget=worker_budget(job.budget),
    )
    return assess(source, linked=LinkedInputs(reproducible=job.reproducible))


def needs_files(report: Report) -> bool:
    """Whether the metadata leaves the weights' terms in doubt: no concluded open/closed
    verdict (``license: other``, a name or link only, nothing), a declared conflict, or a
    self-claim of openness the files could contradict."""
    weights = next((item for item in report.concluded if str(item.scope) == "weights"), None)
    if weights is None or weights.open is None or "other" in {key.lower() for key in weights.keys}:
        return True
    if report.licensing.conflicts:
        return True
    from opengrade.model.evidence import payloads
    from opengrade.model.evidence_payloads import Claim

    return any(claim.about_release for claim, _ in payloads(report.evidence, Claim))


def _render(report: Report) -> str:
    """The JSON report, compact (the same content as ``--format json``; a Hub-scale store
    keeps millions of them)."""
    from opengrade.formats.report_json import report_to_dict

    document = report_to_dict(report)  # a tree of fresh dicts and lists: no cycle to check for
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), check_circular=False)
