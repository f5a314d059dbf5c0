"""Restrictions stated in prose: the rules, hand labels on real cards, and the corpus.

The labels (``data/restriction_labels.tsv``) are sentences of ``../shared/corpus/cards`` read by
hand: restrictive-term, intended-use or other, with a reason. ``dev`` is the sample the patterns
were tuned on; ``held-out`` was labelled on other cards and never tuned on. Last measured:
dev precision 79/79, recall 79/80; held-out precision 24/26, recall 24/26.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from opengrade.evidence.card import Card, parse_card
from opengrade.licenses.restrictions import find_restriction, is_table_row, rules
from opengrade.model.release import TextFile

LABELS = Path(__file__).parent / "data" / "restriction_labels.tsv"
RESTRICTIVE = "restrictive-term"


@dataclass(frozen=True)
class Label:
    card: str
    line: int
    fingerprint: str
    label: str
    reason: str
    split: str


def _labels() -> list[Label]:
    rows = [line.split("\t") for line in LABELS.read_text(encoding="utf-8").splitlines()]
    return [
        Label(row[0], int(row[1]), row[2], row[3], row[4], row[5])
        for row in rows
        if row and not row[0].startswith("#")
    ]


def _fingerprint(sentence: str) -> str:
    return hashlib.sha1(" ".join(sentence.split()).encode()).hexdigest()[:10]


@functools.cache
def _card(corpus: Path, name: str) -> Card:
    text = (corpus / "cards" / f"{name}.md").read_text(encoding="utf-8", errors="replace")
    return parse_card(TextFile("README.md", text))


def _predicted(corpus: Path, label: Label) -> bool:
    """What the extractor decides for the labelled sentence (table rows are never terms)."""
    card = _card(corpus, label.card)
    matches = [
        sentence
        for sentence in card.sentences
        if sentence.line == label.line and _fingerprint(sentence.text) == label.fingerprint
    ]
    assert matches, f"{label.card}:{label.line}: labelled sentence not found"
    if is_table_row(card.lines[label.line - 1]):
        return False
    return find_restriction(matches[0].text) is not None


def test_labels_are_many_and_split_by_card() -> None:
    labels = _labels()
    assert len(labels) >= 150
    assert {label.label for label in labels} == {RESTRICTIVE, "intended-use", "other"}
    dev = {label.card for label in labels if label.split == "dev"}
    held_out = {label.card for label in labels if label.split == "held-out"}
    assert dev and held_out and not dev & held_out
    assert all(label.reason for label in labels)


@pytest.mark.parametrize(
    ("split", "precision_floor", "recall_floor"), [("dev", 0.97, 0.95), ("held-out", 0.9, 0.9)]
)
def test_precision_and_recall_on_hand_labels(
    corpus: Path, split: str, precision_floor: float, recall_floor: float
) -> None:
    outcomes = [
        (label.label == RESTRICTIVE, _predicted(corpus, label))
        for label in _labels()
        if label.split == split
    ]
    true_positive = sum(1 for actual, predicted in outcomes if actual and predicted)
    predicted_count = sum(1 for _, predicted in outcomes if predicted)
    actual_count = sum(1 for actual, _ in outcomes if actual)
    assert true_positive / predicted_count >= precision_floor
    assert true_positive / actual_count >= recall_floor


def test_intended_use_statements_are_never_terms(corpus: Path) -> None:
    intended = [label for label in _labels() if label.label == "intended-use"]
    assert len(intended) >= 40
    assert [label for label in intended if _predicted(corpus, label)] == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "After completing the questionnaire registration, it is free for commercial use.",
            "commercial-conditional",
        ),
        (
            "To apply for a commercial license, please fill in the application form.",
            "commercial-conditional",
        ),
        ("The weights are released for research purposes only.", "research-only"),
        ("This model cannot be used commercially.", "research-only"),
        ("Your product must have fewer than 1 million daily active users.", "user-threshold"),
    ],
)
def test_each_class_on_written_sentences(sentence: str, kind: str) -> None:
    found = find_restriction(sentence)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The model is intended for research purposes only.",
        "It is free for both commercial and non-commercial use.",
        "The dataset may not be used for commercial purposes.",
        "License for the base model's weights is a non-commercial license.",
        "Commercial use is allowed without any registration.",
        "DeepSeek Coder supports commercial use.",
    ],
)
def test_non_terms_on_written_sentences(sentence: str) -> None:
    assert find_restriction(sentence) is None


def test_every_class_cites_its_source() -> None:
    loaded = rules()
    assert {item.name for item in loaded.classes} == {
        "commercial-conditional",
        "research-only",
        "user-threshold",
    }
    assert all(item.source.startswith("https://opensource.org/osd") for item in loaded.classes)
    assert all(item.patterns for item in loaded.classes)


def test_the_keyword_shortcut_changes_nothing(corpus: Path) -> None:
    names = sorted({label.card for label in _labels()})[:40]
    sentences = [s.text for name in names for s in _card(corpus, name).sentences]
    assert len(sentences) > 1000
    for sentence in sentences:
        assert find_restriction(sentence) == find_restriction(sentence, shortcut=False), sentence
