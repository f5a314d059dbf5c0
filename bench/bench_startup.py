"""Benchmark: cold start of ``opengrade --version`` (a new interpreter each run).

Run: ``python bench/bench_startup.py [--runs 20]`` (target: median ≤ 300 ms). Also prints the
median CPU time (user + system) of the child, steadier than wall time on a busy machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    """Start the installed console script repeatedly and print the median wall time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("opengrade")
    found = str(script) if script.exists() else shutil.which("opengrade")
    command = [found, "--version"] if found else [sys.executable, "-m", "opengrade", "--version"]
    times, cpu = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cpu.append(used * 1000)
    print(f"command: {' '.join(command)}")
    print(f"runs: {args.runs}, median: {statistics.median(times):.1f} ms, max: {max(times):.1f} ms")
    print(f"median CPU time (user + system): {statistics.median(cpu):.1f} ms")


if __name__ == "__main__":
    main()
