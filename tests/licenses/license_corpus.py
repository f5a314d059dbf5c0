"""Where the corpus lives for parametrisation at collection time (tests skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def corpus_root() -> Path:
    """$OPENGRADE_CORPUS, else ../shared/corpus beside the repository."""
    configured = os.environ.get("OPENGRADE_CORPUS")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"


def names(folder: str) -> list[str]:
    """File names in a corpus folder, sorted (empty when the corpus is absent)."""
    directory = corpus_root() / folder
    return sorted(path.name for path in directory.glob("*.txt")) if directory.is_dir() else []


def expected_key(file_name: str) -> str:
    """The key a corpus file stands for: its name up to ``--`` (without ``.txt``)."""
    return file_name.removesuffix(".txt").split("--")[0]
