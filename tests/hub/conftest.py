"""Fixtures for the Hub tests: a loopback Hub serving the corpus, and a clean HF environment."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakehub import FakeHub


@pytest.fixture
def empty_hub(hub_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """A loopback Hub with no repositories; HF_ENDPOINT points at it."""
    with FakeHub() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        yield hub


@pytest.fixture
def corpus_hub(empty_hub: FakeHub, corpus: Path) -> FakeHub:
    """The loopback Hub serving every release of the corpus as org/name."""
    empty_hub.add_corpus(corpus / "models")
    return empty_hub
