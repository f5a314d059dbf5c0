"""What an openness phrase in one sentence is said about: the release (or its weights), its code
only, or something else.

The rules read the sentence around each phrase, in this order (word lists in
``data/claim_words.yaml``):

1. Not a claim: part of a URL or e-mail address, or of a proper name ("Open LLM Leaderboard",
   "NVIDIA Open Model License", "Open Science Framework").
2. Nothing of the release: the phrase says what the release was built from ("based on
   open-source models"), a comparison or thanks governs it ("among", "than", "other",
   "outperforms", "thanks to"), or the noun it modifies is data, a community, a benchmark.
3. The subject of "is/are ... open" (its head noun, then its names): code -> code only; weights
   or checkpoints -> weights; the release's own names, "we", "this model", a model noun ->
   the release.
4. "open-source" as a verb ("we open-source X", "X is open-sourced", "openly releasing these
   models"): what is opened decides the same way.
5. Without a verb: the release's names before the phrase ("Introducing Acme-7B, an open-source
   LLM"), right after it ("the open-source version of Acme"), before the colon of a title
   ("Acme: Open Foundation Models"), or a tagline, heading or title whose phrase modifies a
   model noun ("An open-source 7B chat model, trained on ..."; "## Open Source License").
6. Otherwise nothing of the release.

The subject of a copula and the targets it gives are read by ``claim_subject``; "open-source"
used as a verb by ``claim_verbs``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from opengrade.evidence.claim_subject import BROKEN, by_head, by_subject, subject_of
from opengrade.evidence.claim_syntax import (
    PARENTHESES,
    TAGLINE_FOLLOW,
    WORD,
    WORDS_AFTER,
    head_kind,
    names_self_in,
    noun_phrase,
    own_words,
    self_after,
)
from opengrade.evidence.claim_verbs import opened, verb_target
from opengrade.evidence.claim_words import ClaimWords, HeadKind, load_claim_words
from opengrade.model.evidence_payloads import ClaimTarget

_PHRASES: tuple[tuple[str, str], ...] = (
    ("fully-open", r"(?:fully|full|truly|completely|totally|100%)[- ]open(?:[- ]?sourced?)?\b"),
    ("open-weights", r"open[- ]weights?\b"),
    ("open-source", r"open[- ]?sourc(?:e|ed|es|ing)\b"),
    ("openly-licensed", r"openly[- ]licen[cs]ed\b"),
    ("openly-released", r"openly[- ](?:releas\w*|available)\b"),
    ("open-model", r"open (?:(?!sourced?|weights?)[\w-]+ ){0,2}?(?:models?|llms?|chatbots?)\b"),
    ("open-release", r"open (?:release|reproduction)\b"),
    ("open-science", r"open[- ]science\b"),
    ("open-access", r"open[- ]access\b"),
)
PHRASE = re.compile(
    "|".join(f"(?P<{name.replace('-', '_')}>\\b{pattern})" for name, pattern in _PHRASES),
    re.IGNORECASE,
)
CONTEXT = 300
"""Characters read on each side of a phrase (bounds the work on pathological sentences)."""
_NOT_A_CLAIM_BEFORE = re.compile(r"[@/.\w-]$")
_NOT_A_CLAIM_AFTER = re.compile(r"^(?:@|\.\w|/|[-\w]*\.(?:com|org|ai|io|cn|net)\b)")
_CLAUSE_BREAK = re.compile(
    r";|\s[—–-]\s|\b(?:while|whereas|but|however|although)\b"
    r"|\b(?:demonstrat|show|suggest|prov|mean|find|found|argu|believ)\w*\s+that\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not(?!\s+(?:only|just|merely)\b)|non|never|closed|no longer)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OWN_PURPOSE = re.compile(
    r"^\W*(?:this|it)(?:\s+(?:model|project|release|repository|work|checkpoint))?\s+is\b.*"
    r"\bto\s+(?:create|build|develop|produce|train|provide|offer)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE | re.DOTALL,
)
_OWN_VERSION = re.compile(
    r"^\W*(?:the|this|our)\s+(?:(?:current|latest|first|new|initial|present)\s+)?$", re.I
)
_AS_BEFORE = re.compile(r"\bas\s+(?:an?|the)\s+$", re.IGNORECASE)
_COLON_LABEL = re.compile(r"^[^:.!?/]{0,60}:\s+(?P<rest>.*)$", re.DOTALL)
_APPOSITION = re.compile(r",\s*(?:a|an|the)\s+(?:[\w.%-]+\s+){0,3}$", re.IGNORECASE)
_PURPOSE = re.compile(
    r"\bto\s+(?!release|make|open|publish|share|provide|announce|introduc|present"
    r"|(?:the|a|an|our|its|their|this|these|those)\b)\w+\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|plan(?:s|ning|ned)?\s+to|soon)\s+"
    r"(?:(?:also|soon|be|then|later|fully|further|gradually|all|made|become)\s+){0,3}$",
    re.IGNORECASE,
)
_MADE_BEFORE = re.compile(
    r"\b(?:we|i|they|have|has|had|will|to)\s+(?:\w+\s+)?(?:made|make|making)\s+"
    r"(?P<object>[^,;:]{1,120}?)\s+$",
    re.IGNORECASE,
)
_BEING_OPENING = re.compile(
    r"^\W*(?:(?:(?:aside|apart)\s+from|besides|in\s+addition\s+to|while)?\s*being|as)\s+"
    r"[^,;:.!?]{0,80}$",
    re.IGNORECASE,
)
_NAMED_BEFORE = re.compile(r"\b(?:the|our|this)\s+([\w.·+-]+(?:\s+[\w.·+-]+)?)\s+$", re.I)
_SHORTCODE = re.compile(r"(?<!\w):[a-z][a-z0-9_+-]{1,40}:(?!\w)")
_OWN_MAIN_SUBJECT = re.compile(r"^\s*(?:the|this|these|our|its)\b", re.IGNORECASE)
_RELEASE_BEFORE = re.compile(
    r"\b(?:we|i)\s+(?:\w+\s+)?(?:release[sd]?|releasing|publish(?:ed|es)?|provide[sd]?|share[sd]?"
    r"|present(?:ed|s)?|introduc(?:e[sd]?|ing)|offer(?:ed|s)?)\s+(?:[\w.%-]+\s+){0,3}$",
    re.IGNORECASE,
)
_OF_BEFORE = re.compile(
    r"\b([^\W\d_]+)\s+of\s+(?:the\s+|a\s+|an\s+|all\s+|its\s+|our\s+)?(?:[\w.%-]+\s+){0,2}$",
    re.IGNORECASE,
)
_FIELD_LABEL = re.compile(r"^([A-Za-z][A-Za-z ]{0,24}):\s*$")
_GERUND_RELEASE = re.compile(
    r"\b(?:releasing|exposing|providing|publishing|sharing|offering)\s+(?:an?\s+|the\s+|our\s+)?"
    r"(?:[\w.%-]+\s+){0,2}$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"^\s*by\b", re.IGNORECASE)
_OWN_DETERMINER = re.compile(r"\b(?:this|these|our|its)\s+$", re.IGNORECASE)
MODIFIER_WORDS = 4
"""Words before the phrase read as its modifiers ("the Skywork open-source model")."""
_ACTIVE_BEFORE = re.compile(
    r"(?:\b(?:we|i|they|team|will|to|also|and|have|has|had|not|just|now|recently|officially"
    r"|finally|fully|further|already|proudly)\s+|^\s*)$",
    re.IGNORECASE,
)
_VERB_FORMS = re.compile(r"^open[- ]?sourc(?:ed|ing|es)$|^openly[- ]releas", re.IGNORECASE)
_BARE_VERB = re.compile(r"^open[- ]?source$", re.IGNORECASE)
_TITLE_COLON = re.compile(r"(?:^|[.!?\"“(\[]\s*|:\s*)([^:.!?\"“(\[]{1,60}):[^:]{0,120}$")
MAX_TAGLINE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Judgement:
    """One openness phrase: its class, what of the release it calls open (None: nothing of
    the release), and the rule that decided."""

    phrase: str
    target: ClaimTarget | None
    rule: str
    matched: str = ""


def judge(
    text: str, names: Sequence[str], *, heading: bool = False, title: bool = False
) -> Iterator[Judgement]:
    """Each openness phrase of a sentence (a heading, a citation title) and what it is about."""
    if "open" not in text.lower():
        return
    if ":" in text:
        text = _SHORTCODE.sub(" ", text)  # ":spiral_notepad: Open-source List"
    words = load_claim_words()
    for match in PHRASE.finditer(text):
        before = text[max(0, match.start() - CONTEXT) : match.start()]
        after = text[match.end() : match.end() + CONTEXT]
        phrase = (match.lastgroup or "open_source").replace("_", "-")
        if _not_a_claim(before, after, phrase, words):
            continue
        decided = _decide(match.group(0), phrase, before, after, names, words, heading, title)
        yield Judgement(phrase, decided[0], decided[1], match.group(0))


def _bare(word: str) -> str:
    """A word lowercased, without a possessive ending."""
    return re.sub(r"['’]s$", "", word.lower())


def _comparative(word: str, words: ClaimWords) -> bool:
    lowered = word.lower()
    return lowered in words.comparison or lowered.rstrip("s") in words.comparison


def _quantified(clause: str, words: ClaimWords) -> bool:
    last = WORD.findall(clause)[-2:]
    if not last or last[-1].lower() not in words.quantifiers:
        return False
    return len(last) == 1 or last[0].lower() not in _DETERMINERS


_DETERMINERS = frozenset({"the", "a", "an", "our", "its", "this", "their", "his", "her", "my"})


def _not_a_claim(before: str, after: str, phrase: str, words: ClaimWords) -> bool:
    if _NOT_A_CLAIM_BEFORE.search(before[-1:]) or _NOT_A_CLAIM_AFTER.match(after):
        return True
    following = WORD.findall(after[:40])
    if not following:
        return False
    nxt = following[0].lower()
    if nxt in words.names_after_any_case:
        return True
    if nxt in words.names_after and following[0][:1].isupper():
        return True
    capitalised = list(itertools.takewhile(lambda word: word[:1].isupper(), following[:4]))
    if any(_bare(word) in words.names_after for word in capitalised[1:]):
        return True  # "Open Access AI Collective's ..."
    return phrase != "open-source" and nxt in words.names_after_model


def _decide(
    matched: str,
    phrase: str,
    before: str,
    after: str,
    names: Sequence[str],
    words: ClaimWords,
    heading: bool,
    title: bool,
) -> tuple[ClaimTarget | None, str]:
    clause = _CLAUSE_BREAK.split(before)[-1]
    decided = _before_the_noun(before, clause, after, names, words)
    if decided is not None:
        return decided
    phrase_words = [] if phrase == "open-weights" else noun_phrase(after)
    head = HeadKind.WEIGHTS if phrase == "open-weights" else head_kind(phrase_words, words)
    colon = _TITLE_COLON.search(before)
    if (
        colon
        and names_self_in(colon.group(1), names)
        and head not in (HeadKind.CODE, HeadKind.DATA)
    ):
        return by_head(head), "a title naming the release"
    if matched.lower().replace(" ", "-").endswith("sourced") and _BY_AFTER.match(after):
        kinds = [words.kind(word) for word in WORD.findall(clause)]
        known = [kind for kind in kinds if kind is not None]
        if known and known[-1] in (HeadKind.RELEASE, HeadKind.WEIGHTS):
            return by_head(known[-1]), "what was open-sourced by its publisher"
    if _GERUND_RELEASE.search(clause) and head in (HeadKind.RELEASE, HeadKind.WEIGHTS):
        return by_head(head), "releasing an open model"
    decided = _construction(phrase, before, clause, after, phrase_words, head, names, words)
    if decided is not None:
        return decided
    bare = _BARE_VERB.match(matched) and _ACTIVE_BEFORE.search(clause)
    if bare and heading and _heading_noun(after, words):
        bare = None  # "## Open-source Plan": a noun heading, not "open-source the plan"
    if _VERB_FORMS.match(matched) or bare:
        verb = verb_target(before, clause, after, names, words)
        if verb is not None:
            return verb
    if head is HeadKind.OTHER and {word.lower() for word in phrase_words} & words.project_heads:
        subject = subject_of(before, clause, names, words)
        if subject is not None and subject.named and subject.kind is None:
            return ClaimTarget.RELEASE, "the release, named, is an open-source project"
        apposition = _APPOSITION.search(clause)
        if apposition and names_self_in(
            " ".join(WORD.findall(clause[: apposition.start()])[-3:]), names
        ):
            return ClaimTarget.RELEASE, "the release, named, is an open-source project"
    if head in (HeadKind.DATA, HeadKind.OTHER):
        return None, f"the phrase modifies {head.value}"
    named = _NAMED_BEFORE.search(clause)
    if (
        named
        and head in (HeadKind.RELEASE, HeadKind.WEIGHTS)
        and names_self_in(named.group(1), names)
    ):
        return by_head(head), "the release's name before the phrase (the Acme open model)"
    subject = subject_of(before, clause, names, words)
    if subject is BROKEN:
        return None, "the phrase is not what the subject is"
    if subject is not None:
        return by_subject(subject, head), "the subject of the sentence"
    apposition = _APPOSITION.search(clause)
    if apposition:
        noun = " ".join(WORD.findall(PARENTHESES.sub(" ", clause[: apposition.start()]))[-3:])
        own = names_self_in(noun, names) or bool(words.self_words.search(noun))
        return (by_head(head), "in apposition to the release") if own else (None, "apposition")
    modifiers = " ".join(WORD.findall(clause)[-MODIFIER_WORDS:])
    if names_self_in(modifiers, names) or own_words(modifiers, words):
        if head is HeadKind.CODE and _AS_BEFORE.search(clause):
            return ClaimTarget.RELEASE, "the release provided as an open-source tool"
        return by_head(head), "the release named before the phrase"
    if _RELEASE_BEFORE.search(clause) or (
        _OWN_DETERMINER.search(clause) and head in (HeadKind.RELEASE, HeadKind.WEIGHTS)
    ):
        return by_head(head), "the release's own thing (we release, this/our ...)"
    opening = " ".join(WORD.findall(re.split(r",", clause)[-1])[:3])
    if names_self_in(opening, names) or self_after(opening, words):
        return by_head(head), "the release is the subject"
    following = " ".join(WORD.findall(re.split(r"[,;.:!?]", after)[0])[:WORDS_AFTER])
    if head in (None, HeadKind.RELEASE, HeadKind.WEIGHTS) and (
        names_self_in(following, names) or self_after(following, words)
    ):
        return by_head(head), "the release named after the phrase"
    return _without_verb(clause, before, after, phrase_words, head, names, words, heading, title)


def _before_the_noun(
    before: str, clause: str, after: str, names: Sequence[str], words: ClaimWords
) -> tuple[ClaimTarget | None, str] | None:
    """What the words before the phrase settle alone: what the release was built from, a
    comparison, a quantifier, a negation, a purpose, a promise, "the X of open things" (nothing
    of the release), or a field label and "this is an attempt to create" (the release)."""
    if words.source_of.search(before):
        return None, "what the release was built from"
    if any(
        _comparative(word, words) for word in WORD.findall(clause)
    ) and not _own_after_comparison(before, clause, names, words):
        return None, "a comparison or thanks"
    if _quantified(clause, words):
        return None, "a quantifier: other releases"
    field = _FIELD_LABEL.match(before.strip(" *_-"))
    if field and field.group(1).lower() in words.release_fields:
        return by_head(head_kind(noun_phrase(after), words)), "a field about the release"
    if _NEGATION.search(clause):
        return None, "a negation"
    if _OWN_PURPOSE.search(clause):
        return by_head(head_kind(noun_phrase(after), words)), "this release: an effort to create"
    if _PURPOSE.search(clause):
        return None, "a purpose (to advance, to support...)"
    if _FUTURE.search(clause):
        return None, "a promise (will be open-sourced), not a claim"
    of_noun = _OF_BEFORE.search(clause)
    if (
        of_noun
        and of_noun.group(1).lower() not in words.class_nouns
        and not names_self_in(clause[of_noun.end(1) :], names)
        and not names_self_in(" ".join(noun_phrase(after)), names)
    ):
        return None, f"something of open things ({of_noun.group(1)} of ...)"
    return None


def _construction(
    phrase: str,
    before: str,
    clause: str,
    after: str,
    phrase_words: list[str],
    head: HeadKind | None,
    names: Sequence[str],
    words: ClaimWords,
) -> tuple[ClaimTarget | None, str] | None:
    """Constructions that name the release around the phrase: a label before a colon then the
    release, "the current open-source version", "we have made X open source", "being open
    (...), the release ..."."""
    label = _COLON_LABEL.match(after) if len(WORD.findall(before)) <= 2 else None
    if label and head in (None, HeadKind.RELEASE, HeadKind.WEIGHTS):
        rest = " ".join(WORD.findall(label.group("rest"))[:4])
        if names_self_in(rest, names) or own_words(rest, words):
            return by_head(head), "a label before a colon, then the release"
    if (
        _OWN_VERSION.match(before)
        and phrase_words[:1]
        and phrase_words[0].lower() in ("version", "release")
        and not re.match(r"\s*\w+\s+(?:of|from|by)\b", after)
    ):
        return ClaimTarget.RELEASE, "the open-source version (the release itself)"
    made = _MADE_BEFORE.search(clause) if phrase in ("open-source", "fully-open") else None
    if made:
        return opened(made.group("object"), clause, names, words, "what is made open")
    if _BEING_OPENING.match(before) and head in (None, HeadKind.RELEASE, HeadKind.WEIGHTS):
        for main in after.split(",")[1:3]:
            main_words = " ".join(WORD.findall(main)[:WORDS_AFTER])
            model_subject = _OWN_MAIN_SUBJECT.match(main) and head_kind(
                WORD.findall(main)[:4], words
            ) in (HeadKind.RELEASE, HeadKind.WEIGHTS)
            if names_self_in(main_words, names) or own_words(main_words, words) or model_subject:
                return by_head(head), "being open, said of the release (the main subject)"
    return None


