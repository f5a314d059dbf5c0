"""Which paper and report links a card presents as the release's own.

A card cites many papers (methods, baselines, carbon accounting); only a few are the release's
own: report links, links in its citation section, and the first link (in card order) whose line
calls it the paper or report ("- **Paper:** …", "read our [paper](…)", a Hub papers page). The
rest is other people's work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from opengrade.model import Evidence, LinkKind, ReleaseSnapshot
from opengrade.model.evidence import payloads
from opengrade.model.evidence_payloads import CardSection, Link, SectionCategory

_OWN_PAPER_WORDS = re.compile(
    r"\b(papers?|technical report|tech report|report|preprint|publication|"
    r"proposed in|introduced in|described in)\b",
    re.IGNORECASE,
)


def own_documents(
    snapshot: ReleaseSnapshot, evidence: Sequence[Evidence], links: Sequence[Evidence]
) -> list[Evidence]:
    """The ``links`` (paper or report links) that present the release's own documents."""
    citations = [
        (item.provenance.line or 0, item.provenance.end_line or 0)
        for section, item in payloads(evidence, CardSection)
        if section.category is SectionCategory.CITATION
    ]
    own = [
        item
        for item in links
        if (isinstance(item.payload, Link) and item.payload.kind is LinkKind.REPORT)
        or any(start <= _line_number(item) <= end for start, end in citations)
    ]
    labelled = [item for item in links if _OWN_PAPER_WORDS.search(line_of(snapshot, item))]
    own += [item for item in labelled[:1] if item not in own]  # links come in card order
    return [item for item in links if item in own]


def _line_number(item: Evidence) -> int:
    return item.provenance.line or 0


def line_of(snapshot: ReleaseSnapshot, item: Evidence) -> str:
    """The text of the line an evidence item points at ("" when unknown)."""
    text = snapshot.text(item.provenance.path or "")
    line = item.provenance.line
    if text is None or not line:
        return ""
    lines = text.text.splitlines()
    return lines[line - 1] if line <= len(lines) else ""
