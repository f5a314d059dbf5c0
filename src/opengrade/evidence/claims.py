"""Openness claims: where a release calls itself open ("open-source", "open weights", "fully
open"...), and whether a phrase is said about this release or about others.

The rule reads one sentence around each phrase, in this order:

1. Not a claim at all: the phrase is part of an e-mail address or URL, or of a license's name
   ("Open Model License").
2. About others: a comparison governs the phrase ("outperforms", "compared with", "other",
   "among", "than", "existing"...), the phrase modifies a thing that is not this release
   ("open-source benchmarks", "libraries", "community"...), or it describes what the release
   was built from ("based on open-source models").
3. About the release: the subject before the phrase is the release itself (its name or
   family, "we", "our", "this model", "the weights", a sentence-initial "It"), or the release's
   name follows the phrase closely ("the open-source Acme-7B").
4. Otherwise about others: a phrase with no subject naming the release is not counted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from opengrade.evidence.card import (
    Sentence,
    normalise_name,
    parse_card,
    prose_documents,
    read_card,
    release_names,
    release_owner,
)
from opengrade.model import Evidence, Provenance, ReleaseSnapshot
from opengrade.model.evidence_payloads import Claim

logger = logging.getLogger(__name__)

_PHRASES: tuple[tuple[str, str], ...] = (
    ("fully-open", r"(?:fully|truly|completely|totally|100%)[- ]open(?:[- ]sourced?)?\b"),
    ("open-weights", r"open[- ]weights?\b"),
    ("open-source", r"open[- ]?sourc(?:e|ed|ing)\b"),
    ("open-model", r"open (?:models?|llms?|language models?|foundation models?)\b"),
    ("open-release", r"open release\b"),
    ("openly-licensed", r"openly[- ]licen[cs]ed\b|openly (?:released|available)\b"),
    ("open-science", r"open[- ]science\b"),
    ("open-access", r"open[- ]access\b"),
)
_PHRASE = re.compile(
    "|".join(f"(?P<{name.replace('-', '_')}>\\b{pattern})" for name, pattern in _PHRASES),
    re.IGNORECASE,
)
_NOT_A_CLAIM_BEFORE = re.compile(r"[@/.\w-]$")
_NOT_A_CLAIM_AFTER = re.compile(r"^(?:@|\.\w|/|[-\w]*\.(?:com|org|ai)\b)")
_PROPER_NAME_AFTER = re.compile(
    r"^[\w-]*\s*(?:license|licence|agreement|leaderboard|subset)\b", re.IGNORECASE
)
_COMPARISON = re.compile(
    r"\b(?:outperform\w*|surpass\w*|beat(?:s|ing)?|compar\w+|versus|vs\.?|than|other|others"
    r"|among|amongst|existing|mainstream|similar(?:ly)?|equivalently|competitive with"
    r"|on par with|rival\w*|counterparts?|alternatives?|majority of|many of|leading"
    r"|state-of-the-art .{0,20}available)\b",
    re.IGNORECASE,
)
_SOURCE_OF = re.compile(
    r"\b(?:based on|built (?:on|upon)|derived from|fine-?tuned (?:from|on)|distilled from"
    r"|plugged .{0,20} in|initiali[sz]ed from|trained on)\s*$",
    re.IGNORECASE,
)
_OTHER_THINGS = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:benchmarks?|librar(?:y|ies)|communit(?:y|ies)|projects?"
    r"|frameworks?|software|tools?|toolkits?|ecosystems?|corpus|corpora|alternatives?"
    r"|counterparts?|peers|competitors|initiatives?|efforts|movement|chat models"
    r"|generic)\b",
    re.IGNORECASE,
)
_OTHER_SUBJECT = re.compile(r"\b(?:tools|libraries|benchmarks|frameworks)\b\W*$", re.IGNORECASE)
_SELF_WORDS = re.compile(
    r"\b(?:we|we've|we're|our|us|this (?:model|release|repository|repo|checkpoint|work|version)"
    r"|these (?:models|weights|checkpoints)|the (?:model|weights|checkpoints?)"
    r"|all the weights|its weights|all (?:the )?versions)\b",
    re.IGNORECASE,
)
_SELF_AFTER = re.compile(r"^\W*(?:\S+\s+){0,2}?(?:weights|checkpoints?)\b", re.IGNORECASE)
_INITIAL_PRONOUN = re.compile(r"^(?:\d+\.\s*)?(?:it|they)\s+(?:is|are|was|were|has|have)\b", re.I)
_GATE_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_WORD = re.compile(r"[^\W_]+(?:[.+][^\W_]+)*")
_STOP_NAMES = {"all", "the", "model", "models", "base", "chat", "instruct", "open", "hf"}
MAX_SENTENCE = 400
MAX_CLAIMS = 200
"""Phrases reported per document; a real card has a few dozen at most."""
CONTEXT = 300
"""Characters read on each side of a phrase (bounds the work on pathological sentences)."""
WORDS_AFTER = 3


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """CLAIM evidence for every openness phrase in the card and other prose documents."""
    names = _self_names(snapshot)
    items = list(_gate_claims(snapshot, names))
    for document in prose_documents(snapshot):
        found = 0
        for sentence in parse_card(document).sentences:
            for phrase, about in judge(sentence.text, names):
                items.append(_claim(document.path, sentence, phrase, about))
                found += 1
                if found >= MAX_CLAIMS:
                    break
            if found >= MAX_CLAIMS:
                logger.info("%s: stopped after %d openness phrases", document.path, found)
                break
    return items


def _gate_claims(snapshot: ReleaseSnapshot, names: tuple[str, ...]) -> Iterator[Evidence]:
    """Claims in the text a gated card shows before access (``extra_gated_prompt``...)."""
    card = read_card(snapshot)
    if card is None:
        return
    for key, value in card.front_matter.fields.items():
        if not key.startswith("extra_gated_") or not isinstance(value, str):
            continue
        where = Provenance(path=card.file.path, line=card.front_matter.line(key), field=key)
        for text in _GATE_SENTENCE.split(value)[:MAX_CLAIMS]:
            for phrase, about in judge(text.strip(), names):
                sentence = " ".join(text.split())[:MAX_SENTENCE]
                yield Evidence(Claim(phrase, sentence, about_release=about), where)


def _claim(path: str, sentence: Sentence, phrase: str, about: bool) -> Evidence:
    claim = Claim(phrase, sentence.text[:MAX_SENTENCE], about_release=about)
    return Evidence(claim, Provenance(path=path, line=sentence.line))


def _self_names(snapshot: ReleaseSnapshot) -> tuple[str, ...]:
    """The release's names and family names (normalised) that make a subject "this release"."""
    card = read_card(snapshot)
    names = set(release_names(snapshot, card))
    owner = release_owner(snapshot)
    if owner and owner not in _STOP_NAMES:
        names.add(owner)
    model = snapshot.id.replace("__", "/").rstrip("/").split("/")[-1]
    names.add(_family(model))
    return tuple(sorted(name for name in names if len(name) >= 2 and name not in _STOP_NAMES))


