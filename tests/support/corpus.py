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


def mot_test_models() -> list[str]:
    """The file names of MOT's own test models (``mot/test_data/*.yml``)."""
    folder = corpus_path() / "mot" / "test_data"
    return sorted(path.name for path in folder.glob("*.yml"))


def mot_listings() -> list[str]:
    """The file names of the MOT listings (``mot/models/*.yml``)."""
    folder = corpus_path() / "mot" / "models"
    return sorted(path.name for path in folder.glob("*.yml"))
