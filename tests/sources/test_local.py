"""LocalDirSource on the real MiniLM release, the corpus, written fixtures and broken input."""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import opengrade
from opengrade.errors import ReleaseNotFound, ReleaseUnreadable
from opengrade.model import FileKind, ReleaseSnapshot, SourceKind
from opengrade.sources.local import LocalDirSource, hub_id_from_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "releases"
TOY = FIXTURES / "toy-release"


def minimal_release(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.json").write_text('{"model_type": "toy"}', encoding="utf-8")
    return root


def codes(snapshot: ReleaseSnapshot) -> dict[str | None, str]:
    return {problem.path: problem.code for problem in snapshot.problems}


# --- the real MiniLM release -------------------------------------------------------------------


def test_minilm_weights_header_matches_an_independent_parse(minilm_release: Path) -> None:
    weights = minilm_release / "model.safetensors"
    with weights.open("rb") as stream:
        (length,) = struct.unpack("<Q", stream.read(8))
        header = json.loads(stream.read(length))
    header.pop("__metadata__", None)
    expected = sum(math.prod(tensor["shape"]) for tensor in header.values())

    snapshot = LocalDirSource(minilm_release).read()

    (read,) = snapshot.headers
    assert read.path == "model.safetensors"
    assert read.format == "safetensors"
    assert read.parameters == expected
    assert 22_000_000 < expected < 23_000_000
    assert read.dtypes[0] == "F32"
    assert read.tensor_count == len(header)
    release_file = snapshot.file("model.safetensors")
    assert release_file is not None
    assert release_file.kind is FileKind.WEIGHTS
    assert release_file.size == weights.stat().st_size
    assert snapshot.problems == ()


def test_minilm_files_texts_and_subfolders(minilm_release: Path) -> None:
    snapshot = LocalDirSource(minilm_release).read()
    paths = [item.path for item in snapshot.files]
    assert paths == sorted(paths)
    on_disk = sorted(
        path.relative_to(minilm_release).as_posix()
        for path in minilm_release.rglob("*")
        if path.is_file()
    )
    assert paths == on_disk
    assert snapshot.source is SourceKind.LOCAL
    assert snapshot.text("README.md") is not None
    assert snapshot.text("1_Pooling/config.json") is not None
    assert snapshot.text("model.safetensors") is None
    assert snapshot.text("tokenizer.json") is None  # tokenizers are listed, not read


# --- the corpus --------------------------------------------------------------------------------


def test_every_corpus_folder_reads_without_exception(corpus: Path) -> None:
    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    assert len(folders) >= 40
    for folder in folders:
        snapshot = LocalDirSource(folder).read()
        organisation, _, name = folder.name.partition("__")
        assert snapshot.id == f"{organisation}/{name}"
        listing = json.loads((folder / "listing.json").read_text(encoding="utf-8"))
        upstream = {entry["rfilename"] for entry in listing["siblings"]}
        known = {item.path for item in snapshot.files}
        flattened = {path.replace("/", "__") for path in known}
        for path in upstream:
            assert path in known or path.replace("/", "__") in flattened, (folder.name, path)
        assert len(known) == len(snapshot.files), folder.name  # no path twice


def test_corpus_flattened_subfolder_is_not_counted_twice(corpus: Path) -> None:
    folder = corpus / "models" / "runwayml__stable-diffusion-v1-5"
    if not folder.is_dir():
        pytest.skip("the corpus no longer holds the SD v1-5 folder")
    snapshot = LocalDirSource(folder).read()
    present = snapshot.file("unet__config.json")
    assert present is not None
    assert present.present
    assert snapshot.file("unet/config.json") is None
    absent = snapshot.file("unet/diffusion_pytorch_model.safetensors")
    assert absent is not None
    assert not absent.present
    assert absent.size is not None
    assert absent.size > 1_000_000


# --- written fixtures --------------------------------------------------------------------------


def test_toy_release_listing_lfs_and_kinds() -> None:
    snapshot = LocalDirSource(TOY).read()
    assert snapshot.id == "toy-release"
    pointer = snapshot.file("model-00001-of-00002.safetensors")
    assert pointer is not None
    assert (pointer.lfs_pointer, pointer.present, pointer.size) == (True, True, 2048)
    assert pointer.sha256 is not None
    assert pointer.sha256.startswith("4d7a2146")
    absent = snapshot.file("model-00002-of-00002.safetensors")
    assert absent is not None
    assert (absent.present, absent.size) == (False, 2048)
    assert absent.sha256 is not None
    assert absent.sha256.startswith("9c1185a5")
    assert snapshot.file("1_Pooling/config.json") is None  # stands as 1_Pooling__config.json
    assert snapshot.file("paper/toy-report.pdf") is not None
    assert snapshot.file("../escape.txt") is None
    assert codes(snapshot)["listing.json"] == "listing-invalid"
    assert snapshot.headers == ()  # a pointer has no header to read
    workflow = snapshot.file(".github/workflows/check.yml")
    assert workflow is not None
    assert workflow.kind is FileKind.OTHER
    assert {text.path for text in snapshot.texts} >= {
        "README.md",
        "LICENSE-MODEL",
        "LICENSE-CODE",
        "NOTICE",
        "config.json",
        "listing.json",
        "modeling_toy.py",
    }


def test_git_directory_is_skipped(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "release")
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    snapshot = LocalDirSource(root).read()
    assert [item.path for item in snapshot.files] == ["config.json"]


def test_hub_id_from_directory_name() -> None:
    assert hub_id_from_name("org__model-1") == "org/model-1"
    assert hub_id_from_name("plain-name") == "plain-name"
    assert hub_id_from_name("__odd") == "__odd"


def test_listing_of_another_shape_is_data(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "listing.json").write_text('{"items": []}', encoding="utf-8")
    snapshot = LocalDirSource(root).read()
    listing = snapshot.file("listing.json")
    assert listing is not None
    assert listing.kind is FileKind.DATA


# --- bad input ---------------------------------------------------------------------------------


def test_nonexistent_path_is_release_not_found(tmp_path: Path) -> None:
    with pytest.raises(ReleaseNotFound, match="does not exist"):
        LocalDirSource(tmp_path / "missing").read()


def test_empty_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ReleaseUnreadable, match="empty directory"):
        LocalDirSource(tmp_path).read()