def _heading_noun(after: str, words: ClaimWords) -> bool:
    """Whether a heading's words after the phrase are one heading noun ("Plan", "License")."""
    following = WORD.findall(after)
    return len(following) == 1 and following[0].lower().rstrip("s") in words.heading_heads


def _without_verb(
    clause: str,
    before: str,
    after: str,
    phrase_words: list[str],
    head: HeadKind | None,
    names: Sequence[str],
    words: ClaimWords,
    heading: bool,
    title: bool,
) -> tuple[ClaimTarget | None, str]:
    colon = _TITLE_COLON.search(before)
    if colon and names_self_in(colon.group(1), names) and head not in (HeadKind.CODE,):
        return by_head(head), "a title naming the release"
    if title:
        if names_self_in(before + " " + after, names) and head not in (
            HeadKind.CODE,
            HeadKind.DATA,
            HeadKind.OTHER,
        ):
            return by_head(head), "a citation title naming the release"
        return None, "a citation title that does not name the release"
    model_like = head in (HeadKind.RELEASE, HeadKind.WEIGHTS)
    if heading and colon is None:
        heads = {word.lower().rstrip("s") for word in phrase_words}
        if model_like or heads & words.heading_heads:
            return by_head(head), "a heading about the release"
    if model_like and colon is None and _tagline(before, after, phrase_words, words):
        return by_head(head), "a tagline without a verb"
    return None, "no subject naming the release"


