"""Rebuild opengrade's license fingerprint index from a directory of reference texts.

Usage: python tools/build_license_index.py [TEXTS_DIR] [--extra DIR] [--output FILE]

TEXTS_DIR defaults to ../shared/corpus/licenses/texts (each file is ``<key>.txt``). The output
(src/opengrade/licenses/data/fingerprints.json.gz) holds only derived data: shingle hashes,
text digests, relatives and anchor counts; never the texts. The same input gives the same bytes.
Besides each full text, a few notices that a license itself prescribes are indexed on their own
(the Apache-2.0 header for source files, the Gemma "Notice" file), extracted from the texts.
``--extra DIR`` adds the official texts listed in ``tools/reference_texts.tsv`` (kept outside
the repository, each checked against its sha256; ``tools/reference_texts.py`` fetches them).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opengrade.licenses.catalog import catalog  # noqa: E402
from opengrade.licenses.index import SourceText, build_index  # noqa: E402
from opengrade.licenses.index_file import INDEX_RESOURCE, dump_index  # noqa: E402
from opengrade.licenses.normalize import normalize  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from reference_texts import verified_texts  # noqa: E402

DEFAULT_TEXTS = ROOT.parent / "shared" / "corpus" / "licenses" / "texts"
DEFAULT_OUTPUT = ROOT / "src" / "opengrade" / "licenses" / "data" / INDEX_RESOURCE

# (notice key, the reference text holding it, pattern whose group 1 is the notice)
_GNU_PROGRAM = r"(This program is free software: .*?for more details\.)"
NOTICES = (
    ("gemma-notice", "gemma", r"following notice:\s*\"([^\"]+)\""),
    (
        "Apache-2.0",
        "Apache-2.0",
        r"(Licensed under the Apache License, Version 2\.0.*?limitations under the License\.)",
    ),
    # The GNU licenses' own notices ("How to Apply These Terms"): grant and no-warranty.
    ("GPL-3.0-only", "GPL-3.0-only", _GNU_PROGRAM),
    ("AGPL-3.0-only", "AGPL-3.0-only", _GNU_PROGRAM),
    ("GPL-2.0-only", "GPL-2.0-only", r"(This program is free software; .*?for more details\.)"),
    ("LGPL-2.1-only", "LGPL-2.1-only", r"(This library is free software; .*?for more details\.)"),
)
# Notices a license prescribes by reference to another's: LGPL-3.0 applies the GPL-3.0 notice
# with its own name (its text says to use the GPL's "How to Apply" with "Lesser" added).
DERIVED_NOTICES = (
    (
        "LGPL-3.0-only",
        "GPL-3.0-only",
        "GNU General Public License",
        "GNU Lesser General Public License",
    ),
)

# Reference files that hold a second reference verbatim: upstream's llama3 LICENSE carries its
# acceptable-use policy. The part is cut out of the holder so each is reported with its own span.
# The corpus' LGPL-3.0 text is followed by the GPL-3.0 it supplements; LGPL-3.0 files often
# ship alone (COPYING.LESSER), so its reference is its own additional permissions.
# (part, fewest words of a run that counts as the part: LGPL-3.0 quotes GPL phrases itself)
COMPOSITES = {
    "llama3": (("llama3-acceptable-use-policy", 5),),
    "LGPL-3.0-only": (("GPL-3.0-only", 30),),
}


def without_part(holder: str, part: str, fewest: int = 5) -> str:
    """``holder`` without the lines where the longest run of ``part``'s words appears."""
    holder_words, part_words = normalize(holder), normalize(part)
    matcher = difflib.SequenceMatcher(None, holder_words.words, part_words.words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= fewest]
    if not blocks:
        return holder
    first = holder_words.lines[blocks[0].a]
    last = holder_words.lines[blocks[-1].a + blocks[-1].size - 1]
    lines = holder.splitlines()
    return "\n".join(lines[: first - 1] + lines[last:])


_CJK = re.compile(r"[\u3400-\u9fff]")
LANGUAGE_PART_WORDS = 150


def language_parts(text: str) -> list[str]:
    """A bilingual text (one language after the other) as its parts; else the text itself."""
    runs: list[tuple[bool, list[str]]] = []
    for line in text.splitlines():
        if not line.strip():
            if runs:
                runs[-1][1].append(line)
            continue
        letters = [char for char in line if not char.isspace()]
        chinese = len(_CJK.findall(line)) >= 0.3 * len(letters)
        if runs and runs[-1][0] == chinese:
            runs[-1][1].append(line)
        else:
            runs.append((chinese, [line]))
    parts = [("\n".join(lines), chinese) for chinese, lines in runs]
    kept = [part for part, _ in parts if len(normalize(part).words) >= LANGUAGE_PART_WORDS]
    if len(kept) < 2:
        return [text]
    return kept


def named_keys() -> frozenset[str]:
    """Keys whose license is tied to its publisher's name: the catalogue's entries that are
    not SPDX licenses (a copy with another name is a renamed sibling, see ``index``)."""
    return frozenset(key for key, terms in catalog().by_key.items() if terms.spdx_id is None)


def extra_sources(extra: Path | None, known: set[str], named: frozenset[str]) -> list[SourceText]:
    """The official texts of ``tools/reference_texts.tsv`` found in ``extra`` (none without it)."""
    sources = []
    for key, text in sorted((verified_texts(extra) if extra else {}).items()):
        if key in known:
            raise SystemExit(f"error: {key} is both a corpus text and an extra text")
        sources.append(SourceText(key, "similarity", text, key in named))
    return sources


def collect(texts: Path, extra: Path | None = None) -> list[SourceText]:
    """The full texts, sorted by key, then the notices extracted from them."""
    named = named_keys()
    sources = [
        SourceText(
            path.stem,
            "similarity",
            path.read_text(encoding="utf-8", errors="replace"),
            path.stem in named,
        )
        for path in sorted(texts.glob("*.txt"))
    ]
    sources += extra_sources(extra, {source.key for source in sources}, named)
    sources.sort(key=lambda source: f"{source.key}.txt")  # the order of the file names
    by_key = {source.key: source.text for source in sources}
    for number, source in enumerate(sources):
        text = source.text
        for part, fewest in COMPOSITES.get(source.key, ()):
            text = without_part(text, by_key[part], fewest)
        sources[number] = SourceText(source.key, source.method, text, source.named)
    for key, holder, pattern in NOTICES:
        found = re.search(pattern, by_key.get(holder, ""), re.DOTALL)
        if found is None:
            print(f"warning: no {key} notice found in {holder}.txt", file=sys.stderr)
            continue
        sources.append(SourceText(key, "notice", found.group(1)))
    notices = {source.key: source.text for source in sources if source.method == "notice"}
    for key, model, name, own_name in DERIVED_NOTICES:
        if model in notices:
            sources.append(SourceText(key, "notice", notices[model].replace(name, own_name)))
    return [
        SourceText(source.key, source.method, part, source.named)
        for source in sources
        for part in language_parts(source.text)
    ]


def main(argv: list[str] | None = None) -> int:
    """Build the index and report its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--extra", type=Path, default=None, help="extra official texts")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        print(f"error: {args.texts} is not a directory of <key>.txt files", file=sys.stderr)
        return 2
    index = build_index(collect(args.texts, args.extra))
    data = dump_index(index)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(
        f"{len(index.references)} references, {len(index.postings)} shingles, "
        f"{len(index.groups)} groups -> {args.output} ({len(data)} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
