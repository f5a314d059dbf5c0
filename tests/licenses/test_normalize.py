"""Normalisation as in the SPDX matching guidelines."""

from __future__ import annotations

from opengrade.licenses.normalize import normalize


def test_case_punctuation_quotes_and_whitespace() -> None:
    one = normalize('The  "Software"  is provided\n“AS IS”, without warranty.')
    two = normalize("the software is provided as is without warranty")
    assert one.words == two.words


def test_markup_bullets_numbering_and_urls() -> None:
    marked = normalize(
        "# Grant\n\n- **(a)** You may [copy](https://example.org/x) it.\n"
        "2. See http://example.org/terms\n<p>done</p>"
    )
    plain = normalize("Grant\nYou may copy it.\nSee example.org/terms\ndone")
    assert marked.words == plain.words


def test_copyright_lines_and_equivalent_words() -> None:
    text = "Copyright (c) 2031 Someone\nAll rights reserved.\nThe licence is granted."
    assert normalize(text).words == ("the", "license", "is", "granted")


def test_copyright_in_a_sentence_is_kept() -> None:
    text = "The above\ncopyright notice shall be included."
    assert "copyright" in normalize(text).words


def test_lines_are_kept_for_spans() -> None:
    words = normalize("first line\n\n<!-- a\ncomment -->\nlast")
    assert words.lines == (1, 1, 5)
    assert [words.line_of(position) for position in range(3)] == [1, 1, 5]
    assert words.words == ("first", "line", "last")
