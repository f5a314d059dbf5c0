"""Fixtures for Hub-scale scans: the loopback Hub listing the corpus releases and the real
cards, a clean HF environment pointing at it, and a store per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakehub import FakeHub
from hubscale_support import start_hub


@pytest.fixture
def small_hub(hub_env: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """The corpus releases and the first 150 real cards (about 200 releases)."""
    with start_hub(corpus, cards=150) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        yield hub
