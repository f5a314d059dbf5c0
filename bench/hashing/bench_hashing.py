"""Hashing throughput vs sha256sum, parallel speed-up, and the cost of a cached second run.

Run from the repository root:
    PYTHONPATH=src .venv/bin/python bench/hashing/bench_hashing.py [--size-mib 2048] [--dir /tmp]

Creates two random files of --size-mib in a temporary directory under --dir (deleted at the end),
warms the page cache, then reports the best of --repeat runs for each measurement. Targets:
opengrade >= 90% of sha256sum's throughput on one file; two files with two workers >= 1.7x the
one-file throughput; a second run over cached hashes <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from opengrade.bom.hashing import HashCache, hash_files, sha256_file

MIB = 1024 * 1024


def _make_file(path: Path, size_mib: int) -> None:
    block = os.urandom(64 * MIB)
    with path.open("wb") as stream:
        for _ in range(size_mib // 64):
            stream.write(block)
            block = block[1:] + block[:1]
        stream.write(os.urandom((size_mib % 64) * MIB))


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def _sha256sum(paths: list[Path]) -> None:
    subprocess.run(["sha256sum", *map(str, paths)], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=2048)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="opengrade-bench-hash-", dir=arguments.dir))
    try:
        files = [workdir / "a.bin", workdir / "b.bin"]
        for path in files:
            _make_file(path, arguments.size_mib)
        _sha256sum(files)  # warm the page cache
        size = arguments.size_mib * MIB
        gib = size / 1024**3

        reference = _best(lambda: _sha256sum(files[:1]), arguments.repeat)
        single = _best(lambda: sha256_file(files[0]), arguments.repeat)
        pair = _best(lambda: hash_files(files, workers=2), arguments.repeat)
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        hash_files(files, workers=2)
        cores_used = (time.process_time() - start_cpu) / (time.perf_counter() - start_wall)
        assert (
            hash_files(files[:1])[files[0].absolute()]
            == subprocess.run(
                ["sha256sum", str(files[0])], check=True, capture_output=True, text=True
            ).stdout.split()[0]
        )

        database = workdir / "cache.sqlite3"
        with HashCache(database) as cache:
            hash_files(files, cache=cache)

        def cached_run() -> None:
            with HashCache(database) as cache:
                hash_files(files, cache=cache)

        cached = _best(cached_run, 5)

        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"file size: {arguments.size_mib} MiB, cores: {os.cpu_count()}, load average: {load}")
        print(f"sha256sum, one file:          {reference:6.2f} s  {gib / reference:5.2f} GiB/s")
        print(f"opengrade, one file:          {single:6.2f} s  {gib / single:5.2f} GiB/s")
        print(f"  ratio to sha256sum:         {reference / single:6.1%}  (target >= 90%)")
        print(f"opengrade, two files, 2 workers: {pair:6.2f} s  {2 * gib / pair:5.2f} GiB/s")
        print(f"  speed-up over one file:     {2 * single / pair:6.2f}x (target >= 1.7x)")
        print(f"  cores the process got (CPU time / wall time): {cores_used:4.2f}")
        print(f"second run, cached (open + lookup): {cached * 1000:6.1f} ms (target <= 50 ms)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
