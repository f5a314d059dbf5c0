"""``--code DIR``: a code checkout read as a GIT snapshot, its commit read from .git files."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.errors import ReleaseNotFound
from opengrade.model import SourceKind
from opengrade.sources.git import head_commit, read_code_dir

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _checkout(root: Path, *, packed: bool = False) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "LICENSE").write_text("Permission is granted to anyone, in these test words.\n")
    (root / "README.md").write_text("# Training code\n")
    (root / "src" / "train.py").write_text("print('never run by opengrade')\n")
    git = root / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    if packed:
        (git / "packed-refs").write_text(f"# pack-refs\n{COMMIT} refs/heads/main\n")
    else:
        (git / "refs" / "heads" / "main").write_text(COMMIT + "\n")
    return root


@pytest.mark.parametrize("packed", [False, True])
def test_read_code_dir_records_the_commit(tmp_path: Path, packed: bool) -> None:
    root = _checkout(tmp_path / "repo", packed=packed)
    snapshot = read_code_dir(root, url="https://github.com/test-org/code")
    assert snapshot.source is SourceKind.GIT
    assert snapshot.id == "https://github.com/test-org/code"
    assert (snapshot.revision, snapshot.refs) == (COMMIT, ("main",))
    assert snapshot.text("LICENSE") is not None
    assert not any(item.path.startswith(".git/") for item in snapshot.files)
    assert snapshot.file("src/train.py") is not None


def test_detached_head_and_unknown_commit(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    (root / ".git" / "HEAD").write_text(COMMIT + "\n")
    assert head_commit(root) == (COMMIT, None)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/gone\n")
    snapshot = read_code_dir(root)
    assert snapshot.revision is None
    assert "git-commit-unknown" in {problem.code for problem in snapshot.problems}


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ReleaseNotFound, match="checkout"):
        read_code_dir(tmp_path / "absent")
