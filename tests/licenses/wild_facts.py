"""The wild development set (``licenses/wild/`` of the corpus) and its scoring rule.

Stdlib only: the tests and both benchmarks (opengrade's and ScanCode's venv) import it.
``facts.tsv`` gives, per file, the accepted keys, whether all are required, and what the file is
in words. Scoring follows the corpus' SOURCE.md: of the keys a tool reports, matches it flags
as modified are set aside; the file is *right* when the rest include an accepted key (every
accepted key when all are required) or, for a file with no accepted key, when nothing is
named; *wrong* (confidently wrong) when keys are named and none is accepted; *unknown* when
nothing is named for a file that has a key; *partial* when some but not all required keys are.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from license_corpus import corpus_root

WILD = corpus_root() / "licenses" / "wild"
ADDED_KEYS = Path(__file__).with_name("wild_catalog_keys.tsv")
"""Our own labels: the key of each wild file's license that this project added to the catalogue
after facts.tsv was written (facts.tsv names no key for a license "not in the catalogue")."""
FAMILY_KEYS = frozenset({"bsd", "gpl", "lgpl"})  # facts.tsv family tags, not catalogue keys


@dataclass(frozen=True, slots=True)
class WildFile:
    """One file of the wild set with its facts."""

    name: str
    path: Path
    keys: tuple[str, ...]
    all_required: bool
    in_words: str
    modified_from: tuple[str, ...]


def wild_files() -> list[WildFile]:
    """Every row of facts.tsv (empty when the corpus is absent)."""
    facts = WILD / "facts.tsv"
    if not facts.is_file():
        return []
    with facts.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    added = _added_keys()
    return [
        WildFile(
            row["file"],
            WILD / row["file"],
            tuple(key for key in row["keys"].split(",") if key) + added.get(row["file"], ()),
            row["all_required"] == "yes",
            row["license_in_words"],
            tuple(key for key in row["modified_from"].split(",") if key),
        )
        for row in rows
    ]


def _added_keys() -> dict[str, tuple[str, ...]]:
    """File name -> the added catalogue key its text is indexed under (``indexed`` = yes)."""
    with ADDED_KEYS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return {row["file"]: (row["key"],) for row in rows if row["indexed"] == "yes"}


def verdict(item: WildFile, reported: Sequence[str], catalogue: Collection[str] = ()) -> str:
    """right / unknown / partial / wrong for the keys a tool reported (modified ones removed).

    ``catalogue``: when given, an accepted key the catalogue lacks (a license another branch
    adds) is not expected yet, so an unknown answer for a file whose every catalogue-level key
    is absent counts as right; once the key exists, the file is checked exactly.
    """
    accepted = set(item.keys)
    named = [key for key in reported if key]
    if not accepted:
        return "right" if not named else "wrong"
    specific = [key for key in item.keys if key not in FAMILY_KEYS]
    if item.all_required:
        right = all(key in named for key in specific)
    else:
        right = any(key in accepted for key in named)
    if right:
        return "right"
    if not named:
        pending = catalogue and specific and not any(key in catalogue for key in specific)
        return "right" if pending else "unknown"
    return "partial" if any(key in accepted for key in named) else "wrong"
