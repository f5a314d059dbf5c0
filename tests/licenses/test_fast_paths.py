"""The fast paths give the answers the slow ones would: hashing, word splitting, exact copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from license_corpus import names

from opengrade.licenses.identify import identify_text
from opengrade.licenses.normalize import (
    _WORD,
    _split_words,
    normalize,
    quick_key,
    word_line_range,
)
from opengrade.licenses.references import packaged_index
from opengrade.licenses.shingles import NATIVE_HASH, portable_shingle_hash, shingle_hashes

# Letters, digits, markup, list markers, copyright signs, CJK and other non-ASCII characters.
_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        "7",
        " ",
        "\n",
        "\t",
        "\r",
        "(a) ",
        "1. ",
        "iv) ",
        "# ",
        "- ",
        "**",
        "©",
        "(c) 2031",
        "Copyright",
        "All rights reserved.",
        "licence",
        "noncommercial",
        "https://www.example.org",
        "<p>",
        "[x](y)",
        "<!-- a\nb -->",
        "许可",
        "é",
        "“",
        "\u00a0",
        "\u2028",
        "İ",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=(1 << 40)), min_size=4, max_size=4))
def test_portable_hash_is_the_interpreters_tuple_hash(numbers: list[int]) -> None:
    if not NATIVE_HASH:
        pytest.skip("this interpreter hashes tuples differently: the portable hash is used")
    assert portable_shingle_hash(tuple(numbers)) == hash(tuple(numbers))


def test_shingle_hashes_are_the_portable_ones() -> None:
    ids = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
    expected = [portable_shingle_hash(tuple(ids[n + 1 : n + 5])) for n in range(len(ids) - 4)]
    assert shingle_hashes(ids) == expected


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_word_splitting_without_regex_matches_the_word_pattern(text: str) -> None:
    lowered = text.lower()
    assert _split_words(lowered) == [_WORD.findall(line) for line in lowered.split("\n")]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_word_line_range_is_where_normalised_words_start_and_end(text: str) -> None:
    words = normalize(text)
    expected = (words.lines[0], words.lines[-1]) if words.words else (0, 0)
    assert word_line_range(text) == expected


@pytest.mark.parametrize("name", names("licenses/texts"))
def test_exact_copy_shortcut_agrees_with_the_normalised_digest(
    license_texts: Path, name: str
) -> None:
    text = (license_texts / name).read_text(encoding="utf-8")
    rewrapped = "\r\n\r\n  " + re.sub(r"[ \t]+", "  ", text).replace("\n", "\r\n").upper()
    fast = identify_text(rewrapped)
    words = normalize(rewrapped)
    index = packaged_index()
    exact = index.digests.get(words.digest())
    if exact is None:
        return  # a reference that is not indexed whole (bilingual, or holding a policy)
    assert index.quick.get(quick_key(rewrapped)) == exact  # answered before normalising
    assert [(m.key, m.method, m.confidence) for m in fast.matches] == [
        (index.references[exact].key, "exact", 1.0)
    ]
    assert (fast.matches[0].start_line, fast.matches[0].end_line) == (
        words.lines[0],
        words.lines[-1],
    )
    assert fast.matches[0].start_line >= 3


def test_copy_with_its_own_copyright_line_is_exact(license_texts: Path) -> None:
    text = (license_texts / "MIT.txt").read_text(encoding="utf-8")
    lines = [
        "Copyright (c) 2031 Example Holder Ltd." if "copyright (c)" in line.lower() else line
        for line in text.splitlines()
    ]
    copy = "\r\n".join(lines) + "\r\n"
    result = identify_text(copy)
    assert [(m.key, m.method, m.confidence) for m in result.matches] == [("MIT", "exact", 1.0)]
    assert result.matches[0].start_line == 1
    assert result.matches[0].end_line == len(lines)


@pytest.mark.parametrize("name", names("licenses/texts"))
def test_exact_copy_gives_the_matches_of_the_similarity_path(
    license_texts: Path, name: str
) -> None:
    text = (license_texts / name).read_text(encoding="utf-8")
    fast = identify_text(text)
    slow = identify_text(text.rstrip("\n") + "\n\nEnd of the terms.\n")  # no digest matches
    assert [(m.key, m.start_line, m.end_line) for m in fast.matches] == [
        (m.key, m.start_line, m.end_line) for m in slow.matches
    ]


def test_combined_user_reference_keeps_each_span(license_texts: Path, tmp_path: Path) -> None:
    """A user text holding a license and a known policy: both paths report both, with spans."""
    directory = tmp_path / "references"
    directory.mkdir()
    combined = (license_texts / "llama3.txt").read_text(encoding="utf-8")
    (directory / "llama3.txt").write_text(combined, encoding="utf-8")
    exact = identify_text(combined, reference_dir=directory)
    edited = identify_text(combined + "\nEnd of the terms.\n", reference_dir=directory)
    spans = [(m.key, m.start_line, m.end_line) for m in exact.matches]
    assert [key for key, _, _ in spans] == ["llama3", "llama3-acceptable-use-policy"]
    assert spans == [(m.key, m.start_line, m.end_line) for m in edited.matches]
