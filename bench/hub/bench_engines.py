"""Ray against the local pool on the same jobs: ``--releases`` listing entries (the real cards,
mirrored to reach the count) graded at the metadata tier in jobs of 50, on 2 workers each.

    python bench/hub/bench_engines.py [--releases 10000]

Prints the wall time of each engine (Ray's start-up separately) and checks that both gave the
same reports (reproducible mode).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "hub"))

from fakehub_listing import Catalogue  # noqa: E402

from opengrade.scan.engines import Engine, open_engine  # noqa: E402
from opengrade.scan.hub_worker import Depth, HubJob  # noqa: E402
from opengrade.sources.hub.listing_entry import EXPANDED_FIELDS, parse_listing_entry  # noqa: E402


def raws(count: int) -> list[str]:
    catalogue = Catalogue()
    copies = -(-count // 3433)
    catalogue.add_cards(ROOT.parent / "shared" / "corpus" / "cards", copies=copies)
    found = []
    for release in list(catalogue.releases.values())[:count]:
        entry = parse_listing_entry(release.entry(EXPANDED_FIELDS))
        if entry is not None:
            found.append(entry.raw)
    return found


def run(engine: Engine, entries: list[str]) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    with engine:
        for start in range(0, len(entries), 50):
            batch = tuple(entries[start : start + 50])
            engine.submit(HubJob(batch, Depth.METADATA, "http://hub.invalid", True))
        outcomes = []
        while engine.pending():
            for done in engine.finished(block=True):
                outcomes += done
    return {item.target: item.report_json for item in outcomes}, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=10_000)
    args = parser.parse_args()
    entries = raws(args.releases)
    local, local_seconds = run(open_engine("local", jobs=2), entries)
    started = time.perf_counter()
    ray_engine = open_engine("ray", jobs=2)
    startup = time.perf_counter() - started
    on_ray, ray_seconds = run(ray_engine, entries)
    print(f"{len(entries)} releases, 2 workers each")
    print(f"local pool: {local_seconds:.1f} s ({len(entries) / local_seconds:,.0f} releases/s)")
    print(
        f"Ray: {ray_seconds:.1f} s ({len(entries) / ray_seconds:,.0f} releases/s) plus "
        f"{startup:.1f} s to start a local Ray; overhead {ray_seconds / local_seconds - 1:+.0%}"
    )
    print("identical reports:", on_ray == local)


if __name__ == "__main__":
    main()
