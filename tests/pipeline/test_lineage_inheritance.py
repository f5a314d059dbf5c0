"""Inherited terms: a derivative relicensed against its base is flagged, from the base's own
release (``--base DIR``) or, when the base cannot be read, from the curated family table."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade import LinkedInputs, assess
from opengrade.model.findings import LineageSource

DERIVED_CARD = """---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
---
# Derived-8B

Derived-8B is a fine-tune of Llama 3.1 8B.
"""


def _derivative(tmp_path: Path) -> Path:
    release = tmp_path / "acme__Derived-8B"
    release.mkdir()
    (release / "README.md").write_text(DERIVED_CARD)
    return release


@pytest.mark.corpus
def test_base_release_read_with_base_dir(corpus: Path, tmp_path: Path) -> None:
    base = corpus / "models" / "meta-llama__Llama-3.1-8B"
    report = assess(str(_derivative(tmp_path)), linked=LinkedInputs(base_dirs=(base,)))
    inherited = [item for item in report.lineage if item.license == "llama3.1"]
    assert inherited and inherited[0].source is LineageSource.BASE_RELEASE
    assert any(
        f.code == "relicensed-against-base" and f.severity == "high" for f in report.findings
    )


def test_base_known_only_from_the_family_table(tmp_path: Path) -> None:
    report = assess(str(_derivative(tmp_path)))
    inherited = [item for item in report.lineage if item.license == "llama3.1"]
    assert inherited and inherited[0].source is LineageSource.FAMILY_TABLE
    assert any(f.code == "relicensed-against-base" for f in report.findings)
