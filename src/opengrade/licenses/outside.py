"""What the text outside every identified license is: an unknown license, a restriction, a
notice or junk.

Text around an intact license is not a change to it. A stretch outside every span is

- *junk* when most of its words (of its first ``JUNK_SAMPLE``) are not words any indexed
  license uses (markup, code, binary residue: ``JUNK_SHARE``);
- an *unknown license* when it reads as one: it opens with a title naming a license,
  agreement or terms, is long enough (``LICENSE_WORDS``) and uses the vocabulary of grants
  and conditions (``LEGAL_WORDS``). Its title and publisher are taken from its own lines;
- a *restriction* when it restricts use (``differences.restricts``) and is not the rest of a
  known text (a cut-off policy); it is reported beside the license it follows;
- a *notice* otherwise (a preamble, a pointer, a disclaimer, a scope note).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from opengrade.licenses.differences import Block, Run, restricts
from opengrade.licenses.normalize import Words
from opengrade.model.license import OutsideKind, OutsideText

JUNK_SHARE = 0.5
JUNK_SAMPLE = 2000
LICENSE_WORDS = 100
LEGAL_WORDS = 6
TITLE_MAX_WORDS = 16
TITLE_LINES = 6
SENTENCE_WORDS = 8
_LEGAL = frozenset(
    {
        "license",
        "licensed",
        "licensee",
        "licensor",
        "grant",
        "granted",
        "grants",
        "rights",
        "warranty",
        "warranties",
        "liability",
        "liable",
        "terms",
        "conditions",
        "agreement",
        "permission",
        "permitted",
        "distribute",
        "distribution",
        "redistribute",
        "redistribution",
        "derivative",
        "derivatives",
        "sub",
        "commercial",
        "copyright",
        "intellectual",
        "property",
        "terminate",
        "termination",
        "indemnify",
        "governing",
    }
)
_TITLE = re.compile(r"\b(?:licen[cs]e|agreement|terms of use|terms and conditions)\b", re.I)
_MARKUP = " \t#*_=->`|~"
_NOT_PUBLISHERS = frozenset({"you", "the licensee", "licensee", "company", "licensor"})
_BETWEEN = re.compile(
    r"\bbetween\s+(?:you\s+and\s+|the\s+licensee\s+and\s+)?"
    r"([A-Z0-9][\w&.'\- ]{1,60}?)\s*(?:\(|,|\band\b|\.\s)"
)
_DEFINED_AS = re.compile(r"\(\s*[\"“”']*\s*(?:the\s+)?(?:Licensor|Company|we|us)\b")
_NAME_BEFORE = re.compile(r"([A-Z][\w&.,'\- ]{1,60})\s*$")
_COPYRIGHT = re.compile(
    r"(?im)^[ \t#*>]*copyright\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?[,\s]*)+"
    r"([A-Za-z][^\n]{1,80}?)(?:[.,]?\s*all rights reserved.*)?$"
)
PUBLISHER_CHARS = 200_000


def classify(
    blocks: Sequence[Block],
    words: Words,
    lines: Sequence[str],
    vocabulary: Mapping[str, int],
    rest_of_known: Callable[[Block], bool],
    beside: Callable[[Run], str | None],
) -> tuple[OutsideText, ...]:
    """Each block with words on lines that are not titles, as typed outside text.

    ``rest_of_known`` tells whether a block is mostly an indexed text (a cut-off policy);
    ``beside`` gives the key of the license a run accompanies.
    """
    found = []
    for block in blocks:
        if not block.lines:
            continue
        said = [word for line in block.lines for word in words.words[line.first : line.last + 1]]
        first = words.line_of(block.run.first)
        last = words.line_of(block.run.last)
        kind, title, publisher = _kind(said, lines[first - 1 : last], vocabulary)
        if kind is OutsideKind.RESTRICTION and rest_of_known(block):
            kind = OutsideKind.NOTICE
        near = beside(block.run) if kind is not OutsideKind.UNKNOWN_LICENSE else None
        found.append(OutsideText(kind, first, last, len(said), title, publisher, near))
    return tuple(found)


def _kind(
    said: Sequence[str], text_lines: Sequence[str], vocabulary: Mapping[str, int]
) -> tuple[OutsideKind, str | None, str | None]:
    wording = [word for word in said[:JUNK_SAMPLE] if len(word) > 1 and not word.isdigit()]
    known = sum(1 for word in wording if word in vocabulary)
    if not wording or known < JUNK_SHARE * len(wording):
        return OutsideKind.JUNK, None, None
    title = license_title(text_lines)
    legal = len(_LEGAL.intersection(said))
    if title and len(said) >= LICENSE_WORDS and legal >= LEGAL_WORDS:
        return OutsideKind.UNKNOWN_LICENSE, title, publisher_of(text_lines)
    if restricts(said):
        return OutsideKind.RESTRICTION, None, None
    return OutsideKind.NOTICE, None, None


def license_title(text_lines: Sequence[str]) -> str | None:
    """The title a text opens with, when one of its first non-empty lines names a license."""
    opening = [line.strip().strip(_MARKUP).strip() for line in text_lines]
    for line in [line for line in opening if line][:TITLE_LINES]:
        cleaned = " ".join(line.replace("*", " ").split()).rstrip(":").lstrip(".:;,-–— ")
        if _is_title(cleaned):
            return cleaned[:160]
    return None


def _is_title(line: str) -> bool:
    """A short line naming a license, not a sentence, a clause list or a web address."""
    count = len(line.split())
    return (
        count <= TITLE_MAX_WORDS
        and _TITLE.search(line) is not None
        and "://" not in line
        and line.count(",") < 2
        and not (line.endswith(".") and count > SENTENCE_WORDS)
    )


def publisher_of(text_lines: Sequence[str]) -> str | None:
    """Who issues a license, from its own words ("between you and X", "X ("Licensor")",
    its copyright line); None when none of them is there."""
    text = "\n".join(text_lines)[:PUBLISHER_CHARS]
    found = [(match.start(1), match.group(1)) for match in _BETWEEN.finditer(text)]
    found += [(match.start(1), match.group(1)) for match in _COPYRIGHT.finditer(text)]
    for match in _DEFINED_AS.finditer(text):
        before = _NAME_BEFORE.search(text[max(0, match.start() - 80) : match.start()])
        if before:
            found.append((match.start() - len(before.group(0)), before.group(1)))
    for _, raw in sorted(found):
        name = " ".join(raw.split()).strip(" .,'\"“”")
        if len(name) > 1 and name.lower() not in _NOT_PUBLISHERS:
            return name
    return None
