"""release_hashes hashes files on disk; LFS pointers and listed files keep their digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

from opengrade.bom import HashCache, release_hashes
from opengrade.bom.context import hashable_files
from opengrade.model.release import FileKind, ReleaseFile, ReleaseSnapshot, SourceKind


def test_release_hashes_by_kind_and_presence(tmp_path: Path, hash_cache: HashCache) -> None:
    root = tmp_path / "release"
    root.mkdir()
    (root / "model.safetensors").write_bytes(b"weights" * 1000)
    (root / "config.json").write_text('{"model_type": "demo"}', encoding="utf-8")
    (root / "pointer.bin").write_text(
        "version https://git-lfs.github.com/spec/v1\n", encoding="utf-8"
    )
    (root / "README.md").write_text("card", encoding="utf-8")
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"not part of the release")
    (root / "escape.bin").symlink_to(outside)
    snapshot = ReleaseSnapshot(
        id="acme/demo",
        source=SourceKind.LOCAL,
        location=str(root),
        files=(
            ReleaseFile("model.safetensors", 7000, FileKind.WEIGHTS),
            ReleaseFile("config.json", 22, FileKind.CONFIG),
            ReleaseFile("pointer.bin", 44, FileKind.WEIGHTS, sha256="11" * 32, lfs_pointer=True),
            ReleaseFile(
                "remote.safetensors", 10**9, FileKind.WEIGHTS, sha256="22" * 32, present=False
            ),
            ReleaseFile("unknown.safetensors", 10**9, FileKind.WEIGHTS, present=False),
            ReleaseFile("escape.bin", 23, FileKind.WEIGHTS),
            ReleaseFile("README.md", 4, FileKind.CARD),
        ),
    )
    assert set(hashable_files(snapshot)) == {"model.safetensors", "config.json"}
    digests = release_hashes(snapshot, cache=hash_cache)
    assert digests == {
        "model.safetensors": hashlib.sha256(b"weights" * 1000).hexdigest(),
        "config.json": hashlib.sha256(b'{"model_type": "demo"}').hexdigest(),
        "pointer.bin": "11" * 32,
        "remote.safetensors": "22" * 32,
    }


def test_non_local_snapshots_read_no_disk(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"x")
    snapshot = ReleaseSnapshot(
        id="acme/demo",
        source=SourceKind.HUB,
        location=str(tmp_path),
        files=(ReleaseFile("model.safetensors", 1, FileKind.WEIGHTS, sha256="33" * 32),),
    )
    assert hashable_files(snapshot) == {}
    assert release_hashes(snapshot) == {"model.safetensors": "33" * 32}
