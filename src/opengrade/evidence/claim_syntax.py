"""The pieces of sentence structure the openness-claim rules read: words, the noun phrase an
openness phrase modifies and its head, whether words name the release, and the closed word
classes (stop words, prepositions) that bound them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from opengrade.evidence.card import normalise_name
from opengrade.evidence.claim_words import ClaimWords, HeadKind

AFTER_COMMA_STOP = frozenset(
    {
        "and",
        "or",
        "but",
        "while",
        "which",
        "who",
        "with",
        "as",
        "a",
        "an",
        "the",
        "this",
        "these",
        "its",
    }
)

GENERIC_HEADS = frozenset({"release", "version"})

PRONOUNS = frozenset({"we", "i", "us", "we've", "we're"})

PREDICATE_BREAK = frozenset(
    {
        "by",
        "for",
        "from",
        "on",
        "in",
        "at",
        "than",
        "like",
        "about",
        "against",
        "via",
        "through",
        "among",
    }
)

WORD = re.compile(r"[^\W_]+(?:['’.+-][^\W_]+)*%?")

PARENTHESES = re.compile(r"\([^()]{0,200}\)")

NP_STOP = frozenset(
    {
        "to",
        "for",
        "with",
        "by",
        "under",
        "that",
        "which",
        "who",
        "whose",
        "on",
        "in",
        "at",
        "from",
        "as",
        "so",
        "because",
        "if",
        "via",
        "than",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "such",
        "including",
        "like",
        "trained",
        "designed",
        "developed",
        "built",
        "released",
        "available",
        "based",
        "and/or",
        "tuned",
        "fine-tuned",
        "pretrained",
        "pre-trained",
        "capable",
        "specialized",
        "specialised",
    }
)

PREPOSITIONS = frozenset(
    {
        "of",
        "for",
        "in",
        "on",
        "at",
        "with",
        "by",
        "from",
        "to",
        "about",
        "under",
        "over",
        "into",
    }
)

TAGLINE_FOLLOW = frozenset(
    {
        "for",
        "with",
        "by",
        "from",
        "trained",
        "built",
        "based",
        "designed",
        "fine-tuned",
        "finetuned",
        "that",
        "which",
        "in",
        "on",
        "of",
        "developed",
        "created",
        "made",
        "released",
    }
)

WORDS_AFTER = 8

MODALITIES = frozenset({"text", "image", "speech", "video", "audio", "music", "voice", "sketch"})
"""Words before "to" in a task name that keeps the noun phrase going ("text to video model")."""


def noun_phrase(after: str) -> list[str]:
    """The words the phrase modifies: up to a stop word, punctuation or WORDS_AFTER words."""
    text = PARENTHESES.sub(" ", after[:200])
    found: list[str] = []
    comma = False
    for token in re.findall(r"[^\W_]+(?:['’.+-][^\W_]+)*|[,.;:!?()]", text):
        if token in ".;:!?()":
            break
        if token == ",":
            comma = True
            continue
        if comma and token.lower() in AFTER_COMMA_STOP:
            break
        comma = False
        modality = token.lower() == "to" and found and found[-1].lower() in MODALITIES
        if (token.lower() in NP_STOP and not modality) or len(found) >= WORDS_AFTER:
            break
        found.append(token)
    return found


def head_kind(phrase_words: list[str], words: ClaimWords) -> HeadKind | None:
    """The kind of the last word of the noun phrase that names one; a generic last word
    ("release", "version") takes the kind of a more specific word before it ("code release")."""
    kinds = [words.kind(word) for word in phrase_words]
    known = [kind for kind in kinds if kind is not None]
    if not known:
        return None
    last = phrase_words[max(i for i, kind in enumerate(kinds) if kind is not None)].lower()
    if last.rstrip("s") in GENERIC_HEADS and len(known) > 1:
        return known[-2]
    return known[-1]


def own_words(text: str, words: ClaimWords) -> bool:
    """Self words other than a bare pronoun ("this model", "our", not "we")."""
    return any(found.group(0).lower() not in PRONOUNS for found in words.self_words.finditer(text))


def self_after(text: str, words: ClaimWords) -> bool:
    """Words after the phrase that name the release ("our model", "these weights")."""
    found = words.self_words.search(text)
    return found is not None and found.group(0).lower() not in {"we", "i", "us", "my", "our"}


def names_self_in(text: str, names: Sequence[str]) -> bool:
    """Whether ``text`` names the release: a word or run of up to four words is one of its
    names or a version of one, or a hyphenated word starts with one (``Yi-Coder`` of ``yi``)."""
    found = WORD.findall(text)
    tokens = [normalise_name(word) for word in found]
    for index, word in enumerate(tokens):
        if not word:
            continue
        if any(is_name(word, name) for name in names):
            return True
        if "-" in found[index] and normalise_name(found[index].split("-")[0]) in names:
            return True
        joined = word
        for other in tokens[index + 1 : index + 4]:
            joined += other
            if any(is_name(joined, name) for name in names):
                return True
    return False


def is_name(word: str, name: str) -> bool:
    """``word`` is ``name`` or a version of it (``falcon40b`` of ``falcon``, ``yi15`` of ``yi``),
    or, for a name of six letters or more, the name with one inner letter dropped or added (a
    typo in the card: ``mincpmv`` of ``minicpm``)."""
    if word == name:
        return True
    if word.startswith(name):
        return len(name) >= 3 or word[len(name)].isdigit()
    return len(name) >= MIN_TYPO_NAME and word[:3] == name[:3] and _one_letter_apart(word, name)


MIN_TYPO_NAME = 6


def _one_letter_apart(word: str, name: str) -> bool:
    """Whether the start of ``word`` is ``name`` with one inner letter dropped or added."""
    for index in range(3, len(name)):
        if name[index].isalpha() and word.startswith(name[:index] + name[index + 1 :]):
            return True
    head = word[: len(name) + 1]
    return len(head) == len(name) + 1 and any(
        head[index].isalpha() and head[:index] + head[index + 1 :] == name
        for index in range(3, len(name))
    )
