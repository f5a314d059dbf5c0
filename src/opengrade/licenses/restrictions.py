"""Restrictions stated in prose: "after completing the questionnaire registration, they are also
allowed for free commercial use", "for research purposes only", "daily active users below 1
million".

The patterns are data (``data/restrictions.yaml``): three classes of restriction (commercial use
conditional, research or non-commercial use only, user thresholds), each with the OSD clause it
breaks, and exclusions (intended-use statements, grants, sentences about something else than the
release). ``find_restriction(sentence)`` says which class a sentence states, or None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opengrade.parsing.yaml_data import load_yaml

RESOURCE = Path(__file__).parent / "data" / "restrictions.yaml"
_MAX_SENTENCE = 2000
_CLAUSE_BREAK = re.compile(r"[,;，；]|\s(?:while|whereas)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RestrictionClass:
    """One class of restriction: its name, what it means, its source and its patterns."""

    name: str
    description: str
    source: str
    patterns: tuple[re.Pattern[str], ...]
    requires: re.Pattern[str] | None = None
    beside_open_license: bool = True
    """Whether the restriction binds when the card also names a license known to be open."""


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Sentences that are not license terms (intended use, grants, other subjects)."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class RestrictionRules:
    """The rules file, parsed."""

    version: str
    classes: tuple[RestrictionClass, ...]
    exclusions: tuple[Exclusion, ...]
    skip_table_rows: bool
    clause_exclusions: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    """Lowercase words one of which every class pattern needs (a fast first test)."""
    any_pattern: re.Pattern[str] | None = None
    """Every class pattern in one expression: most sentences are ruled out by one search."""


@dataclass(frozen=True, slots=True)
class Restriction:
    """A sentence's restriction: its class and the words that state it."""

    kind: str
    words: str


def _compiled(patterns: object) -> tuple[re.Pattern[str], ...]:
    values = patterns if isinstance(patterns, list) else []
    return tuple(re.compile(str(value), re.IGNORECASE) for value in values)


def _optional(value: object) -> re.Pattern[str] | None:
    return re.compile(str(value), re.IGNORECASE) if value else None


@functools.cache
def rules() -> RestrictionRules:
    """Parse the packaged rules (once)."""
    document: Any = load_yaml(RESOURCE.read_text(encoding="utf-8"))
    classes: Mapping[str, Mapping[str, object]] = document["classes"]
    exclusions: Mapping[str, Mapping[str, object]] = document["exclusions"]
    parsed = tuple(
        RestrictionClass(
            name=str(name),
            description=str(entry.get("description", "")),
            source=str(entry.get("source", "")),
            patterns=_compiled(entry.get("patterns")),
            requires=_optional(entry.get("requires")),
            beside_open_license=entry.get("beside_open_license", True) is not False,
        )
        for name, entry in classes.items()
    )
    every = "|".join(f"(?:{p.pattern})" for item in parsed for p in item.patterns)
    return RestrictionRules(
        version=str(document["version"]),
        classes=parsed,
        exclusions=tuple(
            Exclusion(str(name), _compiled(entry.get("patterns")), _optional(entry.get("unless")))
            for name, entry in exclusions.items()
        ),
        skip_table_rows=bool(document.get("skip_table_rows", True)),
        clause_exclusions=frozenset(str(name) for name in document.get("clause_exclusions", ())),
        keywords=tuple(str(word).lower() for word in document.get("keywords", ())),
        any_pattern=re.compile(every, re.IGNORECASE) if every else None,
    )


def excluded_by(sentence: str, clause: str | None = None) -> str | None:
    """The name of the exclusion that keeps ``sentence`` from being a license term, if any;
    ``clause`` (the part stating the restriction) is checked too for the clause exclusions."""
    loaded = rules()
    for exclusion in loaded.exclusions:
        texts = [sentence]
        if clause is not None and exclusion.name in loaded.clause_exclusions:
            texts.append(clause)
        for text in texts:
            matched = any(pattern.search(text) for pattern in exclusion.patterns)
            if matched and (exclusion.unless is None or not exclusion.unless.search(text)):
                return exclusion.name
    return None


def find_restriction(sentence: str, *, shortcut: bool = True) -> Restriction | None:
    """The restriction ``sentence`` states about the release's weights, or None.
    ``shortcut=False`` skips the keyword test (to check it changes nothing)."""
    loaded = rules()
    if shortcut and loaded.keywords:
        lowered = sentence[:_MAX_SENTENCE].lower()
        if not any(word in lowered for word in loaded.keywords):
            return None
    text = " ".join(sentence[:_MAX_SENTENCE].split())
    if loaded.any_pattern is None or not loaded.any_pattern.search(text):
        return None
    for restriction in loaded.classes:
        if restriction.requires is not None and not restriction.requires.search(text):
            continue
        for pattern in restriction.patterns:
            found = pattern.search(text)
            if found:
                clause = _clause(text, found.start(), found.end())
                excluded = excluded_by(text, clause)
                return None if excluded else Restriction(restriction.name, found.group(0))
    return None


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around the span ``start:end`` (between commas, semicolons,
    "while", "whereas")."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def binds_beside_open_license(kind: str) -> bool:
    """Whether a restriction of class ``kind`` binds when an open license is also named."""
    return next((item.beside_open_license for item in rules().classes if item.name == kind), True)


def is_table_row(line: str) -> bool:
    """A markdown or HTML table row (lists many models, often other ones)."""
    stripped = line.lstrip().lower()
    return stripped.startswith(("|", "<table")) or stripped[:3] in {"<td", "<th", "<tr"}
