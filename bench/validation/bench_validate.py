"""Benchmark: ``opengrade validate`` on 1,000 rows with 1,000 bootstrap resamples.

Trains the fixture ONNX model on the corpus's German Credit file (1,000 rows), then times the
whole command (a new process each run: start-up, model checks, the limited child process,
fairlearn metrics for sex, age and their intersection, the bootstrap) and, in process, the
bootstrap alone. Run: ``python bench/validation/bench_validate.py [--runs 5]`` (target ≤ 10 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "validation"))

from fixture_models import german_credit, write_release  # noqa: E402


def _corpus() -> Path:
    configured = os.environ.get("OPENGRADE_CORPUS")
    return Path(configured) if configured else ROOT.parent / "shared" / "corpus"


def _bootstrap_only(data: Path, resamples: int) -> float:
    import numpy
    import pandas

    from opengrade.validation.bootstrap import Partition, resample_weights, statistics

    frame = pandas.read_csv(data)
    truth = frame["risk"].to_numpy()
    scores = 1 / (1 + numpy.exp((frame["duration"].to_numpy() - 20) / 10))
    predicted = (scores >= 0.5).astype(int)
    codes = (frame["sex"] == "female").to_numpy().astype(int)
    start = time.perf_counter()
    weights = resample_weights(len(truth), resamples, 0)
    statistics(weights, truth, predicted, scores, Partition(codes, 2))
    return time.perf_counter() - start


def main() -> None:
    """Time the command and print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args()
    data = german_credit(_corpus())
    with tempfile.TemporaryDirectory() as folder:
        release = write_release(data, Path(folder) / "release")
        command = [
            sys.executable, "-m", "opengrade", "validate", str(release), "--data", str(data),
            "--label", "risk", "--positive", "1", "--sensitive", "sex,age",
            "--resamples", str(args.resamples), "--format", "json", "-o", os.devnull,
        ]  # fmt: skip
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    bootstrap = _bootstrap_only(data, args.resamples)
    print(f"command: {' '.join(command[2:4])} ... --resamples {args.resamples} (1,000 rows)")
    print(f"runs: {args.runs}, median: {statistics.median(times):.2f} s, max: {max(times):.2f} s")
    print(f"bootstrap alone (one attribute, all metrics): {bootstrap * 1000:.0f} ms")


if __name__ == "__main__":
    main()
