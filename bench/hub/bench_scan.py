"""End-to-end ``opengrade scan --hub`` over loopback: the loopback Hub (its own process) lists
the 49 corpus releases and the 3,433 real cards; the scan runs as the CLI does.

    python bench/hub/bench_scan.py [--files-limit 1000]

Measures, each from an empty store: the metadata tier over the whole listing, the same scan
again (incremental: only the listing), and the files tier over the first ``--files-limit``
releases. Prints releases/s and requests per release (counted by the loopback Hub).
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
from collections import Counter
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
OPENGRADE = str(Path(sys.executable).parent / "opengrade")


def start_hub() -> tuple[subprocess.Popen[str], str]:
    server = str(ROOT / "tests" / "hub" / "fakehub.py")
    hub = subprocess.Popen(
        [sys.executable, server, str(CORPUS / "models"), str(CORPUS / "cards")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert hub.stdout is not None
    endpoint = hub.stdout.readline().strip()
    url = f"{endpoint}/api/models?limit=1000&expand[]=cardData&expand[]=tags"
    while url:  # the loopback Hub parses each card once: not the scan's cost
        response = httpx2.get(url, timeout=300)
        url = response.links.get("next", {}).get("url")
    return hub, endpoint


def scan(endpoint: str, store: Path, *extra: str) -> tuple[dict[str, object], float]:
    env = dict(os.environ, HF_ENDPOINT=endpoint, HF_HOME=str(store.parent / "hf"))
    started = time.perf_counter()
    done = subprocess.run(
        [OPENGRADE, "scan", "--hub", "--store", str(store), "--format", "json", *extra],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return json.loads(done.stdout), elapsed


def requests(endpoint: str) -> list[str]:
    """The paths requested since the last call (the counters are then reset)."""
    stats = httpx2.get(f"{endpoint}/_fakehub/stats", timeout=60).json()
    httpx2.get(f"{endpoint}/_fakehub/reset", timeout=60)
    return [path for _, path, _ in stats["requests"] if not path.startswith("/_fakehub")]


def per_release(paths: list[str]) -> list[int]:
    counts: Counter[str] = Counter()
    for path in paths:
        parts = [part for part in path.split("/") if part]
        if parts[:2] == ["api", "models"] and len(parts) >= 4:
            counts["/".join(parts[2:4])] += 1
        elif len(parts) >= 3 and parts[2] == "resolve":
            counts["/".join(parts[:2])] += 1
    return list(counts.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files-limit", type=int, default=1000)
    args = parser.parse_args()
    hub, endpoint = start_hub()
    try:
        requests(endpoint)
        with tempfile.TemporaryDirectory() as work:
            store = Path(work) / "inventory.db"
            result, seconds = scan(endpoint, store)
            paths = requests(endpoint)
            listed = int(result["listed"])  # type: ignore[call-overload]
            print(
                f"metadata tier: {listed} releases in {seconds:.1f} s = "
                f"{listed / seconds:,.0f} releases/s (CLI wall time, {os.cpu_count()} CPUs); "
                f"{len(paths)} requests ({Counter(paths).most_common(3)}), "
                f"{len(per_release(paths))} releases with a request of their own"
            )
            result, seconds = scan(endpoint, store)
            paths = requests(endpoint)
            print(
                f"again (incremental): {result['added']} graded, {result['unchanged']} "
                f"skipped in {seconds:.1f} s; {len(paths)} requests"
            )
        with tempfile.TemporaryDirectory() as work:
            store = Path(work) / "inventory.db"
            limit = str(args.files_limit)
            result, seconds = scan(endpoint, store, "--depth", "files", "--limit", limit)
            paths = requests(endpoint)
            counts = per_release(paths)
            added = int(result["added"])  # type: ignore[call-overload]
            print(
                f"files tier: {added} releases ({result['failed']} failed) in {seconds:.1f} s "
                f"= {added / seconds:,.1f} releases/s; requests per release: median "
                f"{statistics.median(counts):g}, mean {statistics.mean(counts):.2f}, "
                f"max {max(counts)}; {len(paths)} requests in all"
            )
    finally:
        hub.terminate()


if __name__ == "__main__":
    main()
