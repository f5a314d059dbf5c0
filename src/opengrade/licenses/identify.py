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
    Run,
    changes_terms,
    describe,
    recognised,
    unexplained_blocks,
)
from opengrade.licenses.index import LicenseIndex
from opengrade.licenses.matcher import Found, find
from opengrade.licenses.normalize import Words, normalize, quick_key, word_line_range
from opengrade.licenses.outside import classify
from opengrade.licenses.references import index_for
from opengrade.model.license import (
    LicenseCandidate,
    LicenseIdentification,
    LicenseMatch,
    MatchMethod,
    OutsideKind,
    OutsideText,
)

_LOG = logging.getLogger(__name__)

READ_LIMIT = 1024 * 1024
_SNIFF = 8192
_MIN_TEXT = 200


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
        head = _text_before_binary(data)
        if head is None:
            return None, "binary-file: the file is binary, not a license text"
        head_text, note = decode(head)
        tail = f"binary-tail: binary data after byte {len(head)} was not read"
        return head_text, f"{tail}; {note}" if note else tail
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut by the read bound
            return data[: error.start].decode("utf-8"), None
    return data.decode("latin-1"), "encoding: not valid UTF-8, decoded as Latin-1"


def _text_before_binary(data: bytes) -> bytes | None:
    """The text a file holds before binary data (a license with garbage appended), if any.

    The text ends at the last line break before the first NUL byte or invalid UTF-8 sequence;
    too little text there (under ``_MIN_TEXT`` bytes) means the file is binary.
    """
    cut = data.find(b"\x00")
    try:
        data[:cut].decode("utf-8")
    except UnicodeDecodeError as error:
        cut = error.start
    end = data.rfind(b"\n", 0, cut)
    return data[:end] if end >= _MIN_TEXT else None


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
    lines = text.split("\n")
    outside_blocks = unexplained_blocks(
        words, lines, [(item.start, min(item.end, len(words.words) - 1)) for item in found]
    )
    notes = [problem] if problem else []
    matches = []
    for item in found:
        match = _match(item, words, index)
        changes = [run for run in item.inserted if changes_terms(_words(words, run))]
        if changes:
            match = replace(match, modified=True)
            notes.append(describe(match.key, changes, words))
        if item.deleted:
            match = replace(match, modified=True)
            notes.append(
                f"modified {match.key}: about {item.deleted} words of the reference cut out "
                f"(lines {match.start_line}-{match.end_line})"
            )
        matches.append(match)
    outside = classify(
        outside_blocks,
        words,
        lines,
        index.vocabulary,
        lambda block: recognised(block.run, groups_at, _closest(block.run, groups_at, index)),
        lambda run: matches[_nearest(run, found)].key if matches else None,
    )
    notes.extend(_outside_note(item) for item in outside if item.kind in _NOTED)
    candidates = tuple(
        LicenseCandidate(index.references[reference].key, score) for reference, score in near
    )
    if not matches:
        _LOG.debug("no license identified in %s; closest %s", path or "text", candidates[:3])
    unexplained = sum(block.size for block in outside_blocks)
    return LicenseIdentification(
        path, tuple(matches), candidates, "; ".join(notes) or None, unexplained, outside
    )


_NOTED = (OutsideKind.RESTRICTION, OutsideKind.UNKNOWN_LICENSE)


def _outside_note(item: OutsideText) -> str:
    """A problem note for a restriction beside a license, or an unknown license."""
    where = f"lines {item.start_line}-{item.end_line}"
    if item.kind is OutsideKind.RESTRICTION:
        beside = f" beside {item.beside}" if item.beside else ""
        return f"restriction{beside}: {item.words} words restrict use ({where})"
    what = item.title or "untitled"
    by = f" by {item.publisher}" if item.publisher else ""
    return f"unknown license: {what}{by} ({where})"


def _words(words: Words, run: Run) -> tuple[str, ...]:
    return words.words[run.first : run.last + 1]


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
