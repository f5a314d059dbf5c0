"""The metadata tier's fast paths give exactly what the plain reading gives: front matter whose
values the source hands over reads as the same fields and lines as parsing the text, and links
found in a nested value's JSON text are the links found in its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakehub_listing import card_front_matter

from opengrade.evidence.links import _URL, _value_urls, tidy
from opengrade.evidence.model_card import as_text
from opengrade.parsing.front_matter import parse_front_matter


def _real_card_metadata(corpus: Path, limit: int = 400) -> list[dict[str, object]]:
    """Card metadata as the Hub's listing gives it (JSON values), from real cards; the cards
    with evaluation results (the biggest values) first."""
    found = []
    for card in sorted((corpus / "cards").glob("*.md")):
        text = card.read_text(encoding="utf-8", errors="replace")
        data = card_front_matter(text)
        if data:
            found.append(json.loads(json.dumps(data, default=str)))
    found.sort(key=lambda data: "model-index" not in data)
    return found[:limit]


def _written(data: dict[str, object]) -> str:
    lines = [
        f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in data.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def test_given_values_read_as_the_text_reads(corpus: Path) -> None:
    for data in _real_card_metadata(corpus):
        text = _written(data)
        given = parse_front_matter(text, "README.md", metadata=data)
        parsed = parse_front_matter(text, "README.md")
        assert given == parsed
        assert dict(given.fields) == dict(parsed.fields)
        for key, value in data.items():
            assert given.json_texts[key] == json.dumps(value, ensure_ascii=False)
            assert _value_urls(value, given.json_texts[key]) == _value_urls(value)


def test_values_that_do_not_fit_the_text_are_not_used() -> None:
    text = _written({"license": "mit", "tags": ["a"]})
    front = parse_front_matter(text, "README.md", metadata={"license": "apache-2.0"})
    assert dict(front.fields) == {"license": "mit", "tags": ["a"]}
    front = parse_front_matter(text, "README.md", metadata={"license": "mit", "other": ["a"]})
    assert dict(front.fields) == {"license": "mit", "tags": ["a"]} and not front.json_texts


def _text_urls(value: object) -> list[str]:
    return [tidy(url) for url in _URL.findall(as_text(value))]


def test_links_in_json_text_are_the_links_in_the_text(corpus: Path) -> None:
    checked = 0
    for data in _real_card_metadata(corpus):
        for value in data.values():
            assert [tidy(url) for url in _value_urls(value)] == _text_urls(value)
            checked += isinstance(value, list | dict)
    assert checked > 100


@pytest.mark.parametrize(
    "value",
    [
        ["see https://", "https://example.org/a,"],  # a bare scheme the separator completes
        {"www.example.": 1, "b": "www.example.org."},  # a bare www name, then a full one
        {"url": "https://example.org/a\\b", "x": ['https://e.org/q?"a"']},  # escapes
        [{"source": {"url": "HTTPS://Example.org/Path)"}}, "(https://e.org/(a))."],
        {"a": ["x", None, True, 1.5], "b": {"c": "ftp://files.example.org/x;"}},
        [["www.a-b.example.org/x|y"], {"k": "http://a.org/\x01b"}],
    ],
)
def test_edge_values_give_the_same_links(value: object) -> None:
    assert [tidy(url) for url in _value_urls(value)] == _text_urls(value)
