"""Metadata-tier grading in-process, the listing pages already fetched: every real card's
listing entry (the loopback Hub's ``cardData``, siblings, tags) graded through ``assess()`` and
rendered to the compact JSON the store keeps, on one core.

    python bench/hub/bench_metadata.py [--repeat 3]

Prints releases per second for grading alone and for grading plus rendering (median of the
repeats), the time per release, the slowest entries (the cards with thousands of evaluation
results), and the share ``--depth auto`` would read files for.
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

from opengrade.formats.report_json import report_to_dict  # noqa: E402
from opengrade.pipeline import assess  # noqa: E402
from opengrade.scan.hub_worker import needs_files  # noqa: E402
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


def main() -> None:
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    listed = entries()
    grade_rates, full_rates, slowest = [], [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        reports = [assess(ListingEntrySource(e, endpoint="http://hub.invalid")) for e in listed]
        graded = time.perf_counter() - started
        for report in reports:
            json.dumps(report_to_dict(report), ensure_ascii=False, separators=(",", ":"))
        total = time.perf_counter() - started
        grade_rates.append(len(listed) / graded)
        full_rates.append(len(listed) / total)
    for entry in listed:
        started = time.perf_counter()
        assess(ListingEntrySource(entry, endpoint="http://hub.invalid"))
        slowest.append((time.perf_counter() - started, entry.repo_id))
    slowest.sort(reverse=True)
    times = sorted(seconds for seconds, _ in slowest)
    print(f"{len(listed)} listing entries (real cards), one core")
    print(f"grading: {statistics.median(grade_rates):,.0f} releases/s")
    print(f"grading + compact JSON: {statistics.median(full_rates):,.0f} releases/s")
    print(
        f"per release: median {statistics.median(times) * 1000:.2f} ms, "
        f"p90 {times[int(len(times) * 0.9)] * 1000:.2f} ms, max {times[-1] * 1000:.0f} ms"
    )
    doubtful = sum(needs_files(report) for report in reports)
    print(f"--depth auto would read the files of {doubtful} ({doubtful / len(listed):.1%})")
    print("slowest:", ", ".join(f"{name} {seconds * 1000:.0f} ms" for seconds, name in slowest[:3]))


if __name__ == "__main__":
    main()
