"""A card whose body is a license text, with no heading, is identified like a license section."""

from __future__ import annotations

from pathlib import Path

from opengrade import assess
from opengrade.model import Scope


def _release(folder: Path, card: str) -> Path:
    folder.mkdir()
    (folder / "README.md").write_text(card, encoding="utf-8")
    (folder / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    return folder


def test_a_card_that_is_a_license_names_the_weights_license(tmp_path: Path, corpus: Path) -> None:
    text = (corpus / "licenses" / "texts" / "CC-BY-NC-4.0.txt").read_text(encoding="utf-8")
    card = "The model belongs to its authors, under this license:\n\n" + text
    weights = assess(str(_release(tmp_path / "card", card))).concluded_for(Scope.WEIGHTS)
    assert weights is not None
    assert (weights.keys, weights.open) == (("CC-BY-NC-4.0",), False)
    assert weights.evidence[0].startswith("README.md:")


def test_a_headingless_card_of_prose_names_no_license(tmp_path: Path) -> None:
    card = "A small model for tests.\n\nIt was trained on public text and answers questions.\n"
    weights = assess(str(_release(tmp_path / "prose", card))).concluded_for(Scope.WEIGHTS)
    assert weights is not None
    assert (weights.keys, weights.open) == ((), None)
