"""The shared corpus: its location, and its releases as parameters named by folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def corpus_path() -> Path:
    """The shared corpus: $OPENGRADE_CORPUS, else ../shared/corpus beside the repository."""
    configured = os.environ.get("OPENGRADE_CORPUS")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"


def corpus_release_folders() -> list[str]:
    """Every corpus release folder name (for ``parametrize``; empty without the corpus, and the
    ``corpus`` fixture then skips or fails as configured)."""
    models = corpus_path() / "models"
    return (
        sorted(path.name for path in models.iterdir() if path.is_dir()) if models.is_dir() else []
    )
