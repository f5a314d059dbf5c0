"""What a bill of materials is built from, and the hashes of a release's files.

``BomInput`` is the one value both BOM formats read. The pipeline fills it from the snapshot, its
evidence, the license keys and the assessment; nothing in the formats reads disk or network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from opengrade import __version__
from opengrade.bom.hashing import HashCache, HashObserver, hash_files
from opengrade.model.evidence import Evidence
from opengrade.model.facts import DerivedFacts
from opengrade.model.release import FileKind, ReleaseSnapshot, SourceKind

HASHED_KINDS = frozenset({FileKind.WEIGHTS, FileKind.CONFIG, FileKind.TOKENIZER})
"""The file kinds a BOM lists as file components with their digests."""


@dataclass(frozen=True, slots=True)
class BomInput:
    """Everything a BOM records about one release.

    ``declared_licenses`` / ``concluded_licenses`` are license keys: an SPDX id where one exists,
    else a non-SPDX key (written ``LicenseRef-<key>`` or as a license name).
    ``mof_class`` is the MOF class reached (``I``/``II``/``III``, or ``none`` when none is);
    None means the release was not graded, and the BOM then records no assessment for it.
    ``mof_progress`` maps a class to its whole percent of progress.
    ``eu_ai_act_exemption`` is the EU AI Act Art. 53(2) pre-check status.
    ``findings`` are (code, severity, message) of the open-washing assessment.
    ``file_hashes`` maps a release path to its SHA-256 (see :func:`release_hashes`); a file
    without a known digest is listed without one.
    ``timestamp`` and ``serial`` (a UUID string) are injectable; reproducible mode ignores them.
    ``facts`` are the facts the assessment derived from the evidence (derived from ``evidence``
    when the BOM is built without an assessment).
    """

    snapshot: ReleaseSnapshot
    evidence: tuple[Evidence, ...] = ()
    declared_licenses: tuple[str, ...] = ()
    concluded_licenses: tuple[str, ...] = ()
    mof_class: str | None = None
    mof_progress: Mapping[str, int] = field(default_factory=dict)
    osaid_verdict: str | None = None
    eu_ai_act_exemption: str | None = None
    findings: tuple[tuple[str, str, str], ...] = ()
    tool_version: str = __version__
    timestamp: datetime | None = None
    serial: str | None = None
    file_hashes: Mapping[str, str] = field(default_factory=dict)
    facts: DerivedFacts | None = None


def hashable_files(snapshot: ReleaseSnapshot) -> dict[str, Path]:
    """Release path -> file on disk, for the listed files a BOM hashes that can be read.

    Only local snapshots have files on disk; LFS pointers and files known only from a listing
    are left out (their digest, when known, is the snapshot's own).
    """
    if snapshot.source is not SourceKind.LOCAL:
        return {}
    root = Path(snapshot.location).resolve()
    readable: dict[str, Path] = {}
    for item in snapshot.files:
        if item.kind not in HASHED_KINDS or not item.present or item.lfs_pointer:
            continue
        candidate = (root / item.path).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            readable[item.path] = candidate
    return readable


def release_hashes(
    snapshot: ReleaseSnapshot,
    *,
    cache: HashCache | None = None,
    workers: int | None = None,
    observer: HashObserver | None = None,
) -> dict[str, str]:
    """SHA-256 by release path for every file a BOM lists: hashed when readable, else the
    snapshot's own digest when it has one."""
    digests = {
        item.path: item.sha256
        for item in snapshot.files
        if item.kind in HASHED_KINDS and item.sha256
    }
    readable = hashable_files(snapshot)
    computed = hash_files(readable.values(), cache=cache, workers=workers, observer=observer)
    for release_path, disk_path in readable.items():
        digests[release_path] = computed[disk_path.absolute()]
    return digests
