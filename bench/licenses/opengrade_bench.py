"""opengrade's license identification: accuracy and speed on the benchmark files.

Run: PYTHONPATH=src .venv/bin/python bench/licenses/opengrade_bench.py > /tmp/og.json
Prints one JSON document: answers per file, per-file median ms (after warm-up), index load ms
(in a fresh interpreter), cold CLI start, and peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import ROOT, cases

REPEATS = 20


def _fresh(code: str) -> float:
    """Run ``code`` in a new interpreter; it prints a float (ms)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return float(output.stdout.strip())


def index_load_ms() -> float:
    """Median of 5 fresh loads of the packaged index (import of the module included)."""
    code = (
        "import time; t=time.perf_counter()\n"
        "from opengrade.licenses.references import packaged_index; packaged_index()\n"
        "print((time.perf_counter()-t)*1000)"
    )
    return statistics.median(_fresh(code) for _ in range(5))


def cli_cold_ms(path: Path) -> float:
    """Wall time of ``opengrade license identify FILE`` in a fresh process (median of 3)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "opengrade", "license", "identify", str(path)],
            capture_output=True,
            env=env,
            check=True,
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from opengrade.licenses.identify import identify_file

    load = index_load_ms()
    files = cases()
    for _, path, _, _ in files:  # warm-up
        identify_file(path)
    rows = []
    for name, path, expected, group in files:
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = identify_file(path)
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "name": name,
                "group": group,
                "expected": expected,
                "answer": [m.key for m in result.matches],
                "methods": [m.method for m in result.matches],
                "median_ms": statistics.median(times),
                "bytes": path.stat().st_size,
            }
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "tool": "opengrade",
                "index_load_ms": load,
                "rss_mb": rss,
                "cli_cold_ms": cli_cold_ms(files[0][1]),
                "files": rows,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
