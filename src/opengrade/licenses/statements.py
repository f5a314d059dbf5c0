"""Sentences in prose that state a license: "released under the Llama 3.1 Community License".

A sentence qualifies when a licensing verb ("released / licensed / open-sourced / distributed /
available / provided / governed / covered ... under / by", "subject to", "adhere to", "the weights
are under") is followed, within a few words, by a name the catalogue knows. The longest known name
wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opengrade.licenses.catalog import terms
from opengrade.licenses.names import key_for_name

_TRIGGER = re.compile(
    r"\b(?:(?:released|licen[sc]ed|distributed|available|provided|published|governed|covered|"
    r"open[- ]?sourced|made available|shared|offered|are|is)\s+"
    r"(?:(?:freely|publicly|openly|only)\s+)?"
    r"(?:under|by)|subject to|pursuant to|under the terms of|comply with|adhere to|abide by"
    r"|license:|licence:)\s+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[\*#])|\n\s*\n")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,500})\]\(([^)\s\[]{0,2000})\)")
_WORD = re.compile(r"[^\s,;:()\[\]]+")
_MAX_NAME_WORDS = 9
_MAX_SENTENCE = 600
_LICENSE_WORD = re.compile(r"licen[sc]e|agreement|terms", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence stating a license, its 1-based line, and the keys it names.

    ``name`` is the phrase that follows the licensing verb; when no key is known for it
    (``keys`` empty: "the weights are under the Model License") the caller can match it
    against the release's files (LICENSE-MODEL).
    """

    sentence: str
    line: int
    keys: tuple[str, ...]
    name: str = ""


def _names_after(text: str) -> list[str]:
    """Keys named at the start of ``text`` (longest name first; several when joined by and/or)."""
    keys: list[str] = []
    words = _WORD.findall(text)[: _MAX_NAME_WORDS * 3]
    position = 0
    while position < len(words) and len(keys) < 4:
        if words[position].lower() in {"the", "a", "an", "its", "our", "their"}:
            position += 1
            continue
        for length in range(min(_MAX_NAME_WORDS, len(words) - position), 0, -1):
            candidate = " ".join(words[position : position + length]).strip(".\"'“”`*")
            key = _known(candidate)
            if key:
                keys.append(key)
                position += length
                break
        else:
            break
        if position < len(words) and words[position].lower() in {"and", "or", "&", "/"}:
            position += 1
            continue
        break
    return keys


def _known(candidate: str) -> str | None:
    if len(candidate) < 2 or candidate.lower() in {"license", "the license", "terms", "this"}:
        return None
    found = terms(candidate)
    if found is not None and found.key.lower() not in {"unknown", "other"}:
        return found.key
    return key_for_name(candidate)


def find_license_statements(text: str) -> list[Statement]:
    """Every sentence of ``text`` that states a known license, in text order."""
    statements: list[Statement] = []
    plain = _MARKDOWN_LINK.sub(r"\1", text)
    offset = 0
    for sentence in _SENTENCE_END.split(plain):
        start = plain.find(sentence, offset)
        offset = max(offset, start + len(sentence))
        if not _TRIGGER.search(sentence) or len(sentence) > _MAX_SENTENCE * 4:
            continue
        keys: list[str] = []
        first = None
        for trigger in _TRIGGER.finditer(sentence):
            first = first or trigger
            for key in _names_after(sentence[trigger.end() :]):
                if key not in keys:
                    keys.append(key)
        if first is None:
            continue
        phrase = _phrase(sentence[first.end() :])
        if keys or _LICENSE_WORD.search(phrase):
            line = plain.count("\n", 0, max(start, 0) + first.start()) + 1
            cleaned = " ".join(sentence.split())[:_MAX_SENTENCE]
            statements.append(Statement(cleaned, line, tuple(keys), phrase))
    return statements


def _phrase(text: str) -> str:
    """The words after the verb, up to the end of the license's name."""
    words = text.split()[:_MAX_NAME_WORDS]
    for number, word in enumerate(words):
        if _LICENSE_WORD.search(word):
            return " ".join(words[: number + 1]).strip(".,;:")
    return " ".join(words[:4]).strip(".,;:")