def test_a_file_is_not_a_release(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("# not a directory\n", encoding="utf-8")
    with pytest.raises(ReleaseUnreadable, match="not a directory"):
        LocalDirSource(target).read()


def test_binary_readme_is_a_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "README.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"README.md": "binary-file"}
    assert snapshot.text("README.md") is None
    assert snapshot.text("config.json") is not None
    assert "binary" in snapshot.problems[0].message


def test_200_mb_readme_is_read_up_to_the_bound_only(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    readme = root / "README.md"
    bound = 1_048_576
    with readme.open("wb") as stream:
        stream.write(b"# Huge card\n" + b"A line of card text.\n" * 60_000)  # about 1.2 MB
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB that cost nothing on disk
    tracemalloc.start()
    try:
        snapshot = LocalDirSource(root, max_text_bytes=bound).read()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    release_file = snapshot.file("README.md")
    assert release_file is not None
    assert release_file.size == 200 * 1024 * 1024
    text = snapshot.text("README.md")
    assert text is not None
    assert text.truncated
    assert len(text.text) == bound
    assert text.text.startswith("# Huge card\n")
    assert codes(snapshot) == {"README.md": "too-large"}
    assert "1,048,576-byte" in snapshot.problems[0].message
    assert peak < 8 * bound  # O(bound) memory, far below the file's 200 MB


def test_nul_bytes_past_the_sample_make_a_text_binary(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "README.md").write_bytes(b"# Card\n" * 5000 + b"\x00\x00tail")
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"README.md": "binary-file"}


def test_too_large_text_is_truncated_to_the_bound(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    line = "Ünïcödé card text, repeated to make a large file.\n"
    (root / "README.md").write_text(line * 50_000, encoding="utf-8")
    snapshot = LocalDirSource(root, max_text_bytes=10_001).read()
    text = snapshot.text("README.md")
    assert text is not None
    assert text.truncated
    assert len(text.text.encode("utf-8")) <= 10_001
    assert text.text.startswith(line)
    assert "\ufffd" not in text.text
    assert codes(snapshot) == {"README.md": "too-large"}


def test_encodings_bom_utf16_and_latin1(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "README.md").write_bytes("\ufeff# Café card\n".encode())
    (root / "LICENSE").write_bytes("Licence — Société\n".encode("utf-16"))
    (root / "NOTICE").write_bytes("Copyright Société Générale\n".encode("latin-1"))
    snapshot = LocalDirSource(root).read()
    card, license_text, notice = (snapshot.text(p) for p in ("README.md", "LICENSE", "NOTICE"))
    assert card is not None
    assert license_text is not None
    assert notice is not None
    assert (card.text, card.encoding) == ("# Café card\n", "utf-8")
    assert license_text.text == "Licence — Société\n"
    assert license_text.encoding.startswith("utf-16")
    assert (notice.text, notice.encoding) == ("Copyright Société Générale\n", "latin-1")
    assert codes(snapshot) == {"NOTICE": "encoding-guessed"}


def _safetensors_with_length(root: Path, length: int, body: bytes) -> None:
    (root / "model.safetensors").write_bytes(struct.pack("<Q", length) + body)


def test_truncated_safetensors_header_is_a_problem(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    _safetensors_with_length(root, 500, b'{"a": {"dtype": "F32", "shape": [2], "data_o')
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"model.safetensors": "header-truncated"}
    assert snapshot.headers == ()
    assert "500" in snapshot.problems[0].message


def test_safetensors_claiming_a_huge_header_is_a_problem(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    _safetensors_with_length(root, 2**50, b"{}")
    snapshot = LocalDirSource(root, max_header_bytes=1024 * 1024).read()
    assert codes(snapshot) == {"model.safetensors": "header-too-large"}


def test_symlink_outside_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the release\n", encoding="utf-8")
    root = minimal_release(tmp_path / "r")
    (root / "LICENSE").symlink_to(secret)
    (root / "escape").symlink_to(tmp_path)
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"LICENSE": "symlink-outside", "escape": "symlink-outside"}
    assert snapshot.file("LICENSE") is None
    assert snapshot.text("LICENSE") is None
    assert all("outside the release" not in text.text for text in snapshot.texts)


def test_symlink_inside_is_read(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "docs").mkdir()
    (root / "docs" / "LICENSE.txt").write_text("Toy licence text\n", encoding="utf-8")
    (root / "LICENSE").symlink_to(Path("docs") / "LICENSE.txt")
    (root / "loop").symlink_to(root)
    snapshot = LocalDirSource(root).read()
    text = snapshot.text("LICENSE")
    assert text is not None
    assert text.text == "Toy licence text\n"
    assert snapshot.problems == ()


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "README.md").symlink_to(root / "gone.md")
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"README.md": "unreadable"}


