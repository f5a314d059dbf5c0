"""Fixtures for the BOM tests: the MiniLM release as a BomInput, with its real file hashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bom_releases import declared_license_keys, release_evidence, snapshot_from_directory

from opengrade.bom import BomInput, HashCache, release_hashes
from opengrade.model.release import ReleaseSnapshot


@pytest.fixture
def hash_cache(tmp_path: Path) -> Iterator[HashCache]:
    """A fresh hash cache in the test's temporary directory."""
    with HashCache(tmp_path / "cache" / "hashes.sqlite3") as cache:
        yield cache


@pytest.fixture(scope="session")
def minilm_snapshot(minilm_release: Path) -> ReleaseSnapshot:
    """The MiniLM release read as a snapshot."""
    return snapshot_from_directory(minilm_release, "sentence-transformers/all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def minilm_input(
    minilm_snapshot: ReleaseSnapshot, tmp_path_factory: pytest.TempPathFactory
) -> BomInput:
    """The MiniLM BOM input: evidence from its card and config, hashes of its files."""
    with HashCache(tmp_path_factory.mktemp("cache") / "hashes.sqlite3") as cache:
        hashes = release_hashes(minilm_snapshot, cache=cache)
    keys = declared_license_keys(minilm_snapshot)
    return BomInput(
        minilm_snapshot,
        release_evidence(minilm_snapshot),
        declared_licenses=keys,
        concluded_licenses=keys,
        file_hashes=hashes,
    )
