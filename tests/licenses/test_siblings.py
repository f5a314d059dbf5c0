"""Sibling licenses, renamed copies and BSD variants are told apart by their own parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opengrade.licenses.identify import identify_text


def _named(text: str) -> list[str]:
    return [match.key for match in identify_text(text).matches if not match.modified]


@pytest.mark.parametrize(
    ("key", "name", "other"),
    [
        ("llama3", "Llama", "Quokka"),
        ("llama2", "Llama", "Quokka"),
        ("deepseek", "DeepSeek", "Acme"),
        ("minimax-model-license", "MiniMax", "Acme"),
        ("tongyi-qianwen", "Qianwen", "Acme"),
        ("stabilityai-nc-research-community", "Stability", "Acme"),
    ],
)
def test_a_renamed_named_license_is_not_the_license(
    license_texts: Path, key: str, name: str, other: str
) -> None:
    """The same template under another product or publisher name is another license: not
    named as the original (its own name is replaced throughout)."""
    text = (license_texts / f"{key}.txt").read_text(encoding="utf-8")
    renamed = re.sub(name, other, text, flags=re.IGNORECASE)
    assert renamed != text
    assert key not in _named(renamed)
    assert _named(text.replace("\n", "\n\n"))[0] == key  # the original, re-spaced, still is


def test_plain_bsd_3_clause_with_all_rights_reserved_is_not_clear(license_texts: Path) -> None:
    text = (license_texts / "BSD-3-Clause.txt").read_text(encoding="utf-8")
    titled = "BSD 3-Clause License\n\nCopyright (c) 2024, Example Labs\nAll rights reserved.\n\n"
    body = text.split("\n", 1)[1].replace("the copyright holder nor", "Example Labs nor")
    assert _named(titled + body) == ["BSD-3-Clause"]


def test_clear_bsd_needs_its_patent_sentence(license_texts: Path) -> None:
    text = (license_texts / "BSD-3-Clause-Clear.txt").read_text(encoding="utf-8")
    assert _named(text) == ["BSD-3-Clause-Clear"]
    sentence = (
        "NO EXPRESS OR IMPLIED LICENSES TO ANY PARTY'S PATENT RIGHTS ARE GRANTED BY THIS LICENSE."
    )
    without = (
        text.replace(sentence, "")
        .replace(" (subject to the limitations in the disclaimer below)", "")
        .replace("[Owner Organization]", "Example Labs")
    )
    assert without != text
    assert "BSD-3-Clause-Clear" not in _named(without)


def test_bsd_2_clause_without_title_is_bsd_2(license_texts: Path) -> None:
    text = (license_texts / "BSD-2-Clause.txt").read_text(encoding="utf-8")
    preamble = "COPYRIGHT\n\nAll contributions by Example Labs.\n\nLICENSE\n\n"
    assert _named(preamble + text.replace("\n", "\n ")) == ["BSD-2-Clause"]
