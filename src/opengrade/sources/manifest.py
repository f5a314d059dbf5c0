"""Read a Model Openness Tool (MOT) model YAML into a snapshot holding a typed Manifest.

The file is read with a size bound, parsed with a safe loader that refuses alias bombs, and
checked against the rules of MOT's schema (``schema/mof_schema.json`` in lfai/model_openness_tool,
restated here as code). Anything that breaks them raises :class:`ManifestError` naming the field,
e.g. ``release.components[3].name: expected a string``. Component names MOF does not know are
kept as written; grading reports them. The YAML side is :mod:`opengrade.sources.manifest_yaml`,
the schema rules :mod:`opengrade.sources.manifest_schema`.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import yaml

from opengrade.errors import ManifestError, ReleaseNotFound
from opengrade.model.release import (
    FileKind,
    Manifest,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
)
from opengrade.sources.interface import Source
from opengrade.sources.manifest_schema import build_manifest
from opengrade.sources.manifest_yaml import compose_document, construct_data

logger = logging.getLogger(__name__)

MAX_BYTES = 2_000_000


class ManifestSource(Source):
    """A MOT model YAML file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> ReleaseSnapshot:
        """Load, validate and type the manifest."""
        if not self.path.exists():
            raise ReleaseNotFound(f"{self.path}: no such file; give the path of a MOT YAML")
        if not self.path.is_file():
            raise ManifestError(f"{self.path}: not a file; give the path of a MOT YAML")
        size = self.path.stat().st_size
        if size > MAX_BYTES:
            raise ManifestError(f"{self.path}: {size} bytes is too large for a MOT YAML")
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise ManifestError(f"{self.path}: cannot read: {error.strerror}") from error
        manifest = parse_manifest(raw, origin=str(self.path))
        digest = hashlib.sha256(raw).hexdigest()
        listing = ReleaseFile(self.path.name, len(raw), FileKind.LISTING, sha256=digest)
        text = TextFile(self.path.name, raw.decode("utf-8-sig"))
        return ReleaseSnapshot(
            id=manifest.name,
            source=SourceKind.MANIFEST,
            location=str(self.path),
            files=(listing,),
            texts=(text,),
            manifest=manifest,
        )


MAX_MANIFEST_BYTES = 256 * 1024
"""MOT's own listings are under 5 KB; parsing YAML is slow in pure Python, so a bound keeps the
time bounded (fuzzing: 800 KB of YAML took 17 s)."""


def parse_manifest(raw: bytes, *, origin: str = "<manifest>") -> Manifest:
    """Parse and validate MOT YAML bytes into a Manifest."""
    if b"\x00" in raw:
        raise ManifestError(f"{origin}: binary file (NUL bytes), not a MOT YAML", field="(file)")
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError(
            f"{origin}: {len(raw):,} bytes; a MOT YAML is a few KB (at most "
            f"{MAX_MANIFEST_BYTES:,} bytes are read): pass the release's own MOT YAML",
            field="(file)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(f"{origin}: not UTF-8 text ({error.reason})", field="(file)") from error
    node = compose_document(text, origin)
    if not isinstance(node, yaml.MappingNode):
        raise ManifestError(
            f"{origin}: (document): expected a mapping with 'framework' and 'release'",
            field="(document)",
        )
    return build_manifest(construct_data(node, origin), node, origin)
