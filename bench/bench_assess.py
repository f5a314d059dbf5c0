"""Benchmark: grading a corpus release end to end in-process (read, evidence, licenses, MOF,
OSAID, EU AI Act, open-washing), median over every corpus folder.

Run: ``python bench/bench_assess.py [--repeat 5]`` (target: median ≤ 100 ms per folder).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from opengrade.evidence.card import parse_card
from opengrade.pipeline import assess

CORPUS = Path(
    os.environ.get("OPENGRADE_CORPUS", Path(__file__).parents[1] / ".." / "shared" / "corpus")
)


def main() -> None:
    """Time ``assess`` on every corpus folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = sorted(path for path in (CORPUS / "models").iterdir() if path.is_dir())
    start = time.perf_counter()
    assess(str(folders[0]))
    first = (time.perf_counter() - start) * 1000
    per_folder: dict[str, float] = {}
    for folder in folders:
        runs = []
        for _ in range(args.repeat):
            parse_card.cache_clear()  # every run parses the card anew, as a first read would
            start = time.perf_counter()
            assess(str(folder))
            runs.append((time.perf_counter() - start) * 1000)
        per_folder[folder.name] = statistics.median(runs)
    values = sorted(per_folder.values())
    slowest = max(per_folder, key=per_folder.__getitem__)
    print(f"folders: {len(folders)}, repeats: {args.repeat}")
    print(f"first call (imports, index and catalogue load): {first:.1f} ms")
    print(f"median per folder: {statistics.median(values):.2f} ms")
    print(f"p90 per folder: {values[int(len(values) * 0.9)]:.2f} ms")
    print(f"slowest: {slowest} {per_folder[slowest]:.2f} ms")


if __name__ == "__main__":
    main()
