"""The schemas bundled for offline validation are the official ones, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

import opengrade.bom

BUNDLED = Path(opengrade.bom.__file__).resolve().parent / "schemas"
COPIES = {
    "cyclonedx/bom-1.6.schema.json": "cyclonedx/bom-1.6.schema.json",
    "cyclonedx/bom-1.7.schema.json": "cyclonedx/bom-1.7.schema.json",
    "cyclonedx/spdx.schema.json": "cyclonedx/spdx.schema.json",
    "cyclonedx/jsf-0.82.schema.json": "cyclonedx/jsf-0.82.schema.json",
    "cyclonedx/cryptography-defs.schema.json": "cyclonedx/cryptography-defs.schema.json",
    "spdx3/spdx-json-schema.json": "spdx3/spdx-json-schema.json",
    "spdx3/spdx-model.ttl": "spdx3/spdx-model.ttl",
    "spdx3/spdx-context.jsonld": "spdx3/spdx-context.jsonld",
}


@pytest.mark.corpus
@pytest.mark.parametrize(("bundled", "official"), sorted(COPIES.items()))
def test_bundled_schema_is_the_official_file(corpus: Path, bundled: str, official: str) -> None:
    source = corpus.parent / "schemas" / official
    assert (BUNDLED / bundled).read_bytes() == source.read_bytes()
