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
_LIST_MARKER = re.compile(
    r"^[\s>#*_\-+•·◦▪‣|=]*"  # quotes, headings, bullets, emphasis, table bars
    r"(?:(?:\(?(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|[a-z]|[ivxl]{1,5})[.)]|\((?:[0-9]{1,3}|[a-z]|[ivxl]{1,5})\))"
    r"[\s*_]+)+",
)
_COPYRIGHT_LINE = re.compile(
    r"^[\s#*_>\-]*(?:copyright\b.{0,12}?(?:\(c\)|©|\d{4}|\[yyyy\]|<year>|\{yyyy\})"
    r"|©|\(c\)\s*\d{4}|all rights reserved\W*$|software copyright\b)",
)
_DROPPED_WORDS = frozenset({"http", "https", "www"})
_EQUIVALENT = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licensor": "licensor",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "organisation": "organization",
    "organisations": "organizations",
    "authorisation": "authorization",
    "authorised": "authorized",
    "recognise": "recognize",
    "recognised": "recognized",
    "favour": "favor",
    "colour": "color",
    "behaviour": "behavior",
    "offence": "offense",
    "percent": "percent",
    "noncommercial": "non commercial",
    "sublicense": "sub license",
    "sublicensable": "sub licensable",
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


def _clean_line(line: str) -> str:
    """One line without markup, list markers, URLs' schemes and copyright statements."""
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _HTML_TAG.sub(" ", line)
    line = line.lower()
    if _COPYRIGHT_LINE.match(line):
        return ""
    return _LIST_MARKER.sub(" ", line, count=1)


def normalize(text: str) -> Words:
    """Split ``text`` into normalised words, each with its line number."""
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), text)
    words: list[str] = []
    lines: list[int] = []
    raw_lines = text.splitlines()
    for number, raw in enumerate(raw_lines, start=1):
        for word in _WORD.findall(_clean_line(raw)):
            if word in _DROPPED_WORDS:
                continue
            replacement = _EQUIVALENT.get(word)
            if replacement is None:
                words.append(word)
                lines.append(number)
            else:
                for part in replacement.split():
                    words.append(part)
                    lines.append(number)
    return Words(tuple(words), tuple(lines), len(raw_lines))
