"""Benchmark: grading a corpus release end to end in-process (read, evidence, licenses, MOF,
OSAID, EU AI Act, open-washing), median over every corpus folder.

Run: ``python bench/bench_assess.py [--repeat 5]`` (target: median ≤ 100 ms per folder).
"""

from __future__ import annotations

import argparse

from corpus_timing import time_corpus

from opengrade.pipeline import assess


def main() -> None:
    """Time ``assess`` on every corpus folder and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    time_corpus(assess, parser.parse_args().repeat)


if __name__ == "__main__":
    main()
