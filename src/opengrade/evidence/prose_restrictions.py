"""Restrictions on the weights stated in the card's prose ("allowed for free commercial use after
completing the questionnaire registration", "for research purposes only", "daily active users
below 1 million"): LICENSE_DECLARED evidence with ``via`` = ``prose-restriction``.

The sentence decides (``opengrade.licenses.restrictions``, rules as data); table rows and nested
list items are skipped, since they list other models. The sentence is the provenance.
"""

from __future__ import annotations

from collections.abc import Iterator

from opengrade.evidence.card import Card
from opengrade.licenses.restrictions import find_restriction, is_table_row
from opengrade.model import Evidence, Provenance, Scope
from opengrade.model.evidence_payloads import DeclarationVia, DeclaredLicense

MAX_SENTENCE = 400


def restrictions(card: Card) -> Iterator[Evidence]:
    """One LICENSE_DECLARED item per sentence of the card that restricts the weights' use."""
    seen: set[str] = set()
    for sentence in card.sentences:
        line = card.lines[sentence.line - 1] if sentence.line <= len(card.lines) else ""
        if is_table_row(line) or _nested(line) or sentence.text in seen:
            continue
        found = find_restriction(sentence.text)
        if found is None:
            continue
        seen.add(sentence.text)
        declared = DeclaredLicense(
            Scope.WEIGHTS,
            sentence.text[:MAX_SENTENCE],
            DeclarationVia.RESTRICTION,
            restriction=found.kind,
            words=found.words,
        )
        yield Evidence(declared, Provenance(path=card.file.path, line=sentence.line))


def _nested(line: str) -> bool:
    """A nested list item (about its parent item, often a sibling model)."""
    return line.startswith(("  ", "\t")) and line.lstrip()[:2] in {"* ", "- ", "+ "}
