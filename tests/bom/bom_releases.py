"""Build snapshots and evidence for the BOM tests from real release directories.

The project's LocalDirSource and evidence extractors are written elsewhere; when
``opengrade.sources.local`` exists the snapshot comes from it, else from the small reader here.
The evidence reader takes only what the BOM needs (front matter fields, config.json), so the BOM
tests do not depend on the extractors' progress.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
from pathlib import Path
from typing import Any

import yaml

from opengrade.model.evidence import ArtifactKind, Evidence, EvidenceKind, Provenance, Status
from opengrade.model.release import FileKind, ReleaseFile, ReleaseSnapshot, SourceKind, TextFile

WEIGHT_SUFFIXES = {
    ".safetensors",
    ".bin",
    ".gguf",
    ".pt",
    ".pth",
    ".ckpt",
    ".onnx",
    ".h5",
    ".msgpack",
}
TEXT_LIMIT = 2_000_000


def file_kind(path: str) -> FileKind:
    """A release file's kind from its name (enough for the BOM tests)."""
    name = path.rsplit("/", 1)[-1].lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in WEIGHT_SUFFIXES:
        return FileKind.WEIGHTS
    if name.startswith(("tokenizer", "vocab", "merges", "special_tokens")):
        return FileKind.TOKENIZER
    if name.endswith("config.json") or name.endswith(".index.json"):
        return FileKind.CONFIG
    if name.startswith(("license", "copying")):
        return FileKind.LICENSE
    if name in {"readme.md", "model_card.md"}:
        return FileKind.CARD
    return FileKind.OTHER


def snapshot_from_directory(root: Path, release_id: str | None = None) -> ReleaseSnapshot:
    """A snapshot of ``root``: its files, their listing.json entries not present, small texts."""
    if importlib.util.find_spec("opengrade.sources.local") is not None:
        local = importlib.import_module("opengrade.sources.local")
        snapshot: ReleaseSnapshot = local.LocalDirSource(root).read()
        return snapshot
    files: dict[str, ReleaseFile] = {}
    texts: list[TextFile] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(root).as_posix()
        kind = file_kind(relative)
        files[relative] = ReleaseFile(relative, path.stat().st_size, kind)
        if kind is not FileKind.WEIGHTS and path.stat().st_size < TEXT_LIMIT:
            with contextlib.suppress(UnicodeDecodeError):
                texts.append(TextFile(relative, path.read_text(encoding="utf-8")))
    listing = root / "listing.json"
    if listing.is_file():
        for entry in json.loads(listing.read_text(encoding="utf-8")).get("siblings", []):
            name = entry["rfilename"]
            if name not in files:
                files[name] = ReleaseFile(name, entry.get("size"), file_kind(name), present=False)
    return ReleaseSnapshot(
        id=release_id or root.name.replace("__", "/"),
        source=SourceKind.LOCAL,
        location=str(root),
        files=tuple(files[name] for name in sorted(files)),
        texts=tuple(texts),
    )


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


def evidence_for(snapshot: ReleaseSnapshot) -> tuple[Evidence, ...]:
    """Evidence from the card's front matter and config.json (what the BOM reads)."""
    found: list[Evidence] = []
    card = snapshot.text("README.md")
    meta = _front_matter(card.text) if card else {}
    where = Provenance(path="README.md")
    if isinstance(meta.get("pipeline_tag"), str):
        found.append(Evidence(EvidenceKind.CARD_FIELD, "pipeline_tag", meta["pipeline_tag"], where))
    for name in _as_list(meta.get("datasets")):
        found.append(Evidence(EvidenceKind.DATASET, name, "training", where))
    for name in _as_list(meta.get("base_model")):
        relation = str(meta.get("base_model_relation") or "unknown")
        found.append(Evidence(EvidenceKind.LINEAGE, name, relation, where))
    for link in _as_list(meta.get("license_link")):
        via = {"via": "license_link"}
        found.append(Evidence(EvidenceKind.LICENSE_DECLARED, "release", link, where, details=via))
    config = snapshot.text("config.json")
    if config is not None:
        try:
            parsed = json.loads(config.text)
        except json.JSONDecodeError:
            parsed = {}
        architectures = parsed.get("architectures") if isinstance(parsed, dict) else None
        details: dict[str, str | None] = {
            "architecture": architectures[0]
            if isinstance(architectures, list) and architectures
            else None,
            "model_type": parsed.get("model_type") if isinstance(parsed, dict) else None,
        }
        found.append(
            Evidence(
                EvidenceKind.ARTIFACT,
                ArtifactKind.CONFIG,
                "config.json",
                Provenance(path="config.json"),
                Status.VERIFIED,
                details,
            )
        )
    return tuple(found)


def declared_license_keys(snapshot: ReleaseSnapshot) -> tuple[str, ...]:
    """The card's ``license`` / ``license_name`` values (``other`` replaced by the name)."""
    card = snapshot.text("README.md")
    meta = _front_matter(card.text) if card else {}
    keys = [key for key in _as_list(meta.get("license")) if key.lower() != "other"]
    keys += _as_list(meta.get("license_name"))
    return tuple(keys)


def release_evidence(snapshot: ReleaseSnapshot) -> tuple[Evidence, ...]:
    """The project's own extractors' evidence when they exist, else the small reader above."""
    if importlib.util.find_spec("opengrade.evidence") is not None:
        evidence_package = importlib.import_module("opengrade.evidence")
        if hasattr(evidence_package, "extract_evidence"):
            found: tuple[Evidence, ...] = evidence_package.extract_evidence(snapshot)
            return found
    return evidence_for(snapshot)
