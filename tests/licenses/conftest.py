"""Fixtures for the license tests: the corpus' reference texts and variants."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def license_texts(corpus: Path) -> Path:
    """The reference license texts of the corpus."""
    return corpus / "licenses" / "texts"


@pytest.fixture(scope="session")
def license_variants(corpus: Path) -> Path:
    """License files as found in real repositories."""
    return corpus / "licenses" / "variants"
