"""Openness claims against hand labels of phrases sampled at random from 3,433 real cards
(``data/claim_labels.tsv``; ``tools/sample_claim_phrases.py`` drew them): precision and recall of
self-claims per split. ``dev``, ``dev2`` and ``dev3`` were labelled for development. Each of
``held-out`` .. ``held-out5`` was labelled blind (before the extractor was run on it), measured
once with the rules of the day, and only then studied; the blind figures are in
``bench/README.md`` (the last, held-out5: precision 98.0 %, recall 91.7 %). Every split must now
meet the issue's bar (precision 95 %, recall 90 %)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from .claim_labels import Label, Scores, line_hash, load_labels, predict_all, score, with_split

SAMPLER = Path(__file__).resolve().parents[2] / "tools" / "sample_claim_phrases.py"
LABELS = load_labels()
DEVELOPMENT = ("dev", "dev2", "dev3")
HELD_OUT = ("held-out", "held-out2", "held-out3", "held-out4", "held-out5")


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
        owner(label) for label in LABELS if label.split in DEVELOPMENT
    }


def test_each_line_is_labelled_once() -> None:
    lines = [(label.card, label.line) for label in LABELS]
    assert len(lines) == len(set(lines))
    assert {label.split for label in LABELS} == {*DEVELOPMENT, *HELD_OUT}


def _sampler() -> Any:
    spec = importlib.util.spec_from_file_location("sample_claim_phrases", SAMPLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def candidate_lines(corpus: Path) -> list[tuple[str, int, str]]:
    """Every candidate line of the corpus cards, as the sampler lists them."""
    sampler = _sampler()
    found = []
    for path in sorted((corpus / "cards").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, number, line) for number, line in sampler.candidates(text)]
    return found


def test_held_out2_is_the_documented_draw(candidate_lines: list[tuple[str, int, str]]) -> None:
    """Seed 21, 300 lines: every unlabelled candidate line of the organisations without a label,
    the rest at random from the other unlabelled lines (the labels file's header)."""
    before = {
        (label.card, label.line) for label in LABELS if label.split in {*DEVELOPMENT, "held-out"}
    }
    drawn = _sampler().draw(candidate_lines, 300, 21, before, True)
    held_out2 = [label for label in LABELS if label.split == "held-out2"]
    assert [(card, number) for card, number, _ in drawn] == [
        (label.card, label.line) for label in held_out2
    ]
    known = {card.split("_")[0] for card, _ in before}
    assert sum(label.card.split("_")[0] not in known for label in held_out2) == 92


@pytest.mark.parametrize(
    ("split", "seed", "count", "unlabelled"),
    [("held-out3", 22, 300, 920), ("held-out4", 23, 300, 620), ("held-out5", 24, 320, 320)],
)
def test_later_held_out_batches_are_the_documented_draws(
    candidate_lines: list[tuple[str, int, str]], split: str, seed: int, count: int, unlabelled: int
) -> None:
    """Each drawn at random from the candidate lines labelled in no earlier split; no
    organisation was left without a label, so drawing new organisations first changes nothing
    (the labels file's header)."""
    later = HELD_OUT[HELD_OUT.index(split) :]
    before = {(label.card, label.line) for label in LABELS if label.split not in later}
    assert len(candidate_lines) - len(before) == unlabelled
    drawn = _sampler().draw(candidate_lines, count, seed, before, False)
    assert [(card, number) for card, number, _ in drawn] == [
        (label.card, label.line) for label in LABELS if label.split == split
    ]
    assert _sampler().draw(candidate_lines, count, seed, before, True) == drawn


def test_every_candidate_line_is_labelled(candidate_lines: list[tuple[str, int, str]]) -> None:
    assert {(card, number) for card, number, _ in candidate_lines} == {
        (label.card, label.line) for label in LABELS
    }


@pytest.mark.parametrize("split", DEVELOPMENT)
def test_development_splits_meet_the_bar(
    predictions: dict[tuple[str, int], str], split: str
) -> None:
    scores = _scores(predictions, split)
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.92, scores.false_negatives


@pytest.mark.parametrize("split", HELD_OUT)
def test_held_out_splits(predictions: dict[tuple[str, int], str], split: str) -> None:
    scores = _scores(predictions, split)
    assert scores.labelled >= 250
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.90, scores.false_negatives


def test_all_labels(predictions: dict[tuple[str, int], str]) -> None:
    scores = _scores(predictions, None)
    assert scores.precision >= 0.95, scores.false_positives
    assert scores.recall >= 0.90, scores.false_negatives


def test_code_only_claims_are_not_self_claims(predictions: dict[tuple[str, int], str]) -> None:
    code = [label for label in LABELS if label.label == "code"]
    assert len(code) >= 20
    wrong = [label for label in code if predictions.get((label.card, label.line)) == "self"]
    assert wrong == []