def _family(name: str) -> str:
    """The first word of a model name (``falcon`` for ``falcon-40b``, ``yi`` for ``Yi-6B``)."""
    for word in re.split(r"[\s_/-]+", name):
        letters = normalise_name(re.sub(r"\d.*$", "", word)) if word[:1].isalpha() else ""
        if len(letters) >= 2 and letters not in _STOP_NAMES:
            return letters
    return ""


def judge(text: str, names: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """Each openness phrase in a sentence with whether it is said about the release."""
    if "open" not in text.lower():
        return
    for match in _PHRASE.finditer(text):
        before = text[max(0, match.start() - CONTEXT) : match.start()]
        after = text[match.end() : match.end() + CONTEXT]
        if _NOT_A_CLAIM_BEFORE.search(before[-1:]) or _NOT_A_CLAIM_AFTER.match(after):
            continue
        if _PROPER_NAME_AFTER.match(after.lstrip()):
            continue
        phrase = (match.lastgroup or "open_source").replace("_", "-")
        yield phrase, _about_release(before, after, names)


def _about_release(before: str, after: str, names: tuple[str, ...]) -> bool:
    clause = re.split(r"[;:,](?=\s)|\s[—–]\s|\bwhile\b", before)[-1]
    if _COMPARISON.search(clause) or _SOURCE_OF.search(before):
        return False
    if _OTHER_THINGS.match(after.lstrip(" -*_")) or _OTHER_SUBJECT.search(before):
        return False
    if _names_self(before, names) or _SELF_WORDS.search(before):
        return True
    if _INITIAL_PRONOUN.match(before.lstrip(" *_-")):
        return True
    following = " ".join(after.split()[:WORDS_AFTER])
    if _SELF_WORDS.search(following) or _SELF_AFTER.match(after):
        return True
    return _names_self(following, names)


def _names_self(text: str, names: tuple[str, ...]) -> bool:
    """Whether any word or word pair of ``text`` is one of the release's names."""
    words = [normalise_name(word) for word in _WORD.findall(text)]
    for index, word in enumerate(words):
        if not word:
            continue
        joined = word
        if any(_is_name(word, name) for name in names):
            return True
        for other in words[index + 1 : index + 4]:
            joined += other
            if joined in names:
                return True
    return False


def _is_name(word: str, name: str) -> bool:
    """``word`` is ``name`` or a version of it (``falcon40b`` of ``falcon``, ``yi15`` of ``yi``)."""
    if word == name:
        return True
    return word.startswith(name) and (len(name) >= 3 or word[len(name)].isdigit())
