"""Fixtures for Hub-scale scans: the loopback Hub listing the corpus releases and the real
cards, a clean HF environment pointing at it, and a store per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import constants

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakehub import FakeHub
from hubscale_support import start_hub


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


@pytest.fixture
def small_hub(hf_env: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """The corpus releases and the first 150 real cards (about 200 releases)."""
    with start_hub(corpus, cards=150) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        yield hub
