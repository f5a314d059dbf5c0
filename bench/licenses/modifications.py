"""How often opengrade calls a license text "modified": never on real or harmlessly edited copies.

Run: PYTHONPATH=src .venv/bin/python bench/licenses/modifications.py
Counts the matches marked ``modified`` on (1) every reference text, real-world variant and
release license file of the corpus, (2) every reference text edited as the tests edit them
(re-wrapped, Markdown, case, copyright header, filled appendix, truncated tail, spacing), a
license with its policy appended and dual-licensed files, (3) the close relatives re-wrapped at
3 widths, truncated at 4 lengths, in both cases; (4) every reference text with text around
it (a preamble, a disclaimer, a scope note, appended HTML, junk: ``license_perturb.AROUND``),
which must be neither modified nor restricted; and (5) the restricting edits of
``tests/licenses/test_modifications.py``, which must all be marked: modified when the edit is
inside the license, a restriction beside it when the edit is an appended addendum.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "licenses"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import license_perturb as perturb  # noqa: E402
from cases import CORPUS  # noqa: E402
from test_modifications import APPENDED, EDITED  # noqa: E402
from test_perturbations import RELATIVES  # noqa: E402

from opengrade.licenses.identify import identify_text  # noqa: E402

TEXTS = CORPUS / "licenses" / "texts"
EDITS = perturb.EDITS
POLICIES = [
    (f"llama{v}", f"llama{v}-acceptable-use-policy") for v in ("2", "3.1", "3.2", "3.3", "4")
]
DUALS = [("MIT", "Apache-2.0"), ("CC-BY-4.0", "CC-BY-SA-4.0"), ("GPL-2.0-only", "LGPL-2.1-only")]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def corpus_files() -> Iterator[tuple[str, str]]:
    """Reference texts, real variants and release license files, as they are."""
    for folder in ("texts", "variants"):
        for path in sorted((CORPUS / "licenses" / folder).glob("*.txt")):
            yield f"{folder}/{path.name}", _read(path)
    prefixes = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "USE_POLICY", "MODEL_LICENSE")
    for path in sorted((CORPUS / "models").glob("*/*")):
        if path.name.upper().startswith(prefixes) or path.name == "CODE_REPO_LICENSE":
            yield f"models/{path.parent.name}/{path.name}", _read(path)


def perturbed() -> Iterator[tuple[str, str]]:
    """The tests' edits of every reference, policies appended, dual licenses."""
    for path in sorted(TEXTS.glob("*.txt")):
        for name, edit in EDITS.items():
            yield f"{path.stem}:{name}", edit(_read(path))
    for license_key, policy in [*POLICIES, ("gemma", "gemma-prohibited-use-policy")]:
        combined = perturb.markdown(_read(TEXTS / f"{license_key}.txt"))
        yield (
            f"{license_key}+policy",
            combined + "\n\n---\n\n" + perturb.rewrap(_read(TEXTS / f"{policy}.txt")),
        )
    for first, second in DUALS:
        text = _read(TEXTS / f"{first}.txt") + "\n\n" + _read(TEXTS / f"{second}.txt")
        yield f"{first}+{second}", text


def relatives() -> Iterator[tuple[str, str]]:
    """Close relatives re-wrapped and truncated, in both cases."""
    for key in RELATIVES:
        text = _read(TEXTS / f"{key}.txt")
        for keep in (0.55, 0.7, 0.85, 1.0):
            for width in (30, 77, 140):
                edited = perturb.truncate_tail(perturb.rewrap(text, width), keep)
                yield f"{key}:{keep}:{width}", edited
                yield f"{key}:{keep}:{width}:upper", edited.upper()


def around() -> Iterator[tuple[str, str]]:
    """Every reference with text around it that is not part of it."""
    for path in sorted(TEXTS.glob("*.txt")):
        for name, edit in perturb.AROUND.items():
            yield f"{path.stem}:{name}", edit(_read(path))


def main() -> None:
    """Print one line per group: texts checked, matches marked modified or restricted."""
    for group, items in (
        ("corpus files", corpus_files()),
        ("test perturbations", perturbed()),
        ("relatives grid", relatives()),
        ("intact licenses with text around them", around()),
    ):
        count = 0
        flagged = []
        for name, text in items:
            count += 1
            result = identify_text(text)
            if any(match.modified for match in result.matches) or result.restrictions:
                flagged.append(f"{name}: {result.problem}")
        print(f"{group}: {count} texts, {len(flagged)} marked modified or restricted")
        for line in flagged:
            print(f"  {line}")
    marked = 0
    for case, (key, edit) in sorted({**EDITED, **APPENDED}.items()):
        result = identify_text(edit(_read(TEXTS / f"{key}.txt")))
        inside = case in EDITED and any(match.modified for match in result.matches)
        beside = case in APPENDED and bool(result.restrictions) and key in result.keys
        marked += inside or beside
        print(f"  {case}: {result.keys} {result.problem}")
    total = len(EDITED) + len(APPENDED)
    print(
        f"restricting edits: {total} texts, {marked} marked "
        "(modified inside the license, or a restriction beside the intact license)"
    )


if __name__ == "__main__":
    main()
