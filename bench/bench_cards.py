"""Grade every card of ``../shared/corpus/cards`` (3,433 real Hub cards, README.md only) end to
end in one process, and print the throughput; ``--summary FILE`` also writes one line per card
(MOF class, OSAID verdict, findings) so two versions of opengrade can be compared card by card.

    .venv/bin/python bench/bench_cards.py [--limit N] [--summary /tmp/cards.tsv]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus_timing import CORPUS

from opengrade.evidence.card import parse_card
from opengrade.model import ReleaseSnapshot, SourceKind
from opengrade.model.release import FileKind, ReleaseFile, TextFile
from opengrade.pipeline import assess_snapshot


def card_snapshot(path: Path) -> ReleaseSnapshot:
    """A release made of one card (``org_name.md`` -> ``org/name``)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    organisation, _, name = path.stem.partition("_")
    return ReleaseSnapshot(
        id=f"{organisation}/{name}",
        source=SourceKind.LOCAL,
        location=str(path),
        files=(ReleaseFile("README.md", len(text.encode()), FileKind.CARD),),
        texts=(TextFile("README.md", text),),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="grade only the first N cards")
    parser.add_argument("--summary", type=Path, help="write one summary line per card here")
    options = parser.parse_args()
    cards = sorted((CORPUS / "cards").glob("*.md"))
    if options.limit:
        cards = cards[: options.limit]
    lines = []
    start = time.perf_counter()
    for path in cards:
        parse_card.cache_clear()
        report = assess_snapshot(card_snapshot(path), reproducible=True)
        findings = ",".join(f"{f.severity}:{f.code}" for f in report.findings)
        mof = report.mof.class_ or "none"
        lines.append(f"{path.stem}\t{mof}\t{report.osaid.verdict}\t{findings}")
    elapsed = time.perf_counter() - start
    print(f"cards: {len(cards)}, total {elapsed:.1f} s, {len(cards) / elapsed:.1f} cards/s")
    print(f"mean {elapsed / len(cards) * 1000:.2f} ms per card")
    if options.summary:
        options.summary.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
