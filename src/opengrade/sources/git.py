"""A code repository supplied as a directory (``--code DIR``): read, never executed.

The release's card may link code (GitHub, GitLab...). Without network, or when the user already
has a checkout, ``--code DIR`` supplies it: the directory is read like a release directory
(file listing, small texts such as LICENSE and README, never a script run) and the commit it is
at is read from ``.git`` as plain files (``HEAD``, loose refs, ``packed-refs``); git itself is
never invoked. Without a supplied or reachable repository, linked code stays *declared*.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from opengrade.errors import ReleaseNotFound
from opengrade.model import Problem, ReleaseSnapshot, SourceKind
from opengrade.model.release import ProblemCode
from opengrade.sources.local import LocalDirSource

_COMMIT = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_MAX_GIT_FILE = 1_048_576


def _small_text(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_GIT_FILE:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _git_dir(root: Path) -> Path | None:
    """``.git`` as a directory, or the directory a ``.git`` file (worktree) points to."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    pointer = _small_text(dot_git)
    if pointer and pointer.startswith("gitdir:"):
        target = (root / pointer.removeprefix("gitdir:").strip()).resolve()
        return target if target.is_dir() else None
    return None


def head_commit(root: Path) -> tuple[str | None, str | None]:
    """(commit, branch) of the checkout at ``root``, read from ``.git`` files; None if unknown."""
    git_dir = _git_dir(root)
    head = _small_text(git_dir / "HEAD") if git_dir else None
    if git_dir is None or head is None:
        return None, None
    head = head.strip()
    if _COMMIT.match(head):
        return head, None
    if not head.startswith("ref:"):
        return None, None
    ref = head.removeprefix("ref:").strip()
    branch = ref.removeprefix("refs/heads/")
    if ".." in ref.split("/") or ref.startswith(("/", "\\")) or ":" in ref:
        return None, branch
    loose = _small_text(git_dir / ref)
    if loose and _COMMIT.match(loose.strip()):
        return loose.strip(), branch
    for line in (_small_text(git_dir / "packed-refs") or "").splitlines():
        commit, _, name = line.partition(" ")
        if name.strip() == ref and _COMMIT.match(commit):
            return commit, branch
    return None, branch


def read_code_dir(path: Path, *, url: str | None = None) -> ReleaseSnapshot:
    """The code repository checked out at ``path`` (``url``: where the card links it, if known).

    Raises ReleaseNotFound / ReleaseUnreadable like :class:`LocalDirSource` (``.git`` itself is
    never listed). The snapshot's ``revision`` is the checked-out commit when ``.git`` says it.
    """
    root = Path(path)
    if not root.is_dir():
        raise ReleaseNotFound(f"{root} is not a directory; pass a checkout of the code repository.")
    snapshot = LocalDirSource(root).read()
    commit, branch = head_commit(root)
    problems = list(snapshot.problems)
    if commit is None:
        message = "no readable .git commit: the code is read, but which version is unknown"
        problems.append(Problem(ProblemCode.GIT_COMMIT_UNKNOWN, message))
    return dataclasses.replace(
        snapshot,
        id=url or snapshot.id,
        source=SourceKind.GIT,
        location=str(root),
        revision=commit,
        refs=(branch,) if branch else (),
        problems=tuple(problems),
    )
