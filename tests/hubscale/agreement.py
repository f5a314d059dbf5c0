"""The metadata tier against local grading of the same card, with each disagreement explained.

A card is graded twice: from its listing entry (the loopback Hub's ``cardData``, the metadata
tier) and as a local folder holding only that card as ``README.md``. The concluded weights
license of both must agree, unless the card's *body* decides it locally (a license sentence in
the prose, which the listing does not carry, decides or joins the weights' terms: category
``prose-license``), or the card's YAML is
broken so that the Hub gives no ``cardData`` while the local parser recovers plain keys
(``yaml-recovered``). Anything else is ``unexplained``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))

from fakehub_listing import ListedRelease, card_front_matter, card_repo_id

from opengrade.model.report import Report
from opengrade.parsing.front_matter import parse_front_matter


@dataclass(frozen=True)
class Agreement:
    card: str
    metadata: str | None
    local: str | None
    category: str  # agree, prose-license, yaml-recovered, unexplained


def weights(report: Report) -> tuple[str | None, tuple[str, ...]]:
    """The concluded weights expression, and the evidence of it and of every prose license."""
    concluded = next(item for item in report.concluded if str(item.scope) == "weights")
    prose = [str(use.provenance) for use in report.licensing.uses if use.via == "prose"]
    return concluded.expression, (*concluded.evidence, *prose)


def compare_card(card: Path) -> Agreement:
    """Grade ``card`` both ways and explain a disagreement."""
    from opengrade.pipeline import assess
    from opengrade.sources.hub.listing_entry import EXPANDED_FIELDS, parse_listing_entry
    from opengrade.sources.hub.metadata import ListingEntrySource

    release = ListedRelease(card_repo_id(card), ["README.md"], card_path=card)
    entry = parse_listing_entry(release.entry(EXPANDED_FIELDS))
    assert entry is not None
    hub, _ = weights(assess(ListingEntrySource(entry, endpoint="http://hub.invalid")))
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(card, Path(folder) / "README.md")
        local, evidence = weights(assess(folder))
    if hub == local:
        return Agreement(card.name, hub, local, "agree")
    text = card.read_text(encoding="utf-8", errors="replace")
    body_line = parse_front_matter(text).body_line
    lines = [_line(item) for item in evidence if item.startswith("README.md:")]
    if any(line is not None and line >= body_line for line in lines):
        category = "prose-license"
    elif text.startswith("---") and card_front_matter(text) is None:
        category = "yaml-recovered"
    else:
        category = "unexplained"
    return Agreement(card.name, hub, local, category)


def _line(evidence: str) -> int | None:
    digits = evidence.removeprefix("README.md:").split(" ")[0]
    return int(digits) if digits.isdigit() else None
