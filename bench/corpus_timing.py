"""Time one pipeline function over every corpus release (shared by the pipeline benchmarks)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from opengrade.evidence.card import parse_card

CORPUS = Path(
    os.environ.get("OPENGRADE_CORPUS", Path(__file__).parents[1] / ".." / "shared" / "corpus")
)


def time_corpus(
    run: Callable[[str], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> None:
    """Print the first call's time, and the median, p90 and slowest per-release medians.

    ``clock`` is wall time by default; ``time.process_time`` (the process's CPU time) gives
    figures that hold on a busy shared machine, for before/after comparisons."""
    folders = sorted(path for path in (CORPUS / "models").iterdir() if path.is_dir())
    start = clock()
    run(str(folders[0]))
    first = (clock() - start) * 1000
    per_folder: dict[str, float] = {}
    for folder in folders:
        runs = []
        for _ in range(repeat):
            parse_card.cache_clear()  # every run parses the card anew, as a first read would
            start = clock()
            run(str(folder))
            runs.append((clock() - start) * 1000)
        per_folder[folder.name] = statistics.median(runs)
    values = sorted(per_folder.values())
    slowest = max(per_folder, key=per_folder.__getitem__)
    print(f"folders: {len(folders)}, repeats: {repeat}")
    print(f"first call (imports, index and catalogue load): {first:.1f} ms")
    print(f"median per folder: {statistics.median(values):.2f} ms")
    print(f"p90 per folder: {values[int(len(values) * 0.9)]:.2f} ms")
    print(f"slowest: {slowest} {per_folder[slowest]:.2f} ms")