READ_IN_CHILD = """
import json, sys
from pathlib import Path
from opengrade.errors import SourceError
from opengrade.sources.local import LocalDirSource
try:
    snapshot = LocalDirSource(Path(sys.argv[1])).read()
except SourceError as error:
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
    sys.exit(0)
print(json.dumps({
    "problems": {p.path: p.code for p in snapshot.problems},
    "texts": [t.path for t in snapshot.texts],
    "files": [f.path for f in snapshot.files],
}))
"""


def _read_without_root_privileges(root: Path) -> dict[str, object]:
    """Read ``root`` in a child that cannot bypass file permissions, even when we are root.

    As root, ``chmod 000`` does not stop a read (CAP_DAC_OVERRIDE), so the child drops that
    capability with setpriv; elsewhere it runs as the current user.
    """
    command = [sys.executable, "-c", READ_IN_CHILD, str(root)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: chmod 000 cannot make a file unreadable")
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    source_root = Path(opengrade.__file__).resolve().parent.parent
    environment = {**os.environ, "PYTHONPATH": str(source_root)}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0 and "setpriv" in done.stderr:
        pytest.skip(f"cannot drop root's read override here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_unreadable_file_is_a_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    locked = root / "LICENSE"
    locked.write_text("Toy licence\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = _read_without_root_privileges(root)
    finally:
        locked.chmod(0o644)
    assert result["problems"] == {"LICENSE": "unreadable"}
    assert result["texts"] == ["config.json"]
    assert result["files"] == ["LICENSE", "config.json"]


def test_unlistable_subfolder_is_a_problem(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "private").mkdir()
    (root / "private" / "notes.md").write_text("hidden\n", encoding="utf-8")
    (root / "private").chmod(0)
    try:
        result = _read_without_root_privileges(root)
    finally:
        (root / "private").chmod(0o755)
    assert result["problems"] == {"private": "unreadable"}
    assert result["files"] == ["config.json"]


def test_unlistable_directory_is_unreadable(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    root.chmod(0)
    try:
        result = _read_without_root_privileges(root)
    finally:
        root.chmod(0o755)
    assert result["error"] == "ReleaseUnreadable"
    assert "Check its permissions" in str(result["message"])


def test_symlink_loop_and_fifo_do_not_hang(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "a.md").symlink_to(root / "b.md")
    (root / "b.md").symlink_to(root / "a.md")
    os.mkfifo(root / "README.md")
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"a.md": "unreadable", "b.md": "unreadable"}
    assert [item.path for item in snapshot.files] == ["config.json"]


def test_hub_cache_snapshot_symlinks_into_blobs_are_followed(tmp_path: Path) -> None:
    repository = tmp_path / "models--toy--model"
    blob = repository / "blobs" / "0123abcd"
    blob.parent.mkdir(parents=True)
    blob.write_text('{"model_type": "toy"}', encoding="utf-8")
    snapshot_dir = repository / "snapshots" / "rev1"
    snapshot_dir.mkdir(parents=True)
    (snapshot_dir / "config.json").symlink_to(Path("..") / ".." / "blobs" / "0123abcd")
    snapshot = LocalDirSource(snapshot_dir).read()
    text = snapshot.text("config.json")
    assert text is not None
    assert "toy" in text.text
    assert snapshot.problems == ()


def test_deeply_nested_listing_is_a_problem(tmp_path: Path) -> None:
    root = minimal_release(tmp_path / "r")
    (root / "listing.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    snapshot = LocalDirSource(root).read()
    assert codes(snapshot) == {"listing.json": "json-invalid"}
    assert "nested too deeply" in snapshot.problems[0].message


def test_directory_with_only_a_fifo_has_no_readable_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "README.md")
    with pytest.raises(ReleaseUnreadable, match="no readable files") as caught:
        LocalDirSource(tmp_path).read()
    assert "empty directory" not in str(caught.value)
