"""Helpers for the evidence tests: snapshots built directly from real folders or written text."""

from __future__ import annotations

from pathlib import Path

from opengrade.model import FileKind, ReleaseFile, ReleaseSnapshot, SourceKind, TextFile

NOT_RELEASE_FILES = {"SOURCE.md", "listing.json"}
"""Corpus bookkeeping, not part of the upstream release."""


def folder_snapshot(folder: Path, identifier: str | None = None) -> ReleaseSnapshot:
    """A snapshot of every file in ``folder`` (texts decoded as UTF-8), built without a source."""
    files, texts = [], []
    for path in sorted(folder.iterdir()):
        if path.name in NOT_RELEASE_FILES or not path.is_file():
            continue
        files.append(ReleaseFile(path.name, path.stat().st_size, FileKind.OTHER))
        if path.stat().st_size < 4_000_000:
            data = path.read_bytes()
            if b"\0" not in data[:4096]:
                texts.append(TextFile(path.name, data.decode("utf-8", errors="replace")))
    name = identifier or folder.name.replace("__", "/", 1)
    return ReleaseSnapshot(
        name, SourceKind.LOCAL, str(folder), files=tuple(files), texts=tuple(texts)
    )


def corpus_snapshot(corpus: Path, folder: str) -> ReleaseSnapshot:
    """A corpus release by folder name (``tiiuae__falcon-40b``), with id ``tiiuae/falcon-40b``."""
    return folder_snapshot(corpus / "models" / folder)


def written_snapshot(
    card: str | None, *others: tuple[str, str], identifier: str = "someone/some-model"
) -> ReleaseSnapshot:
    """A snapshot holding a README.md written by the test and other (path, text) files."""
    entries = ([("README.md", card)] if card is not None else []) + list(others)
    files = tuple(ReleaseFile(path, len(text), FileKind.OTHER) for path, text in entries)
    texts = tuple(TextFile(path, text) for path, text in entries)
    return ReleaseSnapshot(identifier, SourceKind.LOCAL, "/written", files=files, texts=texts)


def corpus_folders(corpus: Path) -> list[str]:
    """Every release folder of the corpus."""
    return sorted(path.name for path in (corpus / "models").iterdir() if path.is_dir())
