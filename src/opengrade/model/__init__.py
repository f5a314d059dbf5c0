"""The domain model: frozen dataclasses and StrEnums shared by every stage.

Split by concept: ``release`` (what a source read), ``evidence`` (what extractors found),
``license`` (identification and terms), ``assessment`` (grades and findings).
"""

from __future__ import annotations

from opengrade.model.evidence import (
    ArtifactKind,
    Evidence,
    EvidenceKind,
    LinkKind,
    Provenance,
    Scope,
    Status,
)
from opengrade.model.release import (
    DatasetInfo,
    FileKind,
    Problem,
    ProblemCode,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
    WeightHeader,
)

__all__ = [
    "ArtifactKind",
    "DatasetInfo",
    "Evidence",
    "EvidenceKind",
    "FileKind",
    "LinkKind",
    "Problem",
    "ProblemCode",
    "Provenance",
    "ReleaseFile",
    "ReleaseSnapshot",
    "Scope",
    "SourceKind",
    "Status",
    "TextFile",
    "WeightHeader",
]
