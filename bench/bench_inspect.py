"""Benchmark: inspecting a corpus release in-process (median over every corpus folder).

Run: ``python bench/bench_inspect.py [--repeat 5]`` (target: median ≤ 50 ms per folder).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from opengrade.evidence.card import parse_card
from opengrade.pipeline import inspect

CORPUS = Path(
    os.environ.get("OPENGRADE_CORPUS", Path(__file__).parents[1] / ".." / "shared" / "corpus")
)


def main() -> None:
    """Time ``inspect`` on every corpus folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = sorted(path for path in (CORPUS / "models").iterdir() if path.is_dir())
    inspect(str(folders[0]))  # warm-up: imports and compiled patterns
    per_folder: list[float] = []
    slowest = ("", 0.0)
    for folder in folders:
        runs = []
        for _ in range(args.repeat):
            parse_card.cache_clear()  # every run parses the card anew, as a first read would
            start = time.perf_counter()
            inspect(str(folder))
            runs.append((time.perf_counter() - start) * 1000)
        best = statistics.median(runs)
        per_folder.append(best)
        if best > slowest[1]:
            slowest = (folder.name, best)
    print(f"folders: {len(folders)}, repeats: {args.repeat}")
    print(f"median per folder: {statistics.median(per_folder):.2f} ms")
    print(f"p90 per folder: {sorted(per_folder)[int(len(per_folder) * 0.9)]:.2f} ms")
    print(f"slowest: {slowest[0]} {slowest[1]:.2f} ms")


if __name__ == "__main__":
    main()