def _tagline(before: str, after: str, phrase_words: list[str], words: ClaimWords) -> bool:
    """A sentence opening with the phrase and its noun, no verb before ("An open-source 7B chat
    model, trained on ..."), and the noun phrase not the subject of a verb after it."""
    leading = WORD.findall(before)
    if len(leading) > MAX_TAGLINE_WORDS:
        return False
    if any(word.islower() and word not in words.tagline_words for word in leading):
        return False
    if any(_proper_name(word) and word.lower() not in words.tagline_words for word in leading):
        return False  # "BigScience Large Open-science ...": someone else's name
    text = PARENTHESES.sub(" ", after)
    tokens = re.findall(r"[^\W_]+(?:['’.+-][^\W_]+)*|[^\w\s]", text)
    skip = len(phrase_words)
    if (
        not phrase_words
        and tokens
        and words.kind(tokens[0]) in (HeadKind.RELEASE, HeadKind.WEIGHTS)
    ):
        skip = 1  # "open-weights release": the noun after a phrase that is itself a noun
    rest = tokens[skip:][:1]
    return not rest or not rest[0][0].isalnum() or rest[0].lower() in TAGLINE_FOLLOW


def _proper_name(word: str) -> bool:
    """A word written as a name (an inner capital: "BigScience", "LLaMA"), not a size ("7B")."""
    return not word[:1].isdigit() and any(letter.isupper() for letter in word[1:])


def _own_after_comparison(
    before: str, clause: str, names: Sequence[str], words: ClaimWords
) -> bool:
    """A comparison in an opening phrase, then the release as the subject of the clause that
    holds the phrase ("Unlike other TTS models, Acme is a fully open-source release")."""
    if "," not in clause:
        return False
    tail = clause.rsplit(",", 1)[1]
    if any(_comparative(word, words) for word in WORD.findall(tail)):
        return False
    subject = subject_of(before, tail, names, words)
    return (
        subject is not None
        and subject is not BROKEN
        and subject.own
        and subject.kind not in (HeadKind.CODE, HeadKind.DATA)
    )
