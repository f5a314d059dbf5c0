"""What the loopback Hub serves: repositories, their files (real bytes or lazy zeros), refs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

POINTER_SIZE = 134
CORPUS_METADATA = frozenset({"SOURCE.md", "listing.json"})
_ZERO_CHUNK = bytes(1 << 20)


def corpus_branches(repo_id: str) -> list[str]:
    """Intermediate-checkpoint branches the real repository has besides ``main``.

    Facts from the corpus notes (QUIRKS.md), as names: Pythia keeps 154 checkpoints as
    ``stepN`` (0, the powers of two up to 512, then every 1000 up to 143000); Amber keeps 360 as
    ``ckpt_000``..``ckpt_359``; K2 has stage branches, of which the notes name one.
    """
    if repo_id.startswith("EleutherAI/pythia-"):
        steps = [0, *(2**power for power in range(10)), *range(1000, 143_001, 1000)]
        return [f"step{step}" for step in steps]
    if repo_id == "LLM360/Amber":
        return [f"ckpt_{number:03d}" for number in range(360)]
    if repo_id == "LLM360/K2":
        return ["ministage2_ckpt_380"]
    return []


@dataclass
class FakeFile:
    """One file: ``data`` (bytes), ``source`` (a file on disk) or neither (zeros of ``size``)."""

    path: str
    size: int
    lfs: bool = False
    sha256: str = ""
    data: bytes | None = None
    source: Path | None = None
    unservable: bool = False  # listed, but its download answers 404 EntryNotFound
    size_unlisted: bool = False  # the repository info gives no size (nor LFS details) for it

    @property
    def etag(self) -> str:
        """The Hub's ETag: the LFS SHA-256, else the git blob id (of the zeros, when synthetic)."""
        if self.lfs:
            return self.sha256
        if self.size > 10_000_000:
            return hashlib.sha1(f"stand-in:{self.path}:{self.size}".encode()).hexdigest()
        return hashlib.sha1(b"blob %d\0" % self.size + self.read(0, self.size)).hexdigest()

    def read(self, start: int, length: int) -> bytes:
        """Bytes ``[start, start+length)`` of the content."""
        if self.data is not None:
            return self.data[start : start + length]
        if self.source is not None:
            with self.source.open("rb") as handle:
                handle.seek(start)
                return handle.read(length)
        length = max(0, min(length, self.size - start))
        whole, rest = divmod(length, len(_ZERO_CHUNK))
        return _ZERO_CHUNK * whole + _ZERO_CHUNK[:rest]


def real_file(path: str, *, data: bytes | None = None, source: Path | None = None) -> FakeFile:
    """A file with real content (bytes or a file on disk), its real size and SHA-256."""
    content = data if data is not None else (source.read_bytes() if source else b"")
    size = len(content)
    lfs = size > 10_000_000 or path.endswith((".safetensors", ".bin", ".gguf"))
    sha = hashlib.sha256(content).hexdigest()
    return FakeFile(path, size, lfs=lfs, sha256=sha, data=data, source=source)


