"""Side by side: opengrade and ScanCode on the same files (reads the two benches' JSON).

Run: python bench/licenses/compare.py /tmp/og.json /tmp/sc.json
A ScanCode answer counts as right when its SPDX expression names the expected key: the same
SPDX id, or a LicenseRef-scancode-<name> that opengrade's name table maps to the key. For files
whose right answer is unknown, an empty answer is right and any key is wrong.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import is_ai_license

from opengrade.licenses.names import key_for_name

# ScanCode license keys and the opengrade key of the same license, read from the names in
# ScanCode's own license data (e.g. llama-4-license-2025 is its "Llama 4 Acceptable Use Policy").
# Generous where the naming is close (apple-excl "Apple Example Code License" is counted as
# apple-ascl; stable-diffusion-2022-08-22 as creativeml-openrail-m).
SCANCODE_EQUIVALENT = {
    "llama-license-2023": "llama1",
    "llama-2-license-2023": "llama2",
    "llama-3.1-license-2024": "llama3.1",
    "llama-3.2-license-2024": "llama3.2",
    "llama-3.3-license-2024": "llama3.3",
    "llama-4-cla-2025": "llama4",
    "llama-4-license-2025": "llama4-acceptable-use-policy",
    "gemma-tou-2024-04-01": "gemma",
    "gemma-tou-2025-03-24": "gemma",
    "gemma-pup-2024-02-21": "gemma-prohibited-use-policy",
    "tongyi-qianwen-2023": "tongyi-qianwen",
    "qwen-2024": "qwen",
    "deepseek-la-1.0": "deepseek",
    "openmdw-1.0": "OpenMDW-1.0",
    "stable-diffusion-2022-08-22": "creativeml-openrail-m",
    "stability-ai-nc-2023-12-06": "stabilityai-nc-research-community",
    "apple-excl": "apple-ascl",
    "bigscience-rail-1.0": "bigscience-bloom-rail-1.0",
    "bigcode-open-rail-m-v1": "bigcode-openrail-m",
    "bigscience-open-rail-m": "bigscience-openrail-m",
}


def scancode_keys(expression: str) -> list[str]:
    """Keys named by a ScanCode SPDX expression, in order (unmapped ids kept as written)."""
    keys = []
    for token in re.findall(r"[A-Za-z0-9.+\-]+", expression):
        if token in {"AND", "OR", "WITH"}:
            continue
        name = token.removeprefix("LicenseRef-scancode-")
        if name in SCANCODE_EQUIVALENT:
            keys.append(SCANCODE_EQUIVALENT[name])
            continue
        name = re.sub(r"-(?:license|agreement)(?:-\d{4})?$", "", name)
        keys.append(key_for_name(name) or key_for_name(token) or token)
    return keys


def right(expected: str | None, answer: list[str]) -> bool:
    if expected is None:
        return not answer
    return bool(answer) and answer[0].lower() == expected.lower()


def summary(rows: list[dict[str, object]], keys_of: object) -> dict[str, object]:
    get = keys_of  # a callable turning a row's answer into keys
    total = {"all": [0, 0], "ai": [0, 0], "models": [0, 0], "edited": [0, 0]}
    for row in rows:
        ok = right(row["expected"], get(row))  # type: ignore[operator, arg-type]
        groups = ["all"] + (["ai"] if is_ai_license(row["expected"]) else [])  # type: ignore[arg-type]
        groups += [row["group"]] if row["group"] in ("models", "edited") else []
        for group in groups:
            total[group][0] += ok
            total[group][1] += 1
    return total


def main() -> None:
    ours = json.loads(Path(sys.argv[1]).read_text())
    theirs = json.loads(Path(sys.argv[2]).read_text()) if len(sys.argv) > 2 else None
    our_totals = summary(ours["files"], lambda row: row["answer"])
    lines = ["| measure | opengrade | ScanCode |", "| --- | --- | --- |"]
    their_totals = (
        summary(theirs["files"], lambda row: scancode_keys(row["answer"])) if theirs else None
    )
    for group, label in (
        ("all", "correct, all files"),
        ("ai", "correct, AI agreements"),
        ("models", "correct, release files"),
        ("edited", "correct, edited AI agreements"),
    ):
        ours_ok, count = our_totals[group]
        cell = f"{their_totals[group][0]}/{count}" if their_totals else "n/a"
        lines.append(f"| {label} | {ours_ok}/{count} | {cell} |")

    def median(data: dict[str, object], group: str | None = None) -> float:
        rows = [r for r in data["files"] if group is None or r["group"] == group]  # type: ignore[attr-defined]
        return statistics.median(r["median_ms"] for r in rows)

    groups = (
        ("models", "release files"),
        ("texts", "reference texts"),
        ("variants", "real-world variants"),
        ("edited", "edited AI agreements"),
        (None, "all files"),
    )
    for group, label in groups:
        lines.append(
            f"| per-file median ms, {label} | {median(ours, group):.2f} | "
            + (f"{median(theirs, group):.1f} |" if theirs else "n/a |")
        )
    slowest = max(ours["files"], key=lambda row: row["median_ms"])  # type: ignore[index]
    lines.append(f"| slowest file ms | {slowest['median_ms']:.1f} ({slowest['name']}) | |")
    if theirs:
        for group, label in groups:
            ratio = median(theirs, group) / median(ours, group)
            lines.append(f"| speed-up, {label} (median per file) | {ratio:.0f}x | 1x |")
    lines.append(
        f"| index load ms | {ours['index_load_ms']:.0f} | "
        + (f"{theirs['index_load_ms']:.0f} |" if theirs else "n/a |")
    )
    lines.append(
        f"| peak RSS MB | {ours['rss_mb']:.0f} | "
        + (f"{theirs['rss_mb']:.0f} |" if theirs else "n/a |")
    )
    print("\n".join(lines))
    if theirs:
        print("\nFiles where the answers differ (expected / opengrade / ScanCode):")
        by_name = {row["name"]: row for row in theirs["files"]}
        for row in ours["files"]:
            other = by_name[row["name"]]
            mine_ok = right(row["expected"], row["answer"])
            their_ok = right(row["expected"], scancode_keys(other["answer"]))
            if mine_ok != their_ok or not mine_ok:
                print(
                    f"- {row['name']}: {row['expected']} / {','.join(row['answer']) or 'unknown'}"
                    f" / {other['answer'] or 'nothing'}"
                )


if __name__ == "__main__":
    main()
