"""Where the corpus lives for parametrisation at collection time (tests skip when absent)."""

from __future__ import annotations

from support.corpus import REPO_ROOT, corpus_path

corpus_root = corpus_path  # the one definition, in the shared test support

__all__ = ["REPO_ROOT", "corpus_root", "names"]


def names(folder: str) -> list[str]:
    """File names in a corpus folder, sorted (empty when the corpus is absent)."""
    directory = corpus_root() / folder
    return sorted(path.name for path in directory.glob("*.txt")) if directory.is_dir() else []


def expected_key(file_name: str) -> str:
    """The key a corpus file stands for: its name up to ``--`` (without ``.txt``)."""
    return file_name.removesuffix(".txt").split("--")[0]
