"""Time reading and grading all 273 MOT listings in one process.

Usage (from the repository root):
    PYTHONPATH=src .venv/bin/python bench/mot/bench_grade.py [CORPUS] [--runs N]

Prints the first (cold: imports, data files, YAML parsing) and the median of N warm runs;
each run reads every YAML with ManifestSource and grades it (observations + MOF grade).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(paths: list[Path]) -> float:
    from opengrade.frameworks.mof import grade, observations_from_manifest
    from opengrade.sources.manifest import ManifestSource

    started = time.perf_counter()
    for path in paths:
        manifest = ManifestSource(path).read().manifest
        assert manifest is not None
        grade(observations_from_manifest(manifest))
    return time.perf_counter() - started


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    args = [a for a in args if a != str(runs)]
    default = ROOT.parent / "shared" / "corpus"
    corpus = Path(args[0] if args else os.environ.get("OPENGRADE_CORPUS", default))
    paths = sorted((corpus / "mot/models").glob("*.yml"))
    started = time.perf_counter()
    cold = run(paths)
    cold_total = time.perf_counter() - started
    warm = [run(paths) for _ in range(runs)]
    print(f"{len(paths)} listings: cold {cold_total:.3f} s (incl. imports), grading {cold:.3f} s")
    print(f"warm median of {runs}: {statistics.median(warm):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
