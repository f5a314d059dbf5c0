"""Front matter the metadata tier writes (one ``"key": JSON`` line per key) reads back exactly,
and a card whose lines end in CR CR LF (42 real cards do) keeps its metadata."""

from __future__ import annotations

import json
from pathlib import Path

from opengrade.parsing.front_matter import parse_front_matter


def test_json_per_line_front_matter_reads_back_exactly() -> None:
    data = {"license": "other", "license_name": "x: y", "model-index": [{"name": "a", "v": 1.5}]}
    lines = [f"{json.dumps(key)}: {json.dumps(value)}" for key, value in data.items()]
    front = parse_front_matter("---\n" + "\n".join(lines) + "\n---\n# body\n")
    assert dict(front.fields) == data
    assert front.line("license_name") == 3 and front.body.startswith("# body")


def test_a_card_with_cr_cr_lf_line_endings_keeps_its_metadata(corpus: Path) -> None:
    cards = sorted((corpus / "cards").glob("*.md"))
    odd = [card for card in cards if b"\n---\r\r\n" in card.read_bytes()]
    assert odd, "the corpus has cards whose lines end in CR CR LF"
    for card in odd[:10]:
        front = parse_front_matter(card.read_text(encoding="utf-8", errors="replace"))
        assert front.present and front.fields, card.name
        assert not front.problems, card.name
