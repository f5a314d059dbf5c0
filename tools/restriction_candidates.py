"""Sample candidate sentences for the prose-restriction labels: sentences of real cards with
restriction-like words (commercial, research, academic, active users, registration...).

    .venv/bin/python tools/restriction_candidates.py --cards ../shared/corpus/cards --count 200

Prints ``card<TAB>line<TAB>fingerprint<TAB>sentence`` lines, cards in a seeded random order; the
sentences are for reading while labelling and are never stored in the project (the labels keep
the card, the line and the fingerprint only).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from pathlib import Path

from opengrade.evidence.card import parse_card
from opengrade.model.release import TextFile

CANDIDATE = re.compile(
    r"commercial|research (?:purposes?|use|only)|academic (?:use|purposes?|research)|"
    r"active users|\bDAU\b|\bMAU\b|registration|questionnaire|application form|apply for|"
    r"商用|学术研究",
    re.IGNORECASE,
)


def fingerprint(sentence: str) -> str:
    """A short, stable fingerprint of a sentence's words (labels refer to sentences by it)."""
    return hashlib.sha1(" ".join(sentence.split()).encode()).hexdigest()[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=Path, required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--per-card", type=int, default=2)
    parser.add_argument("--seed", type=int, default=12)
    options = parser.parse_args()
    cards = sorted(p for p in options.cards.glob("*.md") if p.name != "SOURCE.md")
    random.Random(options.seed).shuffle(cards)
    printed = 0
    for path in cards:
        text = path.read_text(encoding="utf-8", errors="replace")
        card = parse_card(TextFile("README.md", text))
        found = [s for s in card.sentences if CANDIDATE.search(s.text) and len(s.text) < 700]
        for sentence in found[: options.per_card]:
            print(f"{path.stem}\t{sentence.line}\t{fingerprint(sentence.text)}\t{sentence.text}")
            printed += 1
        if printed >= options.count:
            break


if __name__ == "__main__":
    main()
