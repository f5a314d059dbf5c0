"""How many license strings of the MOT model YAMLs opengrade resolves.

Run: PYTHONPATH=src .venv/bin/python bench/licenses/mot_strings.py
Counts every ``license:`` value under a component (and the top-level ones), grouped: resolved to
catalogue keys, stated as no license ("unlicensed", "Component not included", empty), "other",
known keys next to terms not recognised (keys end with ``other``: never a clean open license),
and not resolved; prints the distinct strings of the last two groups.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import CORPUS

from opengrade.licenses.declarations import OTHER_TERMS, resolve_mot_license


def license_values(node: object) -> list[str]:
    """Every string value of a ``license`` key anywhere in a YAML document."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "license" and not isinstance(value, (dict, list)):
                found.append("" if value is None else str(value))
            elif key == "license" and isinstance(value, dict) and not value:
                found.append("")
            else:
                found.extend(license_values(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(license_values(item))
    return found


def main() -> None:
    values = []
    for path in sorted((CORPUS / "mot" / "models").glob("*.yml")):
        values.extend(license_values(yaml.safe_load(path.read_text(encoding="utf-8"))))
    outcome: collections.Counter[str] = collections.Counter()
    unresolved: collections.Counter[str] = collections.Counter()
    partial: collections.Counter[str] = collections.Counter()
    for value in values:
        result = resolve_mot_license(value)
        if result.status == "resolved":
            outcome["resolved"] += 1
        elif result.status in ("invalid",) or (
            result.status == "unknown" and not result.keys and "no license stated" in result.reason
        ):
            outcome["no license stated"] += 1
        elif result.status == "other":
            outcome["other / proprietary"] += 1
        elif result.keys and result.keys[-1] == OTHER_TERMS:
            outcome["known keys + other terms"] += 1
            partial[f"{value!r} -> {' + '.join(result.keys)}"] += 1
        else:
            outcome["not resolved"] += 1
            unresolved[value] += 1
    stated = len(values) - outcome["no license stated"]
    print(f"license values: {len(values)}; naming a license: {stated}")
    for name, count in outcome.most_common():
        print(f"  {name}: {count}")
    print(f"resolved share of values naming a license: {outcome['resolved'] / stated:.1%}")
    print("known keys + other terms:")
    for value, count in partial.most_common():
        print(f"  {count:4d}  {value}")
    print("not resolved:")
    for value, count in unresolved.most_common():
        print(f"  {count:4d}  {value!r}")


if __name__ == "__main__":
    main()
