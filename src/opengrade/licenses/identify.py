"""Identify the licenses in a text or a file: ``identify_text`` and ``identify_file``.

An exact copy of a reference (case and whitespace aside) is recognised from a digest of its
raw text, before any normalisation. Unknown is an answer: when nothing is found with enough
confidence the result has no matches and lists the closest candidates. A match whose text
changes the license (wording added inside it, or restricting text next to it) is ``modified``
and the result's ``problem`` says where; ``unexplained_words`` counts the words outside every
match. Files are read with a bound; empty, binary and oddly encoded files give a result whose
``problem`` says what happened (``code: explanation``).
"""

from __future__ import annotations

import codecs
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from opengrade.licenses.differences import (
    Block,
    Run,
    changes_terms,
    describe,
    recognised,
    restricts,
    unexplained_blocks,
)
from opengrade.licenses.index import LicenseIndex
from opengrade.licenses.matcher import Found, find
from opengrade.licenses.normalize import Words, normalize, quick_key, word_line_range
from opengrade.licenses.references import index_for
from opengrade.model.license import (
    LicenseCandidate,
    LicenseIdentification,
    LicenseMatch,
    MatchMethod,
)

_LOG = logging.getLogger(__name__)

READ_LIMIT = 1024 * 1024
_SNIFF = 8192


def identify_text(
    text: str, *, path: str = "", reference_dir: Path | None = None
) -> LicenseIdentification:
    """The licenses in ``text``, each with its line span; ``reference_dir`` adds user texts."""
    return _identify(text, path, index_for(reference_dir), None)


def identify_file(path: Path, *, reference_dir: Path | None = None) -> LicenseIdentification:
    """Read at most 1 MiB of ``path`` and identify the licenses in it."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(READ_LIMIT + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return LicenseIdentification(name, (), (), f"unreadable: cannot read the file ({reason})")
    truncated = len(data) > READ_LIMIT
    text, problem = decode(data[:READ_LIMIT])
    if text is None:
        return LicenseIdentification(name, (), (), problem)
    if truncated:
        note = f"too-large: only the first {READ_LIMIT // 1024} KiB were read"
        problem = f"{note}; {problem}" if problem else note
    return _identify(text, name, index_for(reference_dir), problem)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text from bytes and a note on anything odd; no text for empty or binary content."""
    if not data.strip():
        return None, "empty: the file has no text"
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            note = (
                None if encoding == "utf-8-sig" else "encoding: decoded as UTF-16 (byte-order mark)"
            )
            return text, note
    if b"\x00" in data[:_SNIFF]:
        return None, "binary-file: the file is binary, not a license text"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut by the read bound
            return data[: error.start].decode("utf-8"), None
    return data.decode("latin-1"), "encoding: not valid UTF-8, decoded as Latin-1"


def _identify(
    text: str, path: str, index: LicenseIndex, problem: str | None
) -> LicenseIdentification:
    copy = index.quick.get(quick_key(text))
    if copy is not None:  # a reference, re-wrapped at most: no need to normalise it
        first, last = word_line_range(text)
        match = LicenseMatch(index.references[copy].key, 1.0, first, last, str(MatchMethod.EXACT))
        return LicenseIdentification(path, (match,), (), problem)
    words = normalize(text)
    if not words.words:
        note = "empty: no words to identify"
        return LicenseIdentification(path, (), (), problem or note)
    found, near, groups_at = find(words, index)
    outside = unexplained_blocks(
        words,
        text.split("\n"),
        [(item.start, min(item.end, len(words.words) - 1)) for item in found],
    )
    notes = [problem] if problem else []
    matches = []
    for number, item in enumerate(found):
        match = _match(item, words, index)
        changes = [run for run in item.inserted if changes_terms(_words(words, run))]
        for block in outside:
            if _nearest(block.run, found) == number and _restricts(block, words, groups_at, index):
                changes.extend(block.lines)
        if changes:
            match = replace(match, modified=True)
            notes.append(describe(match.key, changes, words))
        matches.append(match)
    candidates = tuple(
        LicenseCandidate(index.references[reference].key, score) for reference, score in near
    )
    if not matches:
        _LOG.debug("no license identified in %s; closest %s", path or "text", candidates[:3])
    unexplained = sum(block.size for block in outside)
    return LicenseIdentification(
        path, tuple(matches), candidates, "; ".join(notes) or None, unexplained
    )


def _words(words: Words, run: Run) -> tuple[str, ...]:
    return words.words[run.first : run.last + 1]


def _restricts(block: Block, words: Words, groups_at: Sequence[int], index: LicenseIndex) -> bool:
    """Whether unexplained text restricts use (and is not the rest of a known text)."""
    said = [word for line in block.lines for word in _words(words, line)]
    return restricts(said) and not recognised(
        block.run, groups_at, _closest(block.run, groups_at, index)
    )


def _closest(
    run: Run, groups_at: Sequence[int], index: LicenseIndex
) -> list[Callable[[int], bool]]:
    """Membership tests of the references sharing the most shingles with a run (at most 3)."""
    per_group = Counter(groups_at[max(0, run.first - 4) : run.last])
    per_group.pop(-1, None)
    counts = index.tally(per_group)
    best = sorted(counts, key=counts.__getitem__, reverse=True)[:3]
    return [index.member_groups[reference].__contains__ for reference in best]


def _nearest(run: Run, found: list[Found]) -> int:
    """The match a run outside every span belongs with: the one before it, else the first."""
    before = [number for number, item in enumerate(found) if item.end < run.first]
    return before[-1] if before else 0


def _match(item: Found, words: Words, index: LicenseIndex) -> LicenseMatch:
    reference = index.references[item.reference]
    if item.exact:
        method = MatchMethod.EXACT
    elif reference.method == MatchMethod.NOTICE:
        method = MatchMethod.NOTICE
    else:
        method = MatchMethod.SIMILARITY
    last = min(item.end, len(words.words) - 1)
    return LicenseMatch(
        key=reference.key,
        confidence=item.confidence,
        start_line=words.line_of(item.start),
        end_line=words.line_of(last),
        method=str(method),
        inserted_words=sum(run.size for run in item.inserted),
    )
