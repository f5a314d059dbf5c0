"""The benchmark's files and the answer expected for each (stdlib only: both venvs import it).

texts/ and variants/: the key is the file name up to ``--``. Release files: the answers written
down in tests/licenses/test_identify_models.py after reading each file (() = unknown is right).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("OPENGRADE_CORPUS", ROOT.parent / "shared" / "corpus"))

ANSWERS = ROOT / "tests" / "licenses" / "release_license_answers.tsv"


def _release_files() -> dict[str, tuple[str, ...]]:
    """The expected keys per corpus license file, as the tests record them."""
    answers = {}
    for line in ANSWERS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            file, keys, _note = line.split("\t")
            answers[file] = tuple(keys.split())
    return answers


RELEASE_FILES = _release_files()


def cases() -> list[tuple[str, Path, str | None, str]]:
    """(name, path, expected first key or None for unknown, group) for every benchmark file."""
    found = []
    for group in ("texts", "variants"):
        for path in sorted((CORPUS / "licenses" / group).glob("*.txt")):
            found.append((f"{group}/{path.name}", path, path.stem.split("--")[0], group))
    for relative, keys in sorted(RELEASE_FILES.items()):
        found.append(
            (
                f"models/{relative}",
                CORPUS / "models" / relative,
                keys[0] if keys else None,
                "models",
            )
        )
    return found + edited_cases()


def is_ai_license(key: str | None) -> bool:
    """AI-specific agreements: keys that are not SPDX ids (SPDX ids carry capitals or digits)."""
    return key is not None and key == key.lower() and not key.startswith(("mit", "isc"))


def edited_cases() -> list[tuple[str, Path, str | None, str]]:
    """Each AI agreement edited as repositories do (re-wrapped, Markdown heading, copyright line).

    Written once, deterministically, to a temporary folder that both benchmarks read.
    """
    import re
    import tempfile
    import textwrap

    folder = Path(tempfile.gettempdir()) / "opengrade-bench-edited"
    folder.mkdir(exist_ok=True)
    found = []
    for path in sorted((CORPUS / "licenses" / "texts").glob("*.txt")):
        key = path.stem
        if not is_ai_license(key):
            continue
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        body = "\n\n".join(textwrap.fill(" ".join(p.split()), 72) for p in paragraphs)
        edited = f"Copyright (c) 2031 Example Labs\n\n# {paragraphs[0].splitlines()[0]}\n\n{body}\n"
        target = folder / f"{key}.txt"
        if not target.exists() or target.read_text(encoding="utf-8") != edited:
            target.write_text(edited, encoding="utf-8")
        found.append((f"edited/{key}.txt", target, key, "edited"))
    return found
