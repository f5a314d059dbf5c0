"""The hand labels of openness phrases on real cards (``data/claim_labels.tsv``) and how the
claims extractor is scored against them (shared by the tests and ``bench/claims/measure.py``).

A card is graded as a release folder holding only its README.md, with the Hub id read from its
file name (``org_name.md`` -> ``org/name``). A labelled line counts as predicted ``self`` when a
CLAIM about the release (not about code only) covers it, ``code`` when only a code-only claim
covers it, else ``other``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from opengrade.evidence.card import parse_card
from opengrade.evidence.claims import extract
from opengrade.model import ReleaseFile, ReleaseSnapshot, SourceKind, TextFile
from opengrade.parsing.files import classify

LABELS = Path(__file__).parent / "data" / "claim_labels.tsv"
_TOP_KEY = re.compile(r"^[A-Za-z_][\w.-]*\s*:")


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled line of a real card."""

    card: str
    line: int
    hash: str
    label: str
    split: str
    reason: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision and recall of self-claims over labelled lines (ambiguous lines left out)."""

    labelled: int
    true_positive: int
    predicted: int
    actual: int
    false_positives: tuple[Label, ...]
    false_negatives: tuple[Label, ...]

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.actual if self.actual else 1.0


def line_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of a line, whitespace collapsed (as
    ``tools/sample_claim_phrases.line_hash`` computed it when the lines were sampled)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def load_labels(path: Path = LABELS) -> list[Label]:
    """Every label of the data file."""
    rows = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if text.startswith("#") or text.startswith("card\t") or not text.strip():
            continue
        card, line, digest, label, split, reason = text.split("\t")
        rows.append(Label(card, int(line), digest, label, split, reason))
    return rows


def card_snapshot(path: Path) -> ReleaseSnapshot:
    """A release folder holding only the card ``path`` as its README.md."""
    text = path.read_text(encoding="utf-8", errors="replace")
    owner, _, name = path.stem.partition("_")
    identifier = f"{owner}/{name}" if name else owner
    files = (ReleaseFile("README.md", len(text.encode()), classify("README.md")),)
    return ReleaseSnapshot(
        identifier, SourceKind.LOCAL, str(path), files=files, texts=(TextFile("README.md", text),)
    )


def predicted_lines(snapshot: ReleaseSnapshot) -> dict[int, str]:
    """Each README line a claim covers, with ``self`` or ``code`` (``self`` wins)."""
    card = next(text for text in snapshot.texts if text.path == "README.md")
    lines = card.text.split("\n")
    starts = {sentence.line: sentence for sentence in parse_card(card).sentences}
    found: dict[int, str] = {}
    for item in extract(snapshot):
        where = item.provenance
        if where.path != "README.md" or where.line is None:
            continue
        if item.payload.detail_values().get("about_release") is not True:
            continue
        kind = "code" if item.payload.detail_values().get("target") == "code" else "self"
        for line in _covered(where.line, where.end_line, where.field, lines, starts):
            if found.get(line) != "self":
                found[line] = kind
    return found


def _covered(
    line: int,
    end_line: int | None,
    field: str | None,
    lines: Sequence[str],
    starts: dict[int, object],
) -> range:
    """The lines a claim's provenance covers (a field: until the next top-level key)."""
    if field:
        end = line
        while end < len(lines) and not _TOP_KEY.match(lines[end]) and lines[end] != "---":
            end += 1
        return range(line, end + 1)
    if end_line is not None:
        return range(line, end_line + 1)
    sentence = starts.get(line)
    raw = getattr(sentence, "raw", "")
    return range(line, line + str(raw).count("\n") + 1)


def score(labels: Iterable[Label], predictions: dict[tuple[str, int], str]) -> Scores:
    """Self-claim precision and recall of ``predictions`` ((card, line) -> self/code)."""
    counted = [label for label in labels if label.label != "ambiguous"]
    predicted_self = [item for item in counted if predictions.get((item.card, item.line)) == "self"]
    true_positive = [item for item in predicted_self if item.label == "self"]
    actual = [item for item in counted if item.label == "self"]
    return Scores(
        labelled=len(counted),
        true_positive=len(true_positive),
        predicted=len(predicted_self),
        actual=len(actual),
        false_positives=tuple(item for item in predicted_self if item.label != "self"),
        false_negatives=tuple(
            item for item in actual if predictions.get((item.card, item.line)) != "self"
        ),
    )


def predict_all(labels: Sequence[Label], cards: Path) -> dict[tuple[str, int], str]:
    """Predictions for every labelled line, each card read once."""
    predictions: dict[tuple[str, int], str] = {}
    for card in sorted({label.card for label in labels}):
        for line, kind in predicted_lines(card_snapshot(cards / card)).items():
            predictions[(card, line)] = kind
    return predictions


def with_split(labels: Iterable[Label], split: str | None) -> list[Label]:
    """The labels of one split (``dev``, ``held-out``, ``held-out2``) or all (None)."""
    return [label for label in labels if split is None or label.split == split]


__all__ = [
    "Label",
    "Scores",
    "card_snapshot",
    "dataclasses",
    "line_hash",
    "load_labels",
    "predict_all",
    "predicted_lines",
    "score",
    "with_split",
]
