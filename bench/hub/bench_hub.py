"""Read and grade every corpus release from the loopback Hub: wall time, requests, concurrency.

    cd /work/main && PYTHONPATH=src .venv/bin/python bench/hub/bench_hub.py [--workers 1 4 8]
        [--assess-workers 1 4]

The fake Hub (tests/hub/fakehub.py) runs in its own process on 127.0.0.1 (``--in-process`` runs
it in this one, where client and server share one interpreter lock). Each round reads every
release with a fresh HubSource and an empty Hub cache (every text file is downloaded); the
last round reads them again with the cache the previous read filled.

Then the grading rounds: ``opengrade.pipeline.assess("org/name")`` for every release (read,
evidence, licenses, MOF, OSAID, EU AI Act, open-washing), ``HF_ENDPOINT`` pointing at the
loopback Hub and an empty Hub cache per round; and the same with the base models followed
(``read_bases`` between the read and the grading, as the pipeline does once it calls it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAKEHUB = ROOT / "tests" / "hub" / "fakehub.py"
sys.path.insert(0, str(ROOT / "src"))

from opengrade import pipeline  # noqa: E402
from opengrade.sources.hub import HubSource, read_bases  # noqa: E402

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".nemo", ".onnx")


def _read_one(endpoint: str, repo_id: str, cache: str) -> tuple[str, float]:
    start = time.perf_counter()
    HubSource(repo_id, endpoint=endpoint, cache_dir=cache).read()
    return repo_id, time.perf_counter() - start


def _assess_one(repo_id: str, with_bases: bool) -> tuple[str, float]:
    start = time.perf_counter()
    if with_bases:
        snapshot = pipeline.read(repo_id)
        bases, _ = read_bases(snapshot)
        pipeline.assess_snapshot(snapshot, bases=bases)
    else:
        pipeline.assess(repo_id)
    return repo_id, time.perf_counter() - start


def _assess_round(
    endpoint: str, repo_ids: list[str], workers: int, cache: str, *, with_bases: bool
) -> str:
    os.environ["HF_ENDPOINT"], os.environ["HF_HUB_CACHE"] = endpoint, cache
    _control(endpoint, "reset")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        timings = dict(pool.map(lambda repo_id: _assess_one(repo_id, with_bases), repo_ids))
    wall = time.perf_counter() - start
    requests = Counter(str(path) for _, path, _ in _control(endpoint, "stats")["requests"])
    counts = [sum(n for path, n in requests.items() if f"/{r}/" in f"{path}/") for r in repo_ids]
    slowest = max(timings, key=lambda repo_id: timings[repo_id])
    values = sorted(timings.values())
    label = f"{workers}, bases followed" if with_bases else f"{workers}"
    return (
        f"| {label} | {wall:.2f} s | {statistics.median(values) * 1000:.0f} ms | "
        f"{values[int(0.9 * (len(values) - 1))] * 1000:.0f} ms | "
        f"{timings[slowest] * 1000:.0f} ms ({slowest}) | {sum(requests.values())} | "
        f"{statistics.median(counts):.0f} | {max(counts)} |"
    )


def _control(endpoint: str, action: str) -> dict[str, list[list[object]]]:
    """The fake Hub's counters (its own control requests left out)."""
    with urllib.request.urlopen(f"{endpoint}/_fakehub/{action}") as response:
        payload: dict[str, list[list[object]]] = json.load(response)
    payload["requests"] = [
        entry for entry in payload["requests"] if not str(entry[1]).startswith("/_fakehub/")
    ]
    return payload


def _round(endpoint: str, repo_ids: list[str], workers: int, cache: str) -> str:
    _control(endpoint, "reset")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        timings = dict(pool.map(lambda repo_id: _read_one(endpoint, repo_id, cache), repo_ids))
    wall = time.perf_counter() - start
    stats = _control(endpoint, "stats")
    requests = Counter(
        repo_id
        for _, path, _ in stats["requests"]
        for repo_id in repo_ids
        if f"/{repo_id}/" in f"{path}/"
    )
    weights = sum(
        int(str(n)) for _, path, n in stats["bytes_served"] if str(path).endswith(WEIGHT_SUFFIXES)
    )
    slowest = max(timings, key=lambda repo_id: timings[repo_id])
    busiest = max(repo_ids, key=lambda repo_id: requests[repo_id])
    counts = [requests[repo_id] for repo_id in repo_ids]
    label = f"{workers}, warm cache" if Path(cache).name == "warm" else f"{workers}"
    return (
        f"| {label} | {wall:.2f} s | {statistics.median(timings.values()) * 1000:.0f} ms | "
        f"{timings[slowest] * 1000:.0f} ms ({slowest}) | {len(stats['requests'])} | "
        f"{statistics.median(counts):.0f} | {requests[busiest]} ({busiest}) | {weights:,} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--assess-workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--in-process", action="store_true")
    arguments = parser.parse_args()
    corpus = Path(os.environ.get("OPENGRADE_CORPUS", ROOT.parent / "shared" / "corpus"))
    os.environ.pop("HF_HUB_OFFLINE", None)
    models = corpus / "models"
    repo_ids = [folder.name.replace("__", "/", 1) for folder in sorted(models.iterdir())]
    server = None
    if arguments.in_process:
        sys.path.insert(0, str(FAKEHUB.parent))
        from fakehub import FakeHub

        hub = FakeHub().__enter__()
        hub.add_corpus(models)
        endpoint = hub.endpoint
    else:
        command = [sys.executable, str(FAKEHUB), str(models)]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=FAKEHUB.parent)
        endpoint = (server.stdout.readline() if server.stdout else "").strip()
    scratch = tempfile.TemporaryDirectory(prefix="opengrade-bench-hub-")
    caches = (str(Path(scratch.name) / f"cache-{number}") for number in range(1000))
    try:
        _read_one(endpoint, repo_ids[0], next(caches))  # imports, connection pool
        print(
            "| workers | wall, 49 releases | median per release | slowest release |"
            " requests | median requests | most requests | weight bytes served |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for workers in arguments.workers:  # a cold Hub cache each round
            print(_round(endpoint, repo_ids, workers, next(caches)))
        warm = Path(scratch.name) / "warm"
        _round(endpoint, repo_ids, 1, str(warm))
        print(_round(endpoint, repo_ids, 1, str(warm)))
        os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"
        _assess_round(endpoint, repo_ids[:1], 1, next(caches), with_bases=True)  # index, catalogue
        print()
        print(
            "| workers | wall, 49 graded | median per release | p90 | slowest release |"
            " requests | median requests | most requests |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for workers in arguments.assess_workers:
            print(_assess_round(endpoint, repo_ids, workers, next(caches), with_bases=False))
        for workers in arguments.assess_workers[:1]:
            print(_assess_round(endpoint, repo_ids, workers, next(caches), with_bases=True))
    finally:
        scratch.cleanup()
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
