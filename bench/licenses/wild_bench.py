"""The wild development set, opengrade or ScanCode: answers and time per file, whole process.

Run (from the repository root; the .venv holds the optional extra ``scancode``):
  PYTHONPATH=src .venv/bin/python bench/licenses/wild_bench.py opengrade > /tmp/og-wild.json
  .venv/bin/python bench/licenses/wild_bench.py scancode > /tmp/sc-wild.json      # ~5 min
  PYTHONPATH=src .venv/bin/python bench/licenses/wild_compare.py /tmp/og-wild.json /tmp/sc-wild.json
Per file: the median of in-process calls after a warm-up (index already loaded). Whole process:
the wall time of one command-line run over all the files (``opengrade license identify
--format json`` / ``scancode --license --json``), start-up and index load included.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "licenses"))
from wild_facts import wild_files  # noqa: E402

REPEATS = {"opengrade": 20, "scancode": 2}


def _opengrade() -> tuple[Callable[[Path], list[dict[str, object]]], list[str]]:
    from opengrade.licenses.identify import identify_file

    def answer(path: Path) -> list[dict[str, object]]:
        result = identify_file(path)
        return [{"key": m.key, "modified": m.modified} for m in result.matches]

    command = [sys.executable, "-m", "opengrade", "license", "identify", "--format", "json"]
    return answer, command


def _scancode() -> tuple[Callable[[Path], list[dict[str, object]]], list[str]]:
    from scancode.api import get_licenses

    def answer(path: Path) -> list[dict[str, object]]:
        found = get_licenses(str(path))
        expression = found.get("detected_license_expression_spdx") or ""
        return [{"key": expression, "modified": False}] if expression else []

    scancode = str(Path(sys.executable).parent / "scancode")
    output = str(Path(tempfile.gettempdir()) / "opengrade-wild-scancode.json")
    return answer, [scancode, "--license", "-n", "1", "--quiet", "--json", output]


def whole_process(command: list[str], paths: list[Path]) -> float:
    """Seconds for one command-line run over every file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        if "scancode" in command[0]:  # ScanCode scans a directory: copy the files into one
            for path in paths:
                shutil.copyfile(path, Path(folder) / path.name)
            arguments = [*command, folder]
        else:
            arguments = [*command, *map(str, paths)]
        start = time.perf_counter()
        subprocess.run(arguments, capture_output=True, env=env, check=False)
        return time.perf_counter() - start


def main() -> None:
    tool = sys.argv[1] if len(sys.argv) > 1 else "opengrade"
    answer, command = _opengrade() if tool == "opengrade" else _scancode()
    files = wild_files()
    for item in files:  # warm-up (and the index load)
        answer(item.path)
    rows = []
    for item in files:
        times = []
        for _ in range(REPEATS[tool]):
            start = time.perf_counter()
            found = answer(item.path)
            times.append((time.perf_counter() - start) * 1000)
        rows.append({"name": item.name, "answer": found, "median_ms": statistics.median(times)})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = whole_process(command, [item.path for item in files])
    print(
        json.dumps(
            {"tool": tool, "rss_mb": rss, "whole_process_s": seconds, "files": rows}, indent=1
        )
    )


if __name__ == "__main__":
    main()
