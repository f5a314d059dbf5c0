"""Normalise a license text as the SPDX matching guidelines do, keeping each word's line.

Case, whitespace, punctuation, quotes, bullets and numbering, ``http``/``https``, copyright
lines, Markdown and HTML markup and a few equivalent spellings are all made irrelevant: what is
left is a sequence of lowercase words (CJK characters count as one word each).

The work is done on the whole text with C-level string operations (regular expressions that
each start at a line break, ``bytes.translate``, ``str.split``), so no Python code runs per
character and little per line. ``quick_key`` is a cheaper form still, for exact copies.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from operator import sub

_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,300}>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\(([^)\s\[]{0,2000})\)")
# Each pattern below starts at the line break before a line (the text gets a leading one), so
# the regex engine jumps from line break to line break; none of them crosses a line.
_LINE_PREFIX = r"[ \t>#*_\-+•·◦▪‣|=]"  # quotes, headings, bullets, emphasis, table bars
_LIST_MARKER = (
    r"(?:(?:\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[a-z]|[ivxl]{1,5})[.)]"
    r"|\((?:[0-9]{1,3}|[a-z]|[ivxl]{1,5})\))(?:[ \t*_]+|(?=\n|\Z)))+"
)
_LINE_START = re.compile(rf"\n(?:{_LINE_PREFIX}+(?:{_LIST_MARKER})?|{_LIST_MARKER})")
_COPYRIGHT_LINE = re.compile(
    r"\n[ \t#*_>\-]*(?:copyright\b[^\n]{0,12}?(?:\(c\)|©|\d{4}|\[yyyy\]|<year>|\{yyyy\})"
    r"|©|\(c\)[^\S\n]*\d{4}|all rights reserved[^\w\n]*(?=\n|\Z)|software copyright\b)[^\n]*",
)
_COPYRIGHT_HINTS = ("copyright", "©", "(c)", "all rights reserved")
# Every byte that cannot be part of a word becomes a space (line breaks stay).
_SEPARATORS = bytes(
    byte if (0x30 <= byte <= 0x39 or 0x61 <= byte <= 0x7A or byte == 0x0A) else 0x20
    for byte in range(256)
)
_EQUIVALENT: dict[str, tuple[str, ...]] = {
    "licence": ("license",),
    "licences": ("licenses",),
    "licenced": ("licensed",),
    "licencing": ("licensing",),
    "acknowledgement": ("acknowledgment",),
    "acknowledgements": ("acknowledgments",),
    "organisation": ("organization",),
    "organisations": ("organizations",),
    "authorisation": ("authorization",),
    "authorised": ("authorized",),
    "recognise": ("recognize",),
    "recognised": ("recognized",),
    "favour": ("favor",),
    "colour": ("color",),
    "behaviour": ("behavior",),
    "offence": ("offense",),
    "noncommercial": ("non", "commercial"),
    "sublicense": ("sub", "license"),
    "sublicensable": ("sub", "licensable"),
    "http": (),
    "https": (),
    "www": (),
}
_EQUIVALENT_WORDS = _EQUIVALENT.keys()
_WHITESPACE = b" \t\n\r\x0b\x0c"


@dataclass(frozen=True, slots=True)
class Words:
    """The normalised words of a text and where its lines end among them.

    ``ends[n]`` is the number of words on lines 1 to n+1, so the 1-based line of the word at
    ``position`` is found by bisection (``line_of``) without a line number stored per word.
    """

    words: tuple[str, ...]
    ends: tuple[int, ...]
    line_count: int

    def digest(self) -> str:
        """A hash of the whole normalised text (for exact matches)."""
        return text_digest(self.words)

    def line_of(self, position: int) -> int:
        """The 1-based line of the word at ``position``."""
        return bisect_right(self.ends, position) + 1

    @property
    def lines(self) -> tuple[int, ...]:
        """The 1-based line of every word."""
        counts = map(sub, self.ends, (0, *self.ends[:-1]))
        return tuple(chain.from_iterable(map(repeat, range(1, len(self.ends) + 1), counts)))


def text_digest(words: tuple[str, ...] | list[str]) -> str:
    """SHA-256 of words joined by single spaces."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def quick_key(text: str) -> str:
    """SHA-256 of the lowercased text without copyright lines and ASCII whitespace.

    Only case, whitespace and copyright lines are folded, so equal keys mean the same text: a
    copy re-wrapped, re-indented or with Windows line ends, with its own copyright line.
    """
    lowered = "\n" + text.lower()
    if any(hint in lowered for hint in _COPYRIGHT_HINTS):
        lowered = _COPYRIGHT_LINE.sub("\n", lowered)
    folded = lowered.encode("utf-8", "replace").translate(None, _WHITESPACE)
    return hashlib.sha256(folded).hexdigest()


def word_line_range(text: str) -> tuple[int, int]:
    """The lines of the first and of the last normalised word of ``text`` ((0, 0) for none).

    Normalisation works line by line (an HTML comment aside), so only the lines at each end
    need normalising until one has a word.
    """
    if "<!--" in text:
        words = normalize(text)
        if not words.words:
            return 0, 0
        return words.line_of(0), words.line_of(len(words.words) - 1)
    lines = text.split("\n")
    numbers = range(len(lines))
    first = next((number for number in numbers if normalize(lines[number]).words), None)
    if first is None:
        return 0, 0
    last = next(number for number in reversed(numbers) if normalize(lines[number]).words)
    return first + 1, last + 1


def _split_words(lowered: str) -> list[list[str]]:
    """The words of every line of a cleaned, lowercased text."""
    if lowered.isascii() or _CJK.search(lowered) is None:
        # Only a-z and 0-9 make words: everything else (non-ASCII included) separates them.
        spaced = lowered.encode("ascii", "replace").translate(_SEPARATORS).decode("ascii")
        return list(map(str.split, spaced.split("\n")))
    return list(map(_WORD.findall, lowered.split("\n")))


def normalize(text: str) -> Words:
    """Split ``text`` into normalised words, each with its line number."""
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    lowered = "\n" + text.lower()
    if any(hint in lowered for hint in _COPYRIGHT_HINTS):
        lowered = _COPYRIGHT_LINE.sub("\n", lowered)
    lowered = _LINE_START.sub("\n", lowered)
    per_line = _split_words(lowered[1:])
    unusual = list(map(_EQUIVALENT_WORDS.isdisjoint, per_line))
    if not all(unusual):
        equivalent = _EQUIVALENT
        for number in compress(range(len(per_line)), map(False.__eq__, unusual)):
            per_line[number] = [
                part for word in per_line[number] for part in equivalent.get(word, (word,))
            ]
    words = tuple(chain.from_iterable(per_line))
    ends = tuple(accumulate(map(len, per_line)))
    count = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
    return Words(words, ends, count)
