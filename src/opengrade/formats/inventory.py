"""Render the evidence inventory of ``opengrade inspect`` as plain text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from opengrade import __version__
from opengrade.model import Evidence, EvidenceKind, ReleaseSnapshot
from opengrade.model.evidence_payloads import Claim

INVENTORY_SCHEMA_VERSION = "1"

_GROUP_TITLES = {
    EvidenceKind.CARD: "Model card",
    EvidenceKind.CARD_FIELD: "Card metadata",
    EvidenceKind.CARD_SECTION: "Card sections",
    EvidenceKind.LICENSE_DECLARED: "Declared licenses",
    EvidenceKind.LICENSE_FILE: "License files",
    EvidenceKind.LICENSE_IDENTIFIED: "Identified licenses",
    EvidenceKind.ARTIFACT: "Artifacts",
    EvidenceKind.LINK: "Links",
    EvidenceKind.DATASET: "Datasets",
    EvidenceKind.EVAL_RESULT: "Evaluation results",
    EvidenceKind.CLAIM: "Openness claims",
    EvidenceKind.LINEAGE: "Lineage",
    EvidenceKind.GATING: "Gating",
    EvidenceKind.COMPONENT: "Declared MOF components",
    EvidenceKind.PROBLEM: "Problems",
}


def evidence_to_dict(item: Evidence) -> dict[str, Any]:
    """One evidence item as JSON-ready data."""
    provenance = {
        key: value
        for key, value in (
            ("path", item.provenance.path),
            ("line", item.provenance.line),
            ("end_line", item.provenance.end_line),
            ("field", item.provenance.field),
            ("url", item.provenance.url),
        )
        if value is not None
    }
    return {
        "kind": str(item.kind),
        "subject": item.payload.subject_text(),
        "value": item.payload.value_text(),
        "status": str(item.status),
        "provenance": provenance,
        "details": dict(sorted(item.payload.detail_values().items())),
    }


def inventory_to_dict(snapshot: ReleaseSnapshot, evidence: Sequence[Evidence]) -> dict[str, Any]:
    """The inventory as JSON-ready data: release, file summary, evidence in stable order."""
    present = [item for item in snapshot.files if item.present]
    return {
        "schema_version": INVENTORY_SCHEMA_VERSION,
        "tool": {"name": "opengrade", "version": __version__},
        "release": {
            "id": snapshot.id,
            "source": str(snapshot.source),
            "location": snapshot.location,
            "revision": snapshot.revision,
        },
        "files": {
            "present": len(present),
            "listed_only": len(snapshot.files) - len(present),
            "bytes_present": sum(item.size or 0 for item in present),
        },
        "evidence": [evidence_to_dict(item) for item in evidence],
    }


def render_json(snapshot: ReleaseSnapshot, evidence: Sequence[Evidence]) -> str:
    """The inventory as deterministic, indented JSON."""
    return json.dumps(inventory_to_dict(snapshot, evidence), indent=2, ensure_ascii=False) + "\n"


def render_text(snapshot: ReleaseSnapshot, evidence: Sequence[Evidence]) -> str:
    """The inventory as grouped plain text, each item with its details and provenance."""
    present = sum(1 for item in snapshot.files if item.present)
    lines = [
        f"Release {snapshot.id} ({snapshot.source}: {snapshot.location})",
        f"Files: {present} present, {len(snapshot.files) - present} listed upstream only",
    ]
    for title, items in _groups(evidence):
        lines.append("")
        lines.append(f"{title} ({len(items)})")
        for item in items:
            details = _details(item)
            lines.append(
                f"  - {item.payload.subject_text()}: {_shorten(item.payload.value_text())}{details}"
                f"  [{item.status}] @ {item.provenance}".rstrip()
            )
    return "\n".join(lines) + "\n"


def _groups(evidence: Sequence[Evidence]) -> list[tuple[str, list[Evidence]]]:
    """Evidence grouped by kind; claims split into self-claims and mentions of others."""
    groups = []
    for kind, title in _GROUP_TITLES.items():
        items = [item for item in evidence if item.kind is kind]
        if kind is EvidenceKind.CLAIM:
            own = [item for item in items if _about_release(item)]
            others = [item for item in items if not _about_release(item)]
            groups += [
                (f"{title}: about this release", own),
                ("Mentions of others' openness", others),
            ]
        else:
            groups.append((title, items))
    return [(title, items) for title, items in groups if items]


def _about_release(item: Evidence) -> bool:
    return isinstance(item.payload, Claim) and item.payload.about_release


_HIDDEN_DETAILS = {"url", "about_release", "chars", "present"}


def _details(item: Evidence) -> str:
    """The item's details that matter to a reader (dtype, parameters, role...), compactly."""
    shown = [
        f"{key}={value}"
        for key, value in sorted(item.payload.detail_values().items())
        if key not in _HIDDEN_DETAILS and value not in (None, "", False)
    ]
    return f" ({', '.join(shown)})" if shown else ""


def _shorten(text: str, limit: int = 120) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
