"""Precision and recall of self-claims on the hand-labelled real-card phrases, per split.

PYTHONPATH=src:tests/evidence .venv/bin/python bench/claims/measure.py [--errors]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "tests" / "evidence"))

from claim_labels import load_labels, predict_all, score, with_split

SPLITS = ("dev", "dev2", "dev3", "held-out", "held-out2", "held-out3", "held-out4", "held-out5")
CORPUS = Path(
    os.environ.get("OPENGRADE_CORPUS", Path(__file__).parents[2] / ".." / "shared" / "corpus")
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the wrong lines")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        help="errors of one split only",
    )
    args = parser.parse_args()
    labels = load_labels()
    predictions = predict_all(labels, CORPUS / "cards")
    print("| split | labelled | self (actual) | predicted self | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for split in (*SPLITS, None):
        scores = score(with_split(labels, split), predictions)
        print(
            f"| {split or 'all'} | {scores.labelled} | {scores.actual} | {scores.predicted} "
            f"| {scores.precision:.1%} ({scores.true_positive}/{scores.predicted}) "
            f"| {scores.recall:.1%} ({scores.true_positive}/{scores.actual}) |"
        )
    if args.errors:
        scores = score(with_split(labels, args.split), predictions)
        for title, items in (
            ("false +", scores.false_positives),
            ("false -", scores.false_negatives),
        ):
            for item in items:
                print(f"{title} [{item.split}] {item.card}:{item.line} {item.label}: {item.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
