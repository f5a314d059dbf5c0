"""ScanCode on the same files (run with the interpreter of a venv that has scancode-toolkit).

Run: /tmp/scvenv/bin/python bench/licenses/scancode_bench.py > /tmp/sc.json
Index load = the first get_licenses() call in a fresh process, minus a warm call on the same file.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import cases

REPEATS = 3


def main() -> None:
    files = cases()
    start = time.perf_counter()
    from scancode.api import get_licenses

    get_licenses(str(files[0][1]))
    first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    get_licenses(str(files[0][1]))
    warm = (time.perf_counter() - start) * 1000
    for _, path, _, _ in files:  # warm-up
        get_licenses(str(path))
    rows = []
    for name, path, expected, group in files:
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = get_licenses(str(path))
            times.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "name": name,
                "group": group,
                "expected": expected,
                "answer": result.get("detected_license_expression_spdx") or "",
                "scancode_key": result.get("detected_license_expression") or "",
                "median_ms": statistics.median(times),
            }
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"tool": "scancode", "index_load_ms": first - warm, "rss_mb": rss, "files": rows},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
