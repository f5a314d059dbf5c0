"""The wild development set, opengrade and ScanCode side by side (reads wild_bench.py's JSON).

Run: PYTHONPATH=src .venv/bin/python bench/licenses/wild_compare.py \
         /tmp/og-wild.json /tmp/sc-wild.json
Scoring is the corpus' rule (tests/licenses/wild_facts.py). ScanCode's SPDX expression is read
as keys by compare.scancode_keys (its LicenseRef names mapped to opengrade keys); its generic
placeholders (``unknown-license-reference``, ``proprietary-license``, ``warranty-disclaimer``
...) name no license and are set aside like opengrade's modified matches. ScanCode names some
licenses opengrade's catalogue lacks (Tencent Hunyuan 3D, Stability AI Community): on files
whose facts have no key, those count as wrong by the corpus' rule and are also counted on
their own. A file whose accepted keys have no reference text in opengrade's index is scored
exactly for both tools here (no tolerance).
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "licenses"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import scancode_keys  # noqa: E402
from wild_facts import verdict, wild_files  # noqa: E402

SCANCODE_GENERIC = frozenset(
    f"LicenseRef-scancode-{name}"
    for name in (
        "unknown-license-reference",
        "unknown",
        "free-unknown",
        "proprietary-license",
        "warranty-disclaimer",
        "other-permissive",
        "other-copyleft",
        "public-domain-disclaimer",
        "generic-cla",
        "commercial-license",
        "unknown-spdx",
    )
)


def keys_of(tool: str, answer: list[dict[str, object]]) -> list[str]:
    """The keys a tool named for a file, modified matches and ScanCode placeholders aside."""
    if tool == "scancode":
        named = [key for item in answer for key in scancode_keys(str(item["key"]))]
        return [key for key in named if key not in SCANCODE_GENERIC]
    return [str(item["key"]) for item in answer if not item["modified"]]


def outside_catalogue(keys: list[str]) -> bool:
    """Whether ScanCode named only licenses it knows under a LicenseRef opengrade lacks."""
    return bool(keys) and all(key.startswith("LicenseRef-scancode-") for key in keys)


def main() -> None:
    runs = [json.loads(Path(name).read_text()) for name in sys.argv[1:]]
    facts = {item.name: item for item in wild_files()}
    tallies = []
    for run in runs:
        counts = Counter(
            verdict(facts[row["name"]], keys_of(run["tool"], row["answer"])) for row in run["files"]
        )
        tallies.append(counts)
    total = len(facts)
    header = " | ".join(run["tool"] for run in runs)
    lines = [f"| measure | {header} |", "|---" * (len(runs) + 1) + "|"]
    for label in ("right", "unknown", "partial", "wrong"):
        name = "confidently wrong" if label == "wrong" else label
        lines.append(f"| {name} | " + " | ".join(f"{t[label]}/{total}" for t in tallies) + " |")
    if len(runs) == 2:
        other = sum(
            1
            for row in runs[1]["files"]
            if not facts[row["name"]].keys and outside_catalogue(keys_of("scancode", row["answer"]))
        )
        lines.append(f"| of which a license outside opengrade's catalogue | - | {other} |")
    medians = [statistics.median(row["median_ms"] for row in run["files"]) for run in runs]
    lines.append("| per-file median ms | " + " | ".join(f"{m:.2f}" for m in medians) + " |")
    slowest = [max(row["median_ms"] for row in run["files"]) for run in runs]
    lines.append("| slowest file ms | " + " | ".join(f"{m:.1f}" for m in slowest) + " |")
    wholes = [run["whole_process_s"] for run in runs]
    lines.append("| whole process, all files, s | " + " | ".join(f"{w:.2f}" for w in wholes) + " |")
    lines.append("| peak RSS MB | " + " | ".join(f"{run['rss_mb']:.0f}" for run in runs) + " |")
    if len(runs) == 2:
        lines.append(
            f"| speed-up, per-file median | {medians[1] / medians[0]:.0f}x | 1x |\n"
            f"| speed-up, whole process | {wholes[1] / wholes[0]:.0f}x | 1x |"
        )
    print("\n".join(lines))
    if len(runs) == 2:
        print("\nFiles where a tool is not right (accepted / opengrade / ScanCode):")
        theirs = {row["name"]: row for row in runs[1]["files"]}
        for row in runs[0]["files"]:
            item = facts[row["name"]]
            ours = keys_of("opengrade", row["answer"])
            other = keys_of("scancode", theirs[row["name"]]["answer"])
            found = (verdict(item, ours), verdict(item, other))
            if found != ("right", "right"):
                print(
                    f"- {row['name'][:70]}: {','.join(item.keys) or '-'} / "
                    f"{found[0]} {','.join(ours) or '-'} / {found[1]} {','.join(other) or '-'}"
                )


if __name__ == "__main__":
    main()
