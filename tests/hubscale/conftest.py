"""Fixtures for Hub-scale scans: the loopback Hub listing the corpus releases and the real
cards, a clean HF environment pointing at it, and a store per test."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import constants

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakehub import FakeHub


@pytest.fixture
def hf_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A temporary HF_HOME, no token, online."""
    home = tmp_path / "hf_home"
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    monkeypatch.setattr(constants, "HF_HOME", str(home))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(home / "hub"))
    return home


def start_hub(corpus: Path, *, cards: int | None = None, copies: int = 1) -> FakeHub:
    """A loopback Hub with the corpus releases and ``cards`` real cards (None: all)."""
    hub = FakeHub()
    hub.add_corpus(corpus / "models")
    hub.add_cards(corpus / "cards", limit=cards, copies=copies)
    return hub


@pytest.fixture
def small_hub(hf_env: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """The corpus releases and the first 150 real cards (about 200 releases)."""
    with start_hub(corpus, cards=150) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        yield hub


def release_requests(hub: FakeHub) -> list[str]:
    """Requests that name one listed release (none at the metadata tier)."""
    listed = set(hub.catalogue.releases)
    paths = [path for _, path, _ in hub.stats.requests]
    return [path for path in paths if _ids(path, listed)]


def _ids(path: str, listed: set[str]) -> list[str]:
    parts = [part for part in path.split("/") if part]
    names = {f"{a}/{b}" for a, b in itertools.pairwise(parts)}
    return [name for name in names if name in listed]
