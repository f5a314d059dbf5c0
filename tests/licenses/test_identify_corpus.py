"""Every reference text and real-world variant of the corpus is identified as its key."""

from __future__ import annotations

from pathlib import Path

import pytest
from license_corpus import expected_key, names

from opengrade.licenses.identify import identify_file


@pytest.mark.parametrize("name", names("licenses/texts"))
def test_reference_text_is_identified(license_texts: Path, name: str) -> None:
    result = identify_file(license_texts / name)
    assert result.problem is None
    assert result.matches, f"{name}: unknown, closest {result.candidates[:3]}"
    first = result.matches[0]
    assert first.key.lower() == expected_key(name).lower()
    assert first.confidence >= 0.9
    assert first.start_line <= 3


@pytest.mark.parametrize("name", names("licenses/variants"))
def test_real_variant_is_identified(license_variants: Path, name: str) -> None:
    result = identify_file(license_variants / name)
    keys = [match.key.lower() for match in result.matches]
    assert keys, f"{name}: unknown, closest {result.candidates[:3]}"
    assert keys[0] == expected_key(name).lower()


def test_upstream_llama3_file_reports_license_and_policy_with_spans(license_texts: Path) -> None:
    result = identify_file(license_texts / "llama3.txt")
    assert [m.key for m in result.matches] == ["llama3", "llama3-acceptable-use-policy"]
    license_match, policy = result.matches
    assert license_match.end_line < policy.start_line
    text = (license_texts / "llama3.txt").read_text(encoding="utf-8").splitlines()
    assert "Acceptable Use Policy" in text[policy.start_line - 1]


def test_bilingual_falcon_variant_spans_the_english_text(license_variants: Path) -> None:
    path = license_variants / "tii-falcon-180b--sinotec2-faq-bilingual-markdown.txt"
    result = identify_file(path)
    assert [m.key for m in result.matches] == ["tii-falcon-180b"]
    assert result.matches[0].start_line <= 4
