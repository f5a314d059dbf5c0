"""The long fuzzing run: every target of ``tests/fuzz/fuzz_targets.py`` for many random inputs.

    .venv/bin/python bench/fuzz/run_fuzz.py --examples 5000 [--seed N] [--only card]

Prints, per target: inputs tried, failures (an exception that escaped, with the first input),
total time, the slowest single input, and the process's peak resident memory after the target.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "fuzz"))

from fuzz_targets import TARGETS, Target


def run(target: Target, examples: int, random_seed: int) -> tuple[int, float, float, str]:
    """Inputs tried, total and slowest seconds, and the first failure ("" when none)."""
    tried = 0
    slowest = 0.0
    failure = ""

    @seed(random_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def check(value: object) -> None:
        nonlocal tried, slowest
        tried += 1
        start = time.perf_counter()
        target.check(value)
        slowest = max(slowest, time.perf_counter() - start)

    target.check(target.warm)  # one-time loads (license index, rules) are not an input's time
    start = time.perf_counter()
    try:
        check()
    except Exception as error:
        failure = f"{type(error).__name__}: {str(error)[:300]}"
    return tried, time.perf_counter() - start, slowest, failure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--only", help="run only the target with this name")
    options = parser.parse_args()
    print("| target | inputs | failures | total s | slowest input ms | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for target in TARGETS:
        if options.only and target.name != options.only:
            continue
        tried, total, slowest, failure = run(target, options.examples, options.seed)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        failed = f"1 ({failure})" if failure else "0"
        print(
            f"| {target.name} | {tried} | {failed} | {total:.1f} | {slowest * 1000:.1f} "
            f"| {peak:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
