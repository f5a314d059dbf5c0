"""Normalise a license text as the SPDX matching guidelines do, keeping each word's line.

Case, whitespace, punctuation, quotes, bullets and numbering, ``http``/``https``, copyright
lines, Markdown and HTML markup and a few equivalent spellings are all made irrelevant: what is
left is a sequence of lowercase words (CJK characters count as one word each).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,300}>")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)\)")
_LINE_PREFIX = " \t>#*_-+•·◦▪‣|="  # quotes, headings, bullets, emphasis, table bars
_LIST_MARKER = re.compile(
    r"(?:(?:\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[a-z]|[ivxl]{1,5})[.)]|\((?:[0-9]{1,3}|[a-z]|[ivxl]{1,5})\))"
    r"(?:[ \t*_]+|$))+",
)
_COPYRIGHT_LINE = re.compile(
    r"[ \t#*_>\-]*(?:copyright\b.{0,12}?(?:\(c\)|©|\d{4}|\[yyyy\]|<year>|\{yyyy\})"
    r"|©|\(c\)\s*\d{4}|all rights reserved[^\w\n]*$|software copyright\b)",
)
_COPYRIGHT_HINTS = ("copyright", "©", "(c)", "all rights reserved")
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


@dataclass(frozen=True, slots=True)
class Words:
    """The normalised words of a text and the 1-based line each word came from."""

    words: tuple[str, ...]
    lines: tuple[int, ...]
    line_count: int

    def digest(self) -> str:
        """A hash of the whole normalised text (for exact matches)."""
        return text_digest(self.words)


def text_digest(words: tuple[str, ...] | list[str]) -> str:
    """SHA-256 of words joined by single spaces."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _clean(line: str) -> str:
    """A lowercased line without its copyright statement or leading list marker."""
    if any(hint in line for hint in _COPYRIGHT_HINTS) and _COPYRIGHT_LINE.match(line):
        return ""
    body = line.lstrip(_LINE_PREFIX)
    marker = _LIST_MARKER.match(body)
    return body[marker.end() :] if marker else body


def normalize(text: str) -> Words:
    """Split ``text`` into normalised words, each with its line number."""
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    words: list[str] = []
    lines: list[int] = []
    raw_lines = text.lower().split("\n")
    findall = _WORD.findall
    equivalent = _EQUIVALENT
    for number, raw in enumerate(raw_lines, start=1):
        found = findall(_clean(raw))
        if not found:
            continue
        if not equivalent.keys().isdisjoint(found):
            found = [part for word in found for part in equivalent.get(word, (word,))]
        words.extend(found)
        lines.extend([number] * len(found))
    count = len(raw_lines) - (1 if raw_lines and not raw_lines[-1] else 0)
    return Words(tuple(words), tuple(lines), count)
