"""The subject of "is/are ... open" in a sentence, and what of the release an openness phrase
calls open given that subject or the noun the phrase modifies (``claim_rules`` decides which)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from opengrade.evidence.claim_syntax import (
    PREDICATE_BREAK,
    PREPOSITIONS,
    WORD,
    head_kind,
    names_self_in,
)
from opengrade.evidence.claim_words import ClaimWords, HeadKind
from opengrade.model.evidence_payloads import ClaimTarget

_CLAUSE_JOIN = re.compile(
    r"\b(?:but|so|because|while|whereas|since|although|which|who|where|when|if)\b", re.IGNORECASE
)
_CLAUSE_BEFORE_AND = re.compile(
    r"\b(?:we|i|they|it|he|she|is|are|was|were|have|has|had|will|can|do|does|did)\b", re.IGNORECASE
)
CONJUNCTION = re.compile(r",|\band\b|\bor\b|&|/", re.IGNORECASE)
_COPULA = re.compile(
    r"\b(?:is|are|was|were|be|been|being|becomes?|remains?|stays?)\b(?!.*\b(?:is|are|was|were"
    r"|be|been|being)\b)",
    re.IGNORECASE | re.DOTALL,
)
_INITIAL_PRONOUN = re.compile(r"^\W*(?:\d+\.\s*)?(?:it|they)\b", re.IGNORECASE)
MAX_LIST_WORDS = 4
"""Words of one item of a listed subject ("Code, data, model, and benchmark are")."""


def subject_of(before: str, clause: str, names: Sequence[str], words: ClaimWords) -> Subject | None:
    """The subject of the last "is/are/was..." before the phrase, if there is one."""
    found = _COPULA.search(clause)
    if found is None:
        return None
    text = clause[: found.start()]
    between = {word.lower() for word in WORD.findall(clause[found.end() :])}
    if between & PREDICATE_BREAK:
        return BROKEN
    segment = _segment(text)
    tokens = WORD.findall(segment)
    subject_words: list[str] = []
    for token in tokens:
        if token.lower() in PREPOSITIONS and subject_words:
            break
        subject_words.append(token)
    kind = _coordinated_kind(" ".join(subject_words), words) or head_kind(subject_words, words)
    named = names_self_in(segment, names)
    own = named or bool(words.self_words.search(segment))
    pronoun = not tokens or bool(re.fullmatch(r"(?i)it|they|this|these", " ".join(tokens)))
    if pronoun and _INITIAL_PRONOUN.match(before):
        own = True
    if kind is None and not own:
        return None
    return Subject(kind, own, named)


def _segment(text: str) -> str:
    """The words of the subject before a copula: the last comma-separated part that has words
    (an apposition closes with a comma: "The base models, A and B, are"), with the parts of a
    list before it ("Code, data, model, and benchmark are"), after the last clause joiner
    ("... recordings and all the code is")."""
    parts = re.split(r",|:", text)
    index = max((i for i, part in enumerate(parts) if WORD.search(part)), default=-1)
    if index < 0:
        return ""
    segment = parts[index]
    while (
        re.match(r"\s*(?:and|or|&)\b", segment, re.IGNORECASE)
        and index > 0
        and 0 < len(WORD.findall(parts[index - 1])) <= MAX_LIST_WORDS
    ):
        index -= 1
        segment = parts[index] + "," + segment
    segment = _CLAUSE_JOIN.split(segment)[-1]
    pieces = re.split(r"\band\b", segment, flags=re.IGNORECASE)
    if len(pieces) > 1 and _CLAUSE_BEFORE_AND.search(" and ".join(pieces[:-1])):
        segment = pieces[-1]
    return segment


def _coordinated_kind(subject: str, words: ClaimWords) -> HeadKind | None:
    """Weights or the release when one of coordinated subjects names them ("the model and
    code are ..."); None when the subject is not a list or names neither."""
    conjuncts = [part for part in CONJUNCTION.split(subject) if WORD.search(part)]
    if len(conjuncts) < 2:
        return None
    kinds = {head_kind(WORD.findall(part), words) for part in conjuncts}
    for kind in (HeadKind.WEIGHTS, HeadKind.RELEASE):
        if kind in kinds:
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject of "is/are ... open": the kind its head noun names, whether it is the
    release's own (its names, "we", "this model"), and whether by one of its names."""

    kind: HeadKind | None
    own: bool
    named: bool = False


BROKEN = Subject(None, False)
"""A copula whose predicate does not reach the phrase ("X is an example of progress by ...")."""


def by_subject(subject: Subject, head: HeadKind | None) -> ClaimTarget | None:
    """What of the release a sentence with this subject calls open (None: nothing of it)."""
    kind = subject.kind
    if kind is HeadKind.CODE:
        return ClaimTarget.CODE
    if kind is HeadKind.DATA or (kind is HeadKind.OTHER and not subject.own):
        return None
    if kind is HeadKind.WEIGHTS:
        return ClaimTarget.WEIGHTS
    if kind in (HeadKind.RELEASE, HeadKind.TERMS, HeadKind.OTHER) or subject.own:
        return by_head(head)
    return None


def by_head(head: HeadKind | None) -> ClaimTarget | None:
    """What of the release the phrase's noun makes it about (None: data, other things)."""
    if head is HeadKind.CODE:
        return ClaimTarget.CODE
    if head is HeadKind.WEIGHTS:
        return ClaimTarget.WEIGHTS
    if head in (HeadKind.DATA, HeadKind.OTHER):
        return None
    return ClaimTarget.RELEASE
