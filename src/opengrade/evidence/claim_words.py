"""The word lists behind the openness-claim rules, as data (``data/claim_words.yaml``).

A head word names what an openness phrase is said about (a model, its weights, code, data, a
community...); the other lists mark comparisons, what a release was built from, proper names
and the words by which a release speaks of itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from opengrade.errors import FrameworkError
from opengrade.parsing.yaml_data import load_yaml

DATA = Path(__file__).parent / "data" / "claim_words.yaml"
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


class HeadKind(StrEnum):
    """What a noun after an openness phrase names."""

    WEIGHTS = "weights"
    RELEASE = "release"
    TERMS = "terms"
    CODE = "code"
    DATA = "data"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """The lists of ``claim_words.yaml``, ready to match."""

    version: str
    heads: Mapping[str, HeadKind]
    heading_heads: frozenset[str]
    names_after: frozenset[str]
    names_after_model: frozenset[str]
    names_after_any_case: frozenset[str]
    comparison: frozenset[str]
    quantifiers: frozenset[str]
    source_of: re.Pattern[str]
    self_words: re.Pattern[str]
    release_verbs: frozenset[str]
    base_families: Mapping[str, frozenset[str]]
    copy_markers: frozenset[str]
    class_nouns: frozenset[str]
    tagline_words: frozenset[str]
    quoted_sections: frozenset[str]
    card_sections: frozenset[str]
    project_heads: frozenset[str]
    release_fields: frozenset[str]

    def kind(self, word: str) -> HeadKind | None:
        """The kind a word names (its singular is looked up too), if any; a compound name
        whose last part names code or data is that ("WebSearchTool", "MathDataset")."""
        found = self._kind(word.lower().strip(".,'’\""))
        if found is None:
            parts = _CAMEL_PART.findall(word)
            last = self._kind(parts[-1].lower()) if len(parts) > 1 else None
            if last in (HeadKind.CODE, HeadKind.DATA):
                return last
        return found

    def _kind(self, word: str) -> HeadKind | None:
        found = self.heads.get(word)
        if found is None and word.endswith("ies"):
            found = self.heads.get(word[:-3] + "y")
        if found is None and word.endswith("s"):
            found = self.heads.get(word[:-1])
        return found


@functools.cache
def load_claim_words(path: Path = DATA) -> ClaimWords:
    """The packaged word lists (read once); FrameworkError names a broken file."""
    try:
        document = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FrameworkError(f"{path}: cannot read the claim word lists: {error}") from error
    if not isinstance(document, Mapping) or not isinstance(document.get("heads"), Mapping):
        raise FrameworkError(f"{path}: expected a mapping with 'heads'")
    heads: dict[str, HeadKind] = {}
    for kind, words in document["heads"].items():
        try:
            head = HeadKind(str(kind))
        except ValueError as error:
            raise FrameworkError(f"{path}: heads.{kind}: unknown kind") from error
        for word in _words(words, f"{path}: heads.{kind}"):
            heads.setdefault(word, head)
    return ClaimWords(
        version=str(document.get("version", "")),
        heads=heads,
        heading_heads=frozenset(_words(document.get("heading_heads"), f"{path}: heading_heads")),
        names_after=frozenset(_words(document.get("names_after"), f"{path}: names_after")),
        names_after_model=frozenset(_words(document.get("names_after_model"), str(path))),
        names_after_any_case=frozenset(_words(document.get("names_after_any_case"), str(path))),
        comparison=frozenset(_words(document.get("comparison"), f"{path}: comparison")),
        quantifiers=frozenset(_words(document.get("quantifiers"), f"{path}: quantifiers")),
        source_of=_ending(_words(document.get("source_of"), f"{path}: source_of")),
        self_words=_anywhere(_words(document.get("self_words"), f"{path}: self_words")),
        release_verbs=frozenset(_words(document.get("release_verbs"), f"{path}: release_verbs")),
        base_families=_families(document.get("base_families"), f"{path}: base_families"),
        copy_markers=frozenset(_words(document.get("copy_markers"), f"{path}: copy_markers")),
        class_nouns=frozenset(_words(document.get("class_nouns"), f"{path}: class_nouns")),
        tagline_words=frozenset(_words(document.get("tagline_words"), f"{path}: tagline_words")),
        quoted_sections=frozenset(_words(document.get("quoted_sections"), str(path))),
        card_sections=frozenset(_words(document.get("card_sections"), str(path))),
        project_heads=frozenset(_words(document.get("project_heads"), str(path))),
        release_fields=frozenset(_words(document.get("release_fields"), str(path))),
    )


def _families(raw: object, where: str) -> Mapping[str, frozenset[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise FrameworkError(f"{where}: expected a mapping of word to publishers")
    return {
        str(word).lower(): frozenset(_words(owners, f"{where}.{word}"))
        for word, owners in raw.items()
    }


def _words(raw: object, where: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise FrameworkError(f"{where}: expected a list of words")
    return [str(item).lower() for item in raw]


def _ending(phrases: list[str]) -> re.Pattern[str]:
    """Any of ``phrases`` ending the text, before an optional determiner."""
    alternatives = "|".join(re.escape(item) for item in sorted(phrases, key=len, reverse=True))
    determiner = r"(?:the|a|an|these|those|existing|various|several|multiple|some|many|\d+)"
    return re.compile(rf"\b(?:{alternatives})\s+(?:{determiner}\s+)?$", re.IGNORECASE)


def _anywhere(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(item) for item in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)
