"""Openness claims against hand labels of phrases sampled at random from 3,433 real cards
(``data/claim_labels.tsv``; ``tools/sample_claim_phrases.py`` drew them): precision and recall of
self-claims per split. The rules were tuned on ``dev``, ``dev2`` and ``dev3`` only; ``held-out``
measures how they generalise, its floors set at the measured values (its recall is below the
issue's 90 %; see ``bench/README.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .claim_labels import Label, Scores, line_hash, load_labels, predict_all, score, with_split

LABELS = load_labels()


@pytest.fixture(scope="module")
def predictions(corpus: Path) -> dict[tuple[str, int], str]:
    return predict_all(LABELS, corpus / "cards")


def _scores(predictions: dict[tuple[str, int], str], split: str | None) -> Scores:
    return score(with_split(LABELS, split), predictions)


def test_labels_point_at_the_lines_they_were_given_for(corpus: Path) -> None:
    assert len(LABELS) >= 600
    assert {label.label for label in LABELS} == {"self", "code", "other", "ambiguous"}
    for label in LABELS:
        lines = (corpus / "cards" / label.card).read_text(encoding="utf-8", errors="replace")
        assert line_hash(lines.split("\n")[label.line - 1]) == label.hash, label


def test_splits_are_by_organisation() -> None:
    def owner(label: Label) -> str:
        return label.card.split("_")[0]

    held_out = {owner(label) for label in LABELS if label.split == "held-out"}
    assert held_out and not held_out & {
        owner(label) for label in LABELS if label.split != "held-out"
    }


@pytest.mark.parametrize("split", ["dev", "dev2", "dev3"])
def test_development_splits_meet_the_bar(
    predictions: dict[tuple[str, int], str], split: str
) -> None:
    scores = _scores(predictions, split)
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.92, scores.false_negatives


def test_held_out_split(predictions: dict[tuple[str, int], str]) -> None:
    scores = _scores(predictions, "held-out")
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.82, scores.false_negatives


def test_all_labels(predictions: dict[tuple[str, int], str]) -> None:
    scores = _scores(predictions, None)
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.90, scores.false_negatives


def test_code_only_claims_are_not_self_claims(predictions: dict[tuple[str, int], str]) -> None:
    code = [label for label in LABELS if label.label == "code"]
    assert len(code) >= 20
    wrong = [label for label in code if predictions.get((label.card, label.line)) == "self"]
    assert [label for label in wrong if label.split != "held-out"] == []
    assert len(wrong) <= 2, wrong  # held-out: two code sentences the rules read as the model
