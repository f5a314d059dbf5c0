"""Streaming SHA-256 with a cache: digests match sha256sum, a second run reads nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from opengrade.bom import BomInput, HashCache, HashProgress, hash_files
from opengrade.bom.hashing import CHUNK_SIZE, default_cache_dir, sha256_file


def _write(path: Path, size: int, seed: int) -> Path:
    block = hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1)
    path.write_bytes(block[:size])
    return path


def test_digest_equals_hashlib_for_sizes_around_the_chunk(tmp_path: Path) -> None:
    for size in (0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 7):
        path = _write(tmp_path / f"file-{size}", size, size)
        assert sha256_file(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_minilm_safetensors_hash_equals_sha256sum(
    minilm_input: BomInput, minilm_release: Path
) -> None:
    weights = minilm_release / "model.safetensors"
    output = subprocess.run(["sha256sum", str(weights)], capture_output=True, text=True, check=True)
    assert minilm_input.file_hashes["model.safetensors"] == output.stdout.split()[0]


def test_parallel_workers_give_the_same_digests(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path / f"w{index}.bin", CHUNK_SIZE * 2 + index, index) for index in range(5)
    ]
    one = hash_files(paths, workers=1)
    many = hash_files(paths, workers=4)
    assert one == many
    assert set(one) == {path.absolute() for path in paths}
    assert one[paths[3].absolute()] == hashlib.sha256(paths[3].read_bytes()).hexdigest()


def test_second_run_comes_from_the_cache(tmp_path: Path, hash_cache: HashCache) -> None:
    paths = [_write(tmp_path / f"w{index}.bin", CHUNK_SIZE + index, index) for index in range(3)]
    events: list[HashProgress] = []
    first = hash_files(paths, cache=hash_cache, observer=events.append)
    assert not any(event.cached for event in events)
    assert sum(event.finished for event in events) == 3
    events.clear()
    second = hash_files(paths, cache=hash_cache, observer=events.append)
    assert second == first
    assert len(events) == 3 and all(event.cached and event.finished for event in events)


def test_a_changed_file_is_hashed_again(tmp_path: Path, hash_cache: HashCache) -> None:
    path = _write(tmp_path / "w.bin", 4096, 1)
    before = hash_files([path], cache=hash_cache)[path.absolute()]
    _write(path, 4096, 2)
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    after = hash_files([path], cache=hash_cache)[path.absolute()]
    assert after != before
    assert after == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cache_survives_reopening(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.bin", 1000, 3)
    database = tmp_path / "c" / "h.sqlite3"
    with HashCache(database) as cache:
        hash_files([path], cache=cache)
    with HashCache(database) as cache:
        status = path.stat()
        cached = cache.lookup(path.absolute(), status.st_size, status.st_mtime_ns)
    assert cached == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cache_directory_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENGRADE_CACHE_DIR", str(tmp_path / "own"))
    assert default_cache_dir() == tmp_path / "own"
    monkeypatch.delenv("OPENGRADE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "opengrade"
    with HashCache() as cache:
        assert cache.path.parent == tmp_path / "xdg" / "opengrade"
        assert cache.path.is_file()


def test_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        hash_files([tmp_path / "absent.bin"])


def test_hashing_progress_reaches_an_assessment_observer(tmp_path: Path) -> None:
    from opengrade.bom.hashing import hashing_events, sha256_file
    from opengrade.model.progress import ProgressEvent, Stage

    events: list[ProgressEvent] = []

    class Recorder:
        def notify(self, event: ProgressEvent) -> None:
            events.append(event)

    weights = tmp_path / "model.bin"
    weights.write_bytes(b"\0" * 3000)
    sha256_file(weights, observer=hashing_events(Recorder(), "org/model"))
    assert events and {event.stage for event in events} == {Stage.HASHING}
    assert (events[-1].path, events[-1].done, events[-1].total) == (str(weights), 3000, 3000)
    assert events[-1].release == "org/model"
