"""Snapshots for tests: real folders (read as the CLI reads them) or written text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from opengrade.model import ReleaseFile, ReleaseSnapshot, SourceKind, TextFile
from opengrade.parsing.files import classify
from opengrade.sources.local import LocalDirSource


def folder_snapshot(folder: Path, identifier: str | None = None) -> ReleaseSnapshot:
    """What the CLI sees of ``folder``: :class:`LocalDirSource` reads it (file kinds, weights
    headers, the upstream ``listing.json``); ``identifier`` replaces the id derived from it."""
    snapshot = LocalDirSource(folder).read()
    return dataclasses.replace(snapshot, id=identifier) if identifier else snapshot


def corpus_snapshot(corpus: Path, folder: str) -> ReleaseSnapshot:
    """A corpus release by folder name (``tiiuae__falcon-40b``), with id ``tiiuae/falcon-40b``."""
    return folder_snapshot(corpus / "models" / folder)


def written_snapshot(
    card: str | None, *others: tuple[str, str], identifier: str = "someone/some-model"
) -> ReleaseSnapshot:
    """A snapshot holding a README.md written by the test and other (path, text) files, each
    of the kind its name gives."""
    entries = ([("README.md", card)] if card is not None else []) + list(others)
    files = tuple(ReleaseFile(path, len(text), classify(path)) for path, text in entries)
    texts = tuple(TextFile(path, text) for path, text in entries)
    return ReleaseSnapshot(identifier, SourceKind.LOCAL, "/written", files=files, texts=texts)


def corpus_folders(corpus: Path) -> list[str]:
    """Every release folder of the corpus."""
    return sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir())
