"""Benchmark: grading a corpus release end to end in-process (read, evidence, licenses, MOF,
OSAID, EU AI Act, open-washing), median over every corpus folder.

Run: ``python bench/bench_assess.py [--repeat 5] [--cpu]`` (target: median ≤ 100 ms per
folder). ``--cpu`` measures the process's CPU time instead of wall time (steadier on a busy
machine; compare two checkouts by putting the other's ``src`` first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import time

from corpus_timing import time_corpus

from opengrade.pipeline import assess


def main() -> None:
    """Time ``assess`` on every corpus folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall time")
    args = parser.parse_args()
    time_corpus(assess, args.repeat, time.process_time if args.cpu else time.perf_counter)


if __name__ == "__main__":
    main()
