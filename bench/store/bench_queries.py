"""``inventory``, ``history`` and ``diff`` with 100,000 stored grades (target: each at most
100 ms). The grades are synthetic but made from real reports: the corpus's 350 JSON reports,
each given new release ids, so 10,000 releases carry 10 revisions each, alternating between
two real reports (every diff has something to say).

    .venv/bin/python bench/store/bench_queries.py [--store URL] [--keep PATH] [--repeat 20]

``--keep PATH`` keeps (or reuses) the SQLite file, so the load runs once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_scan import targets

from opengrade.formats.report_json import JsonFormat
from opengrade.pipeline import assess
from opengrade.store import InventoryFilter, Page, Store, open_store

RELEASES = 10_000
REVISIONS = 10
BATCH = 1_000


def load(store: Store) -> float:
    """Fill ``store`` with RELEASES x REVISIONS grades; returns the seconds it took."""
    bases = [json.loads(JsonFormat().render(assess(target))) for target in targets()]
    sources = [str(base["release"]["source"]) for base in bases]
    started = time.perf_counter()
    epoch = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list[tuple[str, str | None]] = []
    for revision in range(REVISIONS):
        for release in range(RELEASES):
            data = bases[(release + revision % 2) % len(bases)]
            data["release"]["source"] = sources[release % len(bases)]
            data["release"]["id"] = f"synthetic/{release:05d}"
            data["release"]["location"] = f"/synthetic/{release:05d}"
            data["generated_at"] = (epoch + timedelta(days=revision)).isoformat()
            batch.append((json.dumps(data), f"sha256:{release:05d}-{revision:02d}"))
            if len(batch) == BATCH:
                store.add_reports(batch)
                batch.clear()
    return time.perf_counter() - started


CLOCK = time.perf_counter
"""Wall time; ``--cpu``: this process's CPU time (steady on a busy machine; for SQLite it holds
the database work too, for PostgreSQL not the server's)."""


def timed(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    result = work()  # warm: statement compilation, page cache
    times = []
    for _ in range(repeat):
        started = CLOCK()
        result = work()
        times.append(CLOCK() - started)
    return statistics.median(times) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="a store URL (default: a fresh SQLite file)")
    parser.add_argument("--keep", help="keep or reuse this SQLite file")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cpu", action="store_true", help="measure CPU time, not wall time")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    print(f"clock: {'process CPU time' if args.cpu else 'wall time'}")
    work = tempfile.mkdtemp()
    url = args.store or args.keep or str(Path(work) / "inventory.db")
    with open_store(url) as store:
        if store.count() == 0:
            seconds = load(store)
            print(f"loaded {RELEASES * REVISIONS:,} grades in {seconds:.0f} s")
        print(f"store: {store.url}, {store.count():,} releases")
        release = "synthetic/05000"
        checks: list[tuple[str, Callable[[], object]]] = [
            ("inventory, first page (100 releases)", lambda: store.latest(page=Page(100))),
            (
                "inventory, page 50 (offset 5,000)",
                lambda: store.latest(page=Page(100, offset=5_000)),
            ),
            (
                "inventory filtered (weights not open), first page",
                lambda: store.latest(InventoryFilter(open_weights="false"), Page(100)),
            ),
            ("inventory count", lambda: store.count()),
            (
                "inventory as the CLI lists it (default page of 1,000, plus the count)",
                lambda: (store.latest(page=Page(1_000)), store.count())[0],
            ),
            ("inventory, every release (10,000)", lambda: store.latest()),
            ("history of one release (10 grades)", lambda: store.history(release)),
            ("diff of one release (last two grades)", lambda: store.diff(release)),
            (
                "diff between two named revisions",
                lambda: store.diff(release, f"sha256:{5000:05d}-03", f"sha256:{5000:05d}-08"),
            ),
        ]
        for name, work_item in checks:
            milliseconds, result = timed(work_item, args.repeat)
            size = len(result) if isinstance(result, list) else ""
            print(f"{name}: median {milliseconds:.1f} ms {f'({size} rows)' if size else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
