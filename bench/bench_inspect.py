"""Benchmark: inspecting a corpus release in-process (read + every extractor), median over
every corpus folder.

Run: ``python bench/bench_inspect.py [--repeat 5]`` (target: median ≤ 50 ms per folder).
"""

from __future__ import annotations

import argparse

from corpus_timing import time_corpus

from opengrade.pipeline import inspect


def main() -> None:
    """Time ``inspect`` on every corpus folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    time_corpus(inspect, parser.parse_args().repeat)


if __name__ == "__main__":
    main()
