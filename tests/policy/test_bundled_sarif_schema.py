"""The SARIF schema bundled for offline validation is the official file, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.policy.schema import SARIF_SCHEMA_PATH


@pytest.mark.corpus
def test_bundled_sarif_schema_is_the_official_file(corpus: Path) -> None:
    official = corpus.parent / "schemas" / "sarif" / "sarif-schema-2.1.0.json"
    assert SARIF_SCHEMA_PATH.read_bytes() == official.read_bytes()
