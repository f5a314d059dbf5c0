"""Metadata-tier grading in-process, the listing pages already fetched, measured the way a scan
worker runs it: every real card's listing entry (the loopback Hub's ``cardData``, siblings,
tags) graded through ``assess()``, rendered to the compact JSON the store keeps (the worker's
own ``_render``), and the report dropped, on one core.

    python bench/hub/bench_metadata.py [--repeat 3]

Why stream: ``scan/hub_worker.py`` grades one entry, renders it and keeps only the text, so a
worker never holds more than one report. Holding all 3,433 reports at once (~600,000 objects)
makes the cyclic garbage collector's full collections cost about a fifth of the time — a cost
no scan pays. Rendering is not hidden: grading + JSON is measured and printed too.

Prints releases per second per core by CPU time (the median of the repeats): grading alone (the
sum of the ``assess()`` calls) and grading + compact JSON (the whole loop), the wall-clock rate,
the time per release (median, p90, max), the slowest entries (the cards with thousands of
evaluation results), and the share ``--depth auto`` would read files for. The first 50 entries
are graded once before timing (a worker's first release loads the rule data and modules).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from fakehub_listing import Catalogue  # noqa: E402

from opengrade.pipeline import assess  # noqa: E402
from opengrade.scan.hub_worker import _render, needs_files  # noqa: E402
from opengrade.sources.hub.listing_entry import (  # noqa: E402
    EXPANDED_FIELDS,
    HubListingEntry,
    parse_listing_entry,
)
from opengrade.sources.hub.metadata import ListingEntrySource  # noqa: E402


def entries() -> list[HubListingEntry]:
    catalogue = Catalogue()
    catalogue.add_cards(ROOT.parent / "shared" / "corpus" / "cards")
    found = [
        parse_listing_entry(item.entry(EXPANDED_FIELDS)) for item in catalogue.releases.values()
    ]
    return [entry for entry in found if entry is not None]


class Pass:
    """One streaming pass over the entries: per-release grading CPU and wall times, the whole
    pass's CPU and wall time, and how many reports ``--depth auto`` would send to the files."""

    def __init__(self, listed: list[HubListingEntry]) -> None:
        self.grading_cpu: list[tuple[float, str]] = []
        self.grading_wall = 0.0
        self.doubtful = 0
        self.checking_cpu = self.checking_wall = 0.0
        clock, cpu = time.perf_counter, time.process_time
        started, cpu_started = clock(), cpu()
        for entry in listed:
            entry_cpu, entry_wall = cpu(), clock()
            report = assess(ListingEntrySource(entry, endpoint="http://hub.invalid"))
            self.grading_wall += clock() - entry_wall
            self.grading_cpu.append((cpu() - entry_cpu, entry.repo_id))
            _render(report)
            checking_cpu, checking_wall = cpu(), clock()
            self.doubtful += needs_files(report)
            self.checking_cpu += cpu() - checking_cpu
            self.checking_wall += clock() - checking_wall
            del report
        # needs_files is the --depth auto check, neither grading nor rendering: left out.
        self.total_wall = clock() - started - self.checking_wall
        self.total_cpu = cpu() - cpu_started - self.checking_cpu

    @property
    def grading_cpu_seconds(self) -> float:
        return sum(seconds for seconds, _ in self.grading_cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    listed = entries()
    count = len(listed)
    for entry in listed[:50]:  # a worker's first releases load the rule data and modules
        _render(assess(ListingEntrySource(entry, endpoint="http://hub.invalid")))
    passes = [Pass(listed) for _ in range(args.repeat)]
    best = min(passes, key=lambda one: one.grading_cpu_seconds)
    times = sorted(seconds for seconds, _ in best.grading_cpu)
    slowest = sorted(best.grading_cpu, reverse=True)[:3]

    def rate(seconds: list[float]) -> str:
        return f"{statistics.median(count / value for value in seconds):,.0f}"

    print(f"{count} listing entries (real cards), one core, {args.repeat} passes, streamed")
    print(f"grading by CPU time: {rate([one.grading_cpu_seconds for one in passes])} releases/s")
    print(f"grading + compact JSON by CPU time: {rate([one.total_cpu for one in passes])}/s")
    print(
        f"wall clock: grading {rate([one.grading_wall for one in passes])}/s, "
        f"grading + JSON {rate([one.total_wall for one in passes])}/s"
    )
    print(
        f"per release (CPU, fastest pass): median {statistics.median(times) * 1000:.2f} ms, "
        f"p90 {times[int(len(times) * 0.9)] * 1000:.2f} ms, max {times[-1] * 1000:.0f} ms"
    )
    doubtful = best.doubtful
    print(f"--depth auto would read the files of {doubtful} ({doubtful / count:.1%})")
    print("slowest:", ", ".join(f"{name} {seconds * 1000:.0f} ms" for seconds, name in slowest))


if __name__ == "__main__":
    main()
