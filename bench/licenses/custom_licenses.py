"""Count the custom licenses named on real Hugging Face cards and in the wild license files.

Usage: PYTHONPATH=src python bench/licenses/custom_licenses.py [--cards DIR] [--wild DIR]
       [--output bench/licenses/custom_licenses.tsv]

A card counts as declaring a custom license when its front matter says ``license: other`` (or
names a ``license_name`` / ``license_link``), or when a license section of its body links to a
license text. For every name, link and link text the table gives how many cards carry it and the
key opengrade resolves it to today (empty: unknown). The wild files are counted by what
``facts.tsv`` calls them. Derived data only: names, addresses and counts, never card text.
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from opengrade.evidence import license_files, model_card  # noqa: E402
from opengrade.evidence.card import read_card  # noqa: E402
from opengrade.evidence.model_card import as_list, categorise  # noqa: E402
from opengrade.licenses.conclude import conclude  # noqa: E402
from opengrade.licenses.declarations import resolve_declaration  # noqa: E402
from opengrade.licenses.statements import find_license_statements  # noqa: E402
from opengrade.model import ReleaseSnapshot, Scope, SourceKind, TextFile  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^)\s]{1,500})\)")
_BARE_URL = re.compile(r"(?<![(\[])\bhttps?://[^\s)\]>\"'`*]{4,500}")
_LICENSE_WORDS = re.compile(r"licen[cs]e|agreement|terms|协议|许可", re.IGNORECASE)


def _resolved(value: str, via: str) -> str:
    return ",".join(resolve_declaration(value, via=via).keys)


def _section_lines(lines: tuple[str, ...], start: int, end: int) -> str:
    return "\n".join(lines[start - 1 : end])


def count_cards(cards: Path) -> tuple[collections.Counter[tuple[str, str, str]], dict[str, int]]:
    """(kind, value, key) -> number of cards, and the totals."""
    rows: collections.Counter[tuple[str, str, str]] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    for path in sorted(cards.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        snapshot = ReleaseSnapshot(
            path.stem, SourceKind.LOCAL, str(path), texts=(TextFile("README.md", text),)
        )
        card = read_card(snapshot)
        if card is None:
            continue
        totals["cards"] += 1
        fields = card.front_matter.fields
        declared = [value.lower() for value in as_list(fields.get("license"))]
        names = as_list(fields.get("license_name"))
        links = as_list(fields.get("license_link"))
        other = "other" in declared
        totals["license: other"] += other
        totals["license_name"] += bool(names)
        totals["license_link"] += bool(links)
        seen: set[tuple[str, str, str]] = set()
        for name in names:
            seen.add(("license_name", name, _resolved(name, "license_name")))
        for link in links:
            seen.add(("license_link", link, _resolved(link, "license_link")))
        for heading in card.headings:
            if "license" not in categorise(heading.title):
                continue
            body = _section_lines(card.lines, heading.line, heading.end_line)
            for label, url in _LINK.findall(body):
                if _LICENSE_WORDS.search(label) or _LICENSE_WORDS.search(url):
                    seen.add(("section link text", label.strip(), _resolved(label, "name")))
                    seen.add(("section link", url, _resolved(url, "license_link")))
            for url in _BARE_URL.findall(body):
                seen.add(("section link", url.rstrip(".,;"), _resolved(url, "license_link")))
        if other and not names and not links:
            statements = find_license_statements(text)
            keys = ",".join(dict.fromkeys(key for item in statements for key in item.keys))
            seen.add(("other, named only in prose", keys or "(none found)", keys))
        for row in seen:
            rows[row] += 1
        if other:
            evidence = model_card.extract(snapshot) + license_files.extract(snapshot)
            licensing, _ = conclude(snapshot, evidence)
            known = [use.key for use in licensing.concluded(Scope.WEIGHTS) if use.key]
            totals["license: other, weights concluded to a known key"] += bool(known)
    return rows, dict(totals)


def count_wild(wild: Path) -> collections.Counter[tuple[str, str, str]]:
    """Wild files without an accepted key, by what facts.tsv says they are."""
    rows: collections.Counter[tuple[str, str, str]] = collections.Counter()
    with (wild / "facts.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["keys"]:
                continue
            family = row["note"].split(";")[0].strip()
            rows[("wild file, no accepted key", family, "")] += 1
    return rows


def main(argv: list[str] | None = None) -> int:
    """Count, write the table, print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=Path, default=CORPUS / "cards")
    parser.add_argument("--wild", type=Path, default=CORPUS / "licenses" / "wild")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "bench" / "licenses" / "custom_licenses.tsv"
    )
    args = parser.parse_args(argv)
    if not args.cards.is_dir() or not (args.wild / "facts.tsv").is_file():
        print("error: corpus not found; pass --cards and --wild", file=sys.stderr)
        return 2
    rows, totals = count_cards(args.cards)
    rows.update(count_wild(args.wild))
    ordered = sorted(rows.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["kind", "value", "cards_or_files", "key_resolved"])
        for (kind, value, key), count in ordered:
            writer.writerow([kind, value, count, key])
    for name, count in sorted(totals.items()):
        print(f"{name}: {count}")
    resolved = collections.Counter(
        (kind, bool(key)) for (kind, _value, key), count in rows.items() for _ in range(count)
    )
    for (kind, known), count in sorted(resolved.items()):
        print(f"{kind} {'resolved' if known else 'unknown'}: {count}")
    print(f"-> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
