"""``opengrade serve`` with 100,000 releases in the store (targets: the table page and the
release page each <= 150 ms median server time, the portfolio <= 300 ms). The releases are
synthetic but made from real reports: the corpus's JSON reports (every corpus folder and MOT
YAML, graded once), each copied under new release ids across 100 organisations; 2,000 of them
get a second grade from another real report, so history, diffs and changes have content.

    .venv/bin/python bench/web/bench_dashboard.py [--keep PATH] [--repeat 15]

``--keep PATH`` keeps (or reuses) the SQLite file, so the load runs once. Times are measured
in-process through Starlette's test client (the ASGI app: routing, store queries, templates,
middleware; no network), median of ``--repeat`` requests after one warm-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from bench_scan import targets
from starlette.testclient import TestClient

from opengrade.formats.report_json import JsonFormat
from opengrade.pipeline import assess
from opengrade.store import Store, open_store
from opengrade.store.dashboard_queries import ensure_dashboard_indexes
from opengrade.web.app import create_app
from opengrade.web.context import Dashboard

RELEASES = 100_000
SECOND_GRADES = 2_000
ORGANISATIONS = 100
BATCH = 2_000


def release_id(number: int) -> str:
    return f"org{number % ORGANISATIONS:03d}/model-{number:06d}"


def load(store: Store) -> float:
    bases = []
    for target in targets():
        try:
            bases.append(json.loads(JsonFormat().render(assess(target))))
        except Exception as error:  # a corpus target that cannot be graded is left out
            print(f"skipped {target}: {error}", file=sys.stderr)
    print(f"{len(bases)} real reports", file=sys.stderr)
    started = time.perf_counter()
    epoch = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list[tuple[str, str | None]] = []
    plan = [(number, 0) for number in range(RELEASES)]
    plan += [(number * (RELEASES // SECOND_GRADES), 1) for number in range(SECOND_GRADES)]
    for number, revision in plan:
        data = bases[(number + revision * 7) % len(bases)]
        data["release"]["id"] = release_id(number)
        data["release"]["location"] = f"/synthetic/{number:06d}"
        data["generated_at"] = (epoch + timedelta(days=number % 90 + revision * 100)).isoformat()
        batch.append((json.dumps(data), f"sha256:{number:06d}-{revision}"))
        if len(batch) == BATCH:
            store.add_reports(batch)
            batch.clear()
    if batch:
        store.add_reports(batch)
    return time.perf_counter() - started


def timed(client: TestClient, address: str, repeat: int) -> float:
    answer = client.get(address)
    assert answer.status_code == 200, (address, answer.status_code, answer.text[:300])
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(address)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp()) / "inventory.db"
    fresh = not path.exists()
    store = open_store(str(path))
    if fresh:
        print(f"loaded {RELEASES:,} releases in {load(store):.0f} s", file=sys.stderr)
    ensure_dashboard_indexes(store)
    client = TestClient(create_app(Dashboard(store)))
    sample = release_id(RELEASES // 2)
    changed = release_id(RELEASES // SECOND_GRADES * 5)
    pages = [
        ("portfolio /", "/", 300),
        ("table /releases (page 1)", "/releases", 150),
        ("table, page 1,000 of 2,000", "/releases?page=1000", 150),
        ("table, license=llama3.1", "/releases?license=llama3.1", 150),
        ("table, category=non-commercial", "/releases?category=non-commercial", 150),
        ("table, org + verdict", "/releases?org=org042&verdict=not-conformant", 150),
        ("table, sorted by last graded, desc", "/releases?sort=-graded", 150),
        ("table, finding code", "/releases?finding=open-weights-only", 150),
        ("release page", f"/releases/{sample}", 150),
        ("release page with history", f"/releases/{changed}", 150),
        ("API /api/releases", "/api/releases", 150),
    ]
    print(f"{store.count():,} releases; median of {args.repeat} requests")
    for label, address, target in pages:
        median = timed(client, address, args.repeat)
        verdict = "ok" if median <= target else "OVER"
        print(f"{label:40s} {median:8.1f} ms  (target {target} ms: {verdict})")
    store.close()


if __name__ == "__main__":
    main()
