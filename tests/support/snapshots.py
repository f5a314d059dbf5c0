"""Snapshots for tests: real folders (read as the CLI reads them) or written text."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from opengrade.model import (
    Evidence,
    EvidenceKind,
    Provenance,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    Status,
    TextFile,
)
from opengrade.model.evidence import DetailValue
from opengrade.model.evidence_payloads import PAYLOAD_TYPES
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


def record(
    kind: EvidenceKind,
    subject: str,
    value: str,
    provenance: Provenance,
    status: Status = Status.DECLARED,
    details: Mapping[str, DetailValue] | None = None,
) -> Evidence:
    """An evidence item from its record (kind, subject, value, details), as a report holds it;
    a required detail the test leaves out is None."""
    payload_type = PAYLOAD_TYPES[kind]
    texts = payload_type.text_fields(subject, value)
    required = [
        item.name
        for item in dataclasses.fields(payload_type)
        if item.default is dataclasses.MISSING and item.name not in texts
    ]
    given = {**dict.fromkeys(required), **(details or {})}
    payload = payload_type.from_record(subject, value, given)
    return Evidence(payload, provenance, status)
