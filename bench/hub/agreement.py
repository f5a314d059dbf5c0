"""The metadata tier against local grading on every real card (the full run of the test's
sample; see ``tests/hubscale/agreement.py`` for the categories).

    python bench/hub/agreement.py [--every N] [--jobs 2] [--show 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "hubscale"))

from agreement import compare_card  # noqa: E402

CARDS = ROOT.parent / "shared" / "corpus" / "cards"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    cards = sorted(path for path in CARDS.glob("*.md") if path.name != "SOURCE.md")
    cards = cards[:: args.every]
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(compare_card, cards, chunksize=16))
    counts = Counter(item.category for item in results)
    print(f"{len(results)} cards in {time.perf_counter() - started:.0f} s: {dict(counts)}")
    for item in [r for r in results if r.category != "agree"][: args.show]:
        print(
            f"  {item.category:15} {item.card}: metadata {item.metadata!r} / local {item.local!r}"
        )


if __name__ == "__main__":
    main()