@dataclass
class FakeRepo:
    """A model or dataset repository: files by path, one commit per branch, tags."""

    repo_id: str
    repo_type: str = "model"
    files: dict[str, FakeFile] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    gated: bool = False

    def __post_init__(self) -> None:
        if "main" not in self.branches:
            self.branches["main"] = _commit(self.repo_id, "main")

    def add(self, item: FakeFile) -> None:
        self.files[item.path] = item

    def add_branch(self, name: str) -> str:
        self.branches[name] = _commit(self.repo_id, name)
        return self.branches[name]

    def add_tag(self, name: str) -> str:
        self.tags[name] = _commit(self.repo_id, f"tag:{name}")
        return self.tags[name]

    def commit_for(self, revision: str) -> str | None:
        """The commit a branch, tag or commit id names (all commits share the same files)."""
        if revision in self.branches:
            return self.branches[revision]
        if revision in self.tags:
            return self.tags[revision]
        known = set(self.branches.values()) | set(self.tags.values())
        return revision if revision in known else None

    def card_data(self) -> dict[str, Any] | None:
        """The README's YAML front matter, as the Hub parses it (None when absent or broken)."""
        card = self.files.get("README.md")
        if card is None or (card.data is None and card.source is None):
            return None
        text = card.read(0, card.size).decode("utf-8", errors="replace")
        if not text.startswith("---"):
            return None
        end = text.find("\n---", 3)
        try:
            loaded = yaml.safe_load(text[3:end]) if end > 0 else None
        except yaml.YAMLError:
            return None
        return loaded if isinstance(loaded, dict) else None

    def info_payload(self, commit: str, *, blobs: bool) -> dict[str, Any]:
        siblings = []
        for item in sorted(self.files.values(), key=lambda entry: entry.path):
            sibling: dict[str, Any] = {"rfilename": item.path}
            if blobs and not item.size_unlisted:
                sibling["blobId"] = item.etag
                sibling["size"] = item.size
                if item.lfs:
                    sibling["lfs"] = {
                        "sha256": item.sha256,
                        "size": item.size,
                        "pointerSize": POINTER_SIZE,
                    }
            siblings.append(sibling)
        return {
            "_id": hashlib.md5(self.repo_id.encode()).hexdigest()[:24],
            "id": self.repo_id,
            "author": self.repo_id.split("/")[0],
            "sha": commit,
            "lastModified": "2024-01-01T00:00:00.000Z",
            "createdAt": "2023-01-01T00:00:00.000Z",
            "private": False,
            "disabled": False,
            "gated": "manual" if self.gated else False,
            "downloads": 0,
            "likes": 0,
            "tags": [],
            "cardData": self.card_data(),
            "siblings": siblings,
        }

    def refs_payload(self) -> dict[str, Any]:
        def entries(prefix: str, refs: dict[str, str]) -> list[dict[str, str]]:
            return [
                {"name": name, "ref": f"refs/{prefix}/{name}", "targetCommit": commit}
                for name, commit in sorted(refs.items())
            ]

        return {
            "branches": entries("heads", self.branches),
            "tags": entries("tags", self.tags),
            "converts": [],
        }

    def tree_payload(self, under: str, *, recursive: bool) -> list[dict[str, Any]]:
        prefix = f"{under.strip('/')}/" if under.strip("/") else ""
        entries: dict[str, dict[str, Any]] = {}
        for item in self.files.values():
            if not item.path.startswith(prefix):
                continue
            rest = item.path[len(prefix) :]
            if "/" in rest and not recursive:
                directory = prefix + rest.split("/")[0]
                entries[directory] = {"type": "directory", "oid": "0" * 40, "size": 0}
                entries[directory]["path"] = directory
                continue
            entry: dict[str, Any] = {
                "type": "file",
                "oid": item.etag,
                "size": item.size,
                "path": item.path,
            }
            if item.lfs:
                entry["lfs"] = {"oid": item.sha256, "size": item.size, "pointerSize": POINTER_SIZE}
            entries[item.path] = entry
        return [entries[key] for key in sorted(entries)]


def _commit(repo_id: str, name: str) -> str:
    return hashlib.sha1(f"{repo_id}@{name}".encode()).hexdigest()


def load_corpus_release(folder: Path, stand_in: Callable[[str, str, int], str]) -> FakeRepo:
    """A corpus folder ``org__name`` as the repository ``org/name`` (see the fakehub docstring)."""
    org, _, name = folder.name.partition("__")
    repo = FakeRepo(f"{org}/{name}")
    for branch in corpus_branches(repo.repo_id):
        repo.add_branch(branch)
    listing_path = folder / "listing.json"
    listed: dict[str, dict[str, Any]] = {}
    if listing_path.is_file():
        siblings = json.loads(listing_path.read_text(encoding="utf-8")).get("siblings", [])
        listed = {entry["rfilename"]: entry for entry in siblings}
    for path, entry in listed.items():
        size = int(entry.get("lfs", {}).get("size") or entry.get("size") or 0)
        lfs = "lfs" in entry
        sha = stand_in(repo.repo_id, path, size)
        repo.add(FakeFile(path, size, lfs=lfs, sha256=sha))
    for local in sorted(folder.iterdir()):
        if local.name in CORPUS_METADATA or not local.is_file():
            continue
        path = local.name
        if path not in listed and "__" in path and path.replace("__", "/", 1) in listed:
            path = path.replace("__", "/", 1)
        repo.add(real_file(path, source=local))
    return repo
