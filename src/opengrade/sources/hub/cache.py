"""The local Hub cache: downloads kept in its layout, revisions remembered, offline reads.

The layout is the Hugging Face client's (``models--ORG--NAME/{blobs,refs,snapshots}``), so
files cached here and by the client serve each other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import threading
from pathlib import Path

from opengrade.model import Problem, ReleaseSnapshot, SourceKind
from opengrade.model.release import ProblemCode
from opengrade.sources.hub.errors import HubOfflineError
from opengrade.sources.hub.settings import HubSettings
from opengrade.sources.local import LocalDirSource

logger = logging.getLogger(__name__)


def cache_folder(cache_dir: str, repo_id: str) -> Path:
    """The folder of ``repo_id`` (a model) in the Hub cache at ``cache_dir``."""
    return Path(cache_dir) / f"models--{repo_id.replace('/', '--')}"


def store_in_cache(folder: Path, commit: str, path: str, sha256: str | None, data: bytes) -> None:
    """Keep a downloaded file in the Hub cache layout (``blobs/ETAG``, ``snapshots/COMMIT/PATH``).

    The ETag is the LFS SHA-256, else the git blob id, computed from the bytes as git does. A
    cache that cannot be written only costs a download next time.
    """
    etag = sha256 or hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    blob = folder / "blobs" / etag
    pointer = folder / "snapshots" / commit / path
    try:
        blob.parent.mkdir(parents=True, exist_ok=True)
        pointer.parent.mkdir(parents=True, exist_ok=True)
        partial = blob.with_name(f"{etag}.{os.getpid()}.{threading.get_ident()}.incomplete")
        partial.write_bytes(data)
        partial.replace(blob)
        if not pointer.exists():
            try:
                pointer.symlink_to(os.path.relpath(blob, pointer.parent))
            except OSError:
                pointer.write_bytes(data)
    except OSError as error:
        logger.info("cannot cache %s: %s", path, error)


def remember_revision(folder: Path, name: str, commit: str) -> None:
    """Record which commit a branch or tag named (the cache's ``refs/NAME``), for offline use."""
    if name == commit or "/" in name or name.startswith("."):
        return
    try:
        (folder / "refs").mkdir(parents=True, exist_ok=True)
        (folder / "refs" / name).write_text(commit, encoding="utf-8")
    except OSError as error:
        logger.info("cannot record %s as %s in the Hub cache: %s", name, commit, error)


def read_cached(
    settings: HubSettings, repo_id: str, revision: str | None, *, max_text_bytes: int
) -> ReleaseSnapshot:
    """``repo_id`` at ``revision`` (default main) from the cache; HubOfflineError when absent."""
    folder = cache_folder(settings.cache_dir, repo_id)
    revision = revision or "main"
    unsafe = any(part in {"", ".", ".."} for part in revision.split("/"))
    ref = folder / "refs" / revision
    commit = ref.read_text(encoding="utf-8").strip() if ref.is_file() else revision
    snapshot_dir = folder / "snapshots" / commit
    if unsafe or "/" in commit or not snapshot_dir.is_dir():
        raise HubOfflineError(
            f"HF_HUB_OFFLINE is set and {repo_id}@{revision} is not in the Hub cache at "
            f"{settings.cache_dir}. Unset HF_HUB_OFFLINE, or download it first."
        )
    local = LocalDirSource(snapshot_dir, max_text_bytes=max_text_bytes).read()
    note = Problem(
        ProblemCode.HUB_OFFLINE,
        "read from the local Hub cache (HF_HUB_OFFLINE): only cached files are listed",
    )
    return dataclasses.replace(
        local,
        id=repo_id,
        source=SourceKind.HUB,
        location=f"{settings.endpoint}/{repo_id}/tree/{commit}",
        problems=(*local.problems, note),
        endpoint=settings.endpoint,
        revision=commit,
    )
