"""Pathological large inputs for the fuzzed parsers: time and memory on each (bounded?).

    .venv/bin/python bench/fuzz/stress.py

Each input is about 200 KB to 1 MB of a shape that makes naive regular expressions or parsers
blow up (long runs of brackets, table pipes, HTML openers, emphasis, deeply nested YAML/JSON,
huge declared lengths). Prints seconds and the peak traced allocation per input.
"""

from __future__ import annotations

import json
import struct
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "fuzz"))

from fuzz_targets import TARGETS

TEXTS = {
    "brackets": "[" * 200_000,
    "link-openers": "[a](" * 50_000,
    "table-pipes": ("| a " * 50 + "|\n") * 1000,
    "html-openers": "<h1 " * 50_000,
    "emphasis": "*_`" * 70_000,
    "front-matter-no-end": "---\n" + "key: value\n" * 50_000,
    "yaml-nesting": "---\n" + "".join(" " * i + "a:\n" for i in range(2000)) + "---\n",
    "one-long-line": "commercial research only " * 40_000,
    "sentence-ends": ". " * 200_000,
    "cjk": "开源商用学术研究。" * 40_000,
}
BYTES = {
    "safetensors-huge-length": struct.pack("<Q", 2**63) + b"{}",
    "safetensors-nested-json": struct.pack("<Q", 400_000) + b"[" * 200_000 + b"]" * 200_000,
    "gguf-huge-counts": b"GGUF" + struct.pack("<IQQ", 3, 2**63, 2**63) + b"\x00" * 1000,
    "gguf-nested-arrays": b"GGUF"
    + struct.pack("<IQQ", 3, 0, 1)
    + struct.pack("<Q", 1)
    + b"k"
    + struct.pack("<I", 9)
    + struct.pack("<IQ", 9, 1) * 1000,
    "yaml-alias-bomb": (
        "a: &a [x]\n" + "".join(f"b{i}: &b{i} [*a, *a]\n" for i in range(60))
    ).encode(),
    "yaml-deep": ("[" * 50_000 + "]" * 50_000).encode(),
    "json-in-yaml": json.dumps({"release": {"components": [{"name": "x"}] * 20_000}}).encode(),
}


def main() -> None:
    print("| target | input | seconds | peak traced MB | outcome |")
    print("| --- | --- | --- | --- | --- |")
    for target in TARGETS:
        binary = target.name in {"safetensors-header", "gguf-header", "mot-yaml"}
        inputs = BYTES if binary else TEXTS
        for name, value in inputs.items():
            tracemalloc.start()
            start = time.perf_counter()
            try:
                target.check(value)
                outcome = "ok"
            except Exception as error:
                outcome = f"ESCAPED {type(error).__name__}"
            elapsed = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            row = f"| {target.name} | {name} | {elapsed:.2f} | {peak:.1f} | {outcome} |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
