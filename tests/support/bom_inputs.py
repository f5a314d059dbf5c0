"""Snapshots and evidence for the BOM tests, read from real release directories by the project's
own LocalDirSource and evidence extractors (no stand-in readers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from opengrade.evidence import extract_evidence
from opengrade.model.evidence import Evidence
from opengrade.model.release import ReleaseSnapshot
from opengrade.sources.local import LocalDirSource


def snapshot_from_directory(root: Path, release_id: str | None = None) -> ReleaseSnapshot:
    """The release at ``root`` as LocalDirSource reads it, named ``release_id`` when given."""
    snapshot = LocalDirSource(root).read()
    return dataclasses.replace(snapshot, id=release_id) if release_id else snapshot


def release_evidence(snapshot: ReleaseSnapshot) -> tuple[Evidence, ...]:
    """Every piece of evidence the project's extractors find in ``snapshot``."""
    return extract_evidence(snapshot)


def _front_matter(text: str) -> dict[str, Any]:
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    try:
        loaded = yaml.safe_load(text[3:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if item is not None and str(item).strip()]


def declared_license_keys(snapshot: ReleaseSnapshot) -> tuple[str, ...]:
    """The card's ``license`` / ``license_name`` values (``other`` replaced by the name)."""
    card = snapshot.text("README.md")
    meta = _front_matter(card.text) if card else {}
    keys = [key for key in _as_list(meta.get("license")) if key.lower() != "other"]
    keys += _as_list(meta.get("license_name"))
    return tuple(keys)
