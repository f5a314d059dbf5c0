"""Streaming SHA-256 of weight files: parallel across files, bounded memory, cached on disk.

Files are read in 1 MiB chunks into one reused buffer per worker, so memory stays bounded
whatever the file size, and weights are never parsed or loaded. ``hashlib`` releases the GIL
while it digests a chunk, so a thread pool gives real parallelism across files.

The cache is a small SQLite file keyed by (absolute path, size, mtime in ns): a file that did
not change is not read again. Its default place is ``$OPENGRADE_CACHE_DIR``, else
``$XDG_CACHE_HOME/opengrade``, else ``~/.cache/opengrade``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from opengrade.model.progress import Observer, ProgressEvent, Stage

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
CACHE_FILE_NAME = "hashes.sqlite3"


@dataclass(frozen=True, slots=True)
class HashProgress:
    """One step of hashing: ``bytes_done`` of ``bytes_total`` for ``path``.

    ``cached`` is True when the digest came from the cache (then done == total at once).
    ``finished`` is True on the last event for that file.
    """

    path: Path
    bytes_done: int
    bytes_total: int
    cached: bool = False
    finished: bool = False


HashObserver = Callable[[HashProgress], None]
"""Receives progress events. Called from worker threads: it must be thread-safe and quick."""


def hashing_events(observer: Observer, release: str) -> HashObserver:
    """Hashing progress as :class:`ProgressEvent` (stage ``hashing``) for an assessment
    observer."""

    def notify(event: HashProgress) -> None:
        observer.notify(
            ProgressEvent(
                Stage.HASHING,
                release,
                path=str(event.path),
                done=event.bytes_done,
                total=event.bytes_total,
            )
        )

    return notify


def default_cache_dir() -> Path:
    """Where the hash cache lives unless a path is given."""
    configured = os.environ.get("OPENGRADE_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "opengrade"


class HashCache:
    """SHA-256 digests keyed by (absolute path, size, mtime_ns), kept in a SQLite file.

    Use it from one thread (``hash_files`` does all cache work on the calling thread).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_cache_dir() / CACHE_FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(str(self.path))
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS digests ("
            " path TEXT PRIMARY KEY, size INTEGER NOT NULL,"
            " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL)"
        )
        self._connection.commit()

    def lookup(self, path: Path, size: int, mtime_ns: int) -> str | None:
        """The cached digest when the file's size and mtime still match, else None."""
        row = self._connection.execute(
            "SELECT sha256 FROM digests WHERE path = ? AND size = ? AND mtime_ns = ?",
            (str(path), size, mtime_ns),
        ).fetchone()
        return str(row[0]) if row else None

    def store(self, entries: Iterable[tuple[Path, int, int, str]]) -> None:
        """Remember digests (path, size, mtime_ns, sha256), replacing stale entries."""
        self._connection.executemany(
            "INSERT OR REPLACE INTO digests (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
            [(str(path), size, mtime, digest) for path, size, mtime, digest in entries],
        )
        self._connection.commit()

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

    def __enter__(self) -> HashCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def sha256_file(path: Path, observer: HashObserver | None = None) -> str:
    """The SHA-256 of one file, streamed in 1 MiB chunks through a reused buffer."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    total = path.stat().st_size
    done = 0
    with path.open("rb", buffering=0) as stream:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(stream.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)
        while True:
            count = stream.readinto(buffer)
            if not count:
                break
            digest.update(view[:count])
            done += count
            if observer is not None:
                observer(HashProgress(path, done, total))
    if observer is not None:
        observer(HashProgress(path, done, max(total, done), finished=True))
    return digest.hexdigest()


def hash_files(
    paths: Iterable[Path],
    *,
    cache: HashCache | None = None,
    workers: int | None = None,
    observer: HashObserver | None = None,
) -> dict[Path, str]:
    """SHA-256 of each file, keyed by its absolute path.

    Cached digests are reused when size and mtime match; the rest are hashed in parallel with
    ``workers`` threads (default: min(files, CPU cores)). Raises OSError for unreadable files.
    """
    unique = sorted({Path(path).absolute() for path in paths})
    results: dict[Path, str] = {}
    pending: list[tuple[Path, int, int]] = []
    for path in unique:
        status = path.stat()
        cached = cache.lookup(path, status.st_size, status.st_mtime_ns) if cache else None
        if cached is not None:
            results[path] = cached
            if observer is not None:
                observer(HashProgress(path, status.st_size, status.st_size, True, True))
        else:
            pending.append((path, status.st_size, status.st_mtime_ns))
    if not pending:
        return results
    count = workers if workers is not None else min(len(pending), os.cpu_count() or 1)
    count = max(1, min(count, len(pending)))
    logger.debug("hashing %d files with %d workers", len(pending), count)
    if count == 1:
        digests = [sha256_file(path, observer) for path, _, _ in pending]
    else:
        with ThreadPoolExecutor(max_workers=count, thread_name_prefix="opengrade-hash") as pool:
            digests = list(pool.map(lambda item: sha256_file(item[0], observer), pending))
    fresh: list[tuple[Path, int, int, str]] = []
    for (path, size, mtime_ns), digest in zip(pending, digests, strict=True):
        results[path] = digest
        after = path.stat()
        if (after.st_size, after.st_mtime_ns) == (size, mtime_ns):
            fresh.append((path, size, mtime_ns, digest))
    if cache is not None:
        cache.store(fresh)
    return results
