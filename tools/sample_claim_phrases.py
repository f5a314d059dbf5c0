"""Sample openness phrases from the real cards for hand labelling (independent of the classifier).

A candidate is one line of a card that holds an openness phrase (``CANDIDATE`` below: broader
than what the claims extractor looks for, so that recall is measured honestly): a prose line or
heading of the body outside code fences, the ``title`` line of a BibTeX entry inside a fence, or a
line of an ``extra_gated_*`` field of the front matter (the text a gated card shows). Other front
matter and other code lines are not candidates (metadata and code are not sentences).

    python tools/sample_claim_phrases.py --seed 12 --count 460 > /tmp/sample.tsv

A fresh batch that leaves out lines already labelled (``--exclude``), takes every candidate line of
the organisations (card file name before its first ``_``) that have no labelled line yet
(``--new-organisations``) and fills up to ``--count`` at random from the other unlabelled lines:

    python tools/sample_claim_phrases.py --seed 21 --count 300 \
        --exclude tests/evidence/data/claim_labels.tsv --new-organisations > /tmp/sample.tsv

Prints ``card<TAB>line<TAB>hash<TAB>text`` for the sampled lines (the card's text is for the
person labelling, never stored). ``hash`` is :func:`line_hash` of the line, which the tests use
to check that a label still points at the line it was given for.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

CANDIDATE = re.compile(
    r"\bopen[- ]?sourc\w*|\bopen[- ]?weights?\b|\bopen(?:ly)?[- ](?:\w+[- ]){0,2}?"
    r"(?:models?|llms?|checkpoints?|release[sd]?|licen[cs]e[sd]?|available|access|science)\b"
    r"|\bopenly\b|\b(?:fully|truly|completely|100%)[- ]open\b",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_BIBTEX_TITLE = re.compile(r"^\s*(?:title|booktitle)\s*=", re.IGNORECASE)
_GATED_KEY = re.compile(r"^extra_gated_\w*\s*:")
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
CORPUS = Path(os.environ.get("OPENGRADE_CORPUS", Path(__file__).parents[1] / ".." / "shared"))


def line_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of the line with its whitespace collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def candidates(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, line) of every candidate line of a card."""
    lines = text.split("\n")
    body = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                body = index + 1
                break
        gated = False
        for index in range(1, max(body - 1, 1)):
            line = lines[index]
            if _TOP_KEY.match(line):
                gated = bool(_GATED_KEY.match(line))
            if gated and CANDIDATE.search(line):
                yield index + 1, line
    fenced = False
    for index in range(body, len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced and not _BIBTEX_TITLE.match(line):
            continue
        if CANDIDATE.search(line):
            yield index + 1, line


def organisation(card: str) -> str:
    """The organisation of a card: its file name before the first ``_``."""
    return card.split("_", 1)[0]


def labelled(path: Path) -> set[tuple[str, int]]:
    """(card, line) of every label in a labels file (tab-separated, ``#`` comments, a header)."""
    pairs = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        fields = row.split("\t")
        if row.startswith("#") or len(fields) < 2 or not fields[1].isdigit():
            continue
        pairs.add((fields[0], int(fields[1])))
    return pairs


def draw(
    found: list[tuple[str, int, str]],
    count: int,
    seed: int,
    exclude: set[tuple[str, int]],
    new_organisations: bool,
) -> list[tuple[str, int, str]]:
    """The sampled candidates: unlabelled ones; with ``new_organisations`` all lines of the
    organisations without a label first, then ``random.Random(seed).sample`` of the rest."""
    fresh = [item for item in found if (item[0], item[1]) not in exclude]
    if not new_organisations:
        return sorted(random.Random(seed).sample(fresh, count))
    known = {organisation(card) for card, _ in exclude}
    new = [item for item in fresh if organisation(item[0]) not in known]
    rest = [item for item in fresh if organisation(item[0]) in known]
    return sorted(new + random.Random(seed).sample(rest, max(count - len(new), 0)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=460)
    parser.add_argument("--cards", type=Path, default=CORPUS / "corpus" / "cards")
    parser.add_argument("--exclude", type=Path, help="labels file: its (card, line) left out")
    parser.add_argument(
        "--new-organisations",
        action="store_true",
        help="every line of organisations without a label in --exclude, then fill at random",
    )
    args = parser.parse_args(argv)
    exclude = labelled(args.exclude) if args.exclude else set()
    found = []
    for path in sorted(args.cards.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, number, line) for number, line in candidates(text)]
    print(f"{len(found)} candidate lines in {args.cards}", file=sys.stderr)
    for name, number, line in draw(found, args.count, args.seed, exclude, args.new_organisations):
        clean = " ".join(line.split())[:600]
        print(f"{name}\t{number}\t{line_hash(line)}\t{clean}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
