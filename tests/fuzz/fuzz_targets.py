"""Fuzz targets shared by the CI tests (small budget) and ``bench/fuzz/run_fuzz.py`` (long run).

Each target feeds one parser an input drawn by its strategy. A target passes when the parser
returns a value of its type or raises the error it documents (``HeaderError``,
``ManifestError``); anything else escaping is a bug. Strategies mix random data with fragments
of the real formats so that inputs get past the first checks.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from opengrade.errors import ManifestError
from opengrade.evidence.card import Card, parse_card
from opengrade.licenses.identify import identify_text
from opengrade.licenses.restrictions import Restriction, find_restriction
from opengrade.model import TextFile, WeightHeader
from opengrade.model.license import LicenseIdentification
from opengrade.parsing.front_matter import FrontMatter, parse_front_matter
from opengrade.sources.manifest import parse_manifest
from opengrade.sources.weights import HeaderError, read_gguf_header, read_safetensors_header

CARD_FRAGMENTS = (
    "---", "license: apache-2.0", "license: other", "license_name: x", "tags:", "- a",
    "base_model: [a, b]", "key: &a [*a]", "? complex", "datasets: {a: b}", "'quoted: x",
    "# Heading", "## License", "<h2>Title</h2>", "| a | b |", "|---|---|", "```", "~~~",
    "[link](http://x)", "![img](x.png)", "* item", "  - nested", "> quote", "<details>",
    "This model is released under the MIT license.", "For research purposes only.",
    "After completing the questionnaire registration, commercial use is allowed.",
    "开源", "。", "\t", "\u202e", "\ufeff", "\r", "***", "___", "`code`",
)  # fmt: skip
LICENSE_FRAGMENTS = (
    "Apache License", "Version 2.0, January 2004", "http://www.apache.org/licenses/",
    "Permission is hereby granted, free of charge, to any person obtaining a copy",
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND", "MIT License",
    "Copyright (c) 2024 Someone", "Attribution-NonCommercial 4.0 International",
    "You may not use the Work for commercial purposes.", "LLAMA 2 COMMUNITY LICENSE AGREEMENT",
    "1. Definitions.", "", "Redistribution and use in source and binary forms",
)  # fmt: skip
MANIFEST_FRAGMENTS = (
    "framework:", "  name: Model Openness Framework", "  version: '1.0'", "release:",
    "  name: x", "  version: 1", "  producer: y", "  license:", "    distribution:",
    "      name: Apache-2.0", "  components:", "    - name: Model architecture",
    "      license: MIT", "      location: http://x", "- [a, b]", "{a: *b}", "!!python/object x",
    "&a x", "*a", "? [a]", ": b", "'", '"', "\t", "---", "...", "%YAML 1.1",
)  # fmt: skip


def _joined(fragments: tuple[str, ...], extra: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(fragments), extra)
    return st.lists(pieces, max_size=40).map("\n".join)


card_texts = st.one_of(st.text(max_size=400), _joined(CARD_FRAGMENTS, st.text(max_size=60)))
license_texts = st.one_of(st.text(max_size=400), _joined(LICENSE_FRAGMENTS, st.text(max_size=60)))
manifest_bytes = st.one_of(
    st.binary(max_size=300),
    _joined(MANIFEST_FRAGMENTS, st.text(max_size=40)).map(lambda text: text.encode("utf-8")),
)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
_tensor = st.fixed_dictionaries(
    {
        "dtype": st.sampled_from(["F32", "BF16", "I8", "X", ""]),
        "shape": st.lists(st.integers(-2, 10**12), max_size=4),
    }
)
_headers = st.dictionaries(st.text(max_size=10), st.one_of(_tensor, _json_values), max_size=6).map(
    lambda header: json.dumps(header).encode()
)


@st.composite
def safetensors_bytes(draw: st.DrawFn) -> bytes:
    """An 8-byte length (true, lying or huge), a JSON header or random bytes, then a tail."""
    body = draw(st.one_of(_headers, st.binary(max_size=200)))
    length = draw(st.one_of(st.just(len(body)), st.integers(0, 2**64 - 1)))
    return struct.pack("<Q", length) + body + draw(st.binary(max_size=32))


_gguf_key = st.text(max_size=12).map(
    lambda key: struct.pack("<Q", len(key.encode())) + key.encode()
)


@st.composite
def _gguf_entry(draw: st.DrawFn) -> bytes:
    value_type = draw(st.integers(0, 14))
    payload = draw(st.binary(max_size=24))
    count = draw(st.one_of(st.integers(0, 4), st.integers(0, 2**64 - 1)))
    if value_type == 9:  # an array: element type, count, elements
        payload = struct.pack("<IQ", draw(st.integers(0, 14)), count) + payload
    elif value_type == 8:
        payload = struct.pack("<Q", count) + payload
    return draw(_gguf_key) + struct.pack("<I", value_type) + payload


@st.composite
def gguf_bytes(draw: st.DrawFn) -> bytes:
    """The GGUF magic, a version, tensor and key-value counts (true or huge), entries, a tail."""
    version = draw(st.sampled_from([1, 2, 3, 4, 2**32 - 1]))
    entries = draw(st.lists(_gguf_entry(), max_size=5))
    kv_count = draw(st.one_of(st.just(len(entries)), st.integers(0, 2**64 - 1)))
    tensors = draw(st.one_of(st.integers(0, 3), st.integers(0, 2**64 - 1)))
    head = b"GGUF" + struct.pack("<IQQ", version, tensors, kv_count)
    return head + b"".join(entries) + draw(st.binary(max_size=64))


def _reader(data: bytes) -> Callable[[int, int], bytes]:
    return lambda offset, length: data[offset : offset + length]


def front_matter_target(text: str) -> None:
    assert isinstance(parse_front_matter(text, "README.md"), FrontMatter)


def card_target(text: str) -> None:
    parse_card.cache_clear()
    assert isinstance(parse_card(TextFile("README.md", text)), Card)


def safetensors_target(data: bytes) -> None:
    try:
        found = read_safetensors_header(_reader(data), len(data), path="x.safetensors")
    except HeaderError as error:
        assert error.code.startswith("header-")
        return
    assert isinstance(found, WeightHeader)


def gguf_target(data: bytes) -> None:
    try:
        found = read_gguf_header(_reader(data), len(data), path="x.gguf")
    except HeaderError as error:
        assert error.code.startswith("header-")
        return
    assert isinstance(found, WeightHeader)


def identify_target(text: str) -> None:
    assert isinstance(identify_text(text, path="LICENSE"), LicenseIdentification)


def manifest_target(data: bytes) -> None:
    try:
        parse_manifest(data, origin="fuzz.yml")
    except ManifestError as error:
        assert str(error)


def restriction_target(text: str) -> None:
    found = find_restriction(text)
    assert found is None or isinstance(found, Restriction)


@dataclass(frozen=True)
class Target:
    """A parser under fuzzing: its name, its input strategy and the check."""

    name: str
    strategy: st.SearchStrategy[object]
    check: Callable[..., None]
    warm: object = ""
    """A trivial input that loads what the parser loads once (the license index, rules)."""


TARGETS = (
    Target("front-matter", card_texts, front_matter_target),
    Target("card", card_texts, card_target),
    Target("safetensors-header", safetensors_bytes(), safetensors_target, b""),
    Target("gguf-header", gguf_bytes(), gguf_target, b""),
    Target("license-identify", license_texts, identify_target),
    Target("mot-yaml", manifest_bytes, manifest_target, b""),
    Target("prose-restriction", card_texts, restriction_target),
)
