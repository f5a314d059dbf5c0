"""Walking a release directory: which entries are the release's files, and the symlink policy.

VCS and tool metadata directories (``.git``, ``.hg``, ``.svn``, ``.bzr``, ``.cache/huggingface``)
are skipped. A symlink is followed only when its target stays inside the directory (or inside the
``blobs/`` folder of a Hugging Face cache when the directory is a cache snapshot); any other gives
the problem ``symlink-outside``. A symlinked folder is not followed; FIFOs, sockets and devices
are counted and never opened.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from opengrade.model import Problem
from opengrade.model.release import ProblemCode

logger = logging.getLogger(__name__)

SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", ".bzr"})
SKIPPED_PATHS = frozenset({".cache/huggingface"})


@dataclass(slots=True)
class DirectoryWalk:
    """What walking the directory found: files (path → absolute path) and problems."""

    files: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    """Entries that are not regular files (FIFOs, sockets, devices): never opened."""


def allowed_targets(root: Path) -> tuple[Path, ...]:
    """Where symlinks may point: the root, and a Hub cache snapshot's ``blobs/`` folder."""
    repository = root.parent.parent
    in_cache = root.parent.name == "snapshots" and repository.name.startswith(
        ("models--", "datasets--", "spaces--")
    )
    return (root, repository / "blobs") if in_cache else (root,)


def walk_release(root: Path) -> DirectoryWalk:
    """The files under ``root`` (resolved) by relative path, and what could not be listed."""
    walk = DirectoryWalk()
    allowed = allowed_targets(root)
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError as error:
            relative = directory.relative_to(root).as_posix()
            walk.problems.append(
                Problem(
                    ProblemCode.UNREADABLE, f"cannot list this folder: {error.strerror}", relative
                )
            )
            continue
        for entry in entries:
            _visit(root, allowed, Path(entry.path), entry, walk, pending)
    return walk


def _visit(
    root: Path,
    allowed: tuple[Path, ...],
    path: Path,
    entry: os.DirEntry[str],
    walk: DirectoryWalk,
    pending: list[Path],
) -> None:
    relative = path.relative_to(root).as_posix()
    if entry.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            walk.problems.append(Problem(ProblemCode.UNREADABLE, "symlink loop", relative))
            return
        if not any(target.is_relative_to(base) for base in allowed):
            message = f"symlink to {target} points outside the release; not read"
            walk.problems.append(Problem(ProblemCode.SYMLINK_OUTSIDE, message, relative))
            return
        if target.is_dir():
            logger.debug("not following the directory symlink %s", relative)
            return
        if not target.exists():
            walk.problems.append(Problem(ProblemCode.UNREADABLE, "broken symlink", relative))
            return
    if entry.is_dir(follow_symlinks=False):
        if entry.name not in SKIPPED_DIRECTORIES and relative not in SKIPPED_PATHS:
            pending.append(path)
    elif entry.is_file():
        walk.files[relative] = path
    else:
        walk.skipped += 1
        logger.debug("skipping %s: not a regular file (never opened)", relative)
