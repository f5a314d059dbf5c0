"""Reading the commit of a code checkout from ``.git`` files, never outside the checkout."""

from __future__ import annotations

from pathlib import Path

from opengrade.sources.git import head_commit

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def checkout(root: Path, head: str) -> Path:
    (root / ".git" / "refs" / "heads").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text(head, encoding="utf-8")
    return root


def test_branch_ref_gives_the_commit(tmp_path: Path) -> None:
    root = checkout(tmp_path / "code", "ref: refs/heads/main\n")
    (root / ".git" / "refs" / "heads" / "main").write_text(COMMIT + "\n", encoding="utf-8")
    assert head_commit(root) == (COMMIT, "main")


def test_absolute_ref_outside_the_checkout_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.write_text(COMMIT + "\n", encoding="utf-8")
    root = checkout(tmp_path / "code", f"ref: {outside}\n")
    commit, _ = head_commit(root)
    assert commit is None


def test_parent_ref_outside_the_checkout_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "elsewhere").write_text(COMMIT + "\n", encoding="utf-8")
    root = checkout(tmp_path / "code", "ref: ../elsewhere\n")
    assert head_commit(root)[0] is None
