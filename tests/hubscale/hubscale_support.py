"""Helpers for the Hub-scale tests: start the loopback Hub at scale, count per-release requests
(a module of its own: ``conftest`` is a name every test folder has)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))

from fakehub import FakeHub


def start_hub(corpus: Path, *, cards: int | None = None, copies: int = 1) -> FakeHub:
    """A loopback Hub with the corpus releases and ``cards`` real cards (None: all)."""
    hub = FakeHub()
    hub.add_corpus(corpus / "models")
    hub.add_cards(corpus / "cards", limit=cards, copies=copies)
    return hub


def release_requests(hub: FakeHub) -> list[str]:
    """Requests that name one listed release (none at the metadata tier)."""
    listed = set(hub.catalogue.releases)
    paths = [path for _, path, _ in hub.stats.requests]
    return [path for path in paths if _ids(path, listed)]


def _ids(path: str, listed: set[str]) -> list[str]:
    parts = [part for part in path.split("/") if part]
    names = {f"{a}/{b}" for a, b in itertools.pairwise(parts)}
    return [name for name in names if name in listed]
