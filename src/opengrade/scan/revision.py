"""The revision a grade is kept under: the Hub commit, or for a local folder or a MOT YAML a
content hash of everything the source read (listing, texts, weight headers)."""

from __future__ import annotations

import hashlib

from opengrade.model import ReleaseSnapshot, SourceKind


def content_revision(snapshot: ReleaseSnapshot) -> str:
    """``snapshot.revision`` for a Hub release; else ``sha256:`` of the files read."""
    if snapshot.source is SourceKind.HUB and snapshot.revision:
        return snapshot.revision
    digest = hashlib.sha256()
    for item in snapshot.files:
        digest.update(
            f"file\0{item.path}\0{item.size}\0{item.sha256 or ''}\0{item.present}\n".encode()
        )
    for text in snapshot.texts:
        digest.update(f"text\0{text.path}\0".encode())
        digest.update(text.text.encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    for header in snapshot.headers:
        digest.update(
            f"header\0{header.path}\0{header.format}\0{header.parameters}\0"
            f"{','.join(header.dtypes)}\0{header.tensor_count}\n".encode()
        )
    if snapshot.manifest is not None:
        digest.update(repr(snapshot.manifest).encode("utf-8", "surrogatepass"))
    return "sha256:" + digest.hexdigest()
