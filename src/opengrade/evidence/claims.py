"""Openness claims: where a release calls itself open ("open-source", "open weights", "fully
open"...), and what of it the phrase calls open (``claim_rules``: the release or its weights,
its code only, or nothing of the release).

Read: every sentence and heading of the card and the other prose documents, the text a gated
card shows before access (``extra_gated_*`` fields), and the ``title`` of each BibTeX entry
(counted only when the title names the release: its own paper). Each CLAIM carries the
sentence, its lines, ``about_release`` (the release or its weights are called open) and
``target`` (``weights``, ``release``, ``code``; absent when nothing of the release is).
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterator

from opengrade.evidence.card import (
    Card,
    Sentence,
    normalise_name,
    parse_card,
    prose_documents,
    read_card,
    release_names,
    release_owner,
)
from opengrade.evidence.claim_rules import Judgement, judge
from opengrade.evidence.claim_words import load_claim_words
from opengrade.model import Evidence, Provenance, ReleaseSnapshot, TextFile
from opengrade.model.evidence_payloads import Claim, ClaimTarget

logger = logging.getLogger(__name__)

_TABLE = re.compile(r"\s*(?:\||<t[hdr]\b|<table\b)", re.IGNORECASE)
_GATE_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_BIBTEX_TITLE = re.compile(r"^\s*title\s*=\s*[{\"]+(.{1,400}?)[}\"]*\s*,?\s*$", re.IGNORECASE)
_STOP_NAMES = {
    "all",
    "the",
    "model",
    "models",
    "base",
    "chat",
    "instruct",
    "open",
    "hf",
    "card",
    "for",
    "original",
    "introducing",
    "about",
    "official",
    "gguf",
    "gptq",
    "awq",
    "ggml",
    "exl2",
    "mlx",
    "onnx",
    "int4",
    "int8",
    "fp8",
    "fp16",
    "bf16",
    "quantized",
    "uncensored",
    "merged",
    "large",
    "small",
    "medium",
    "tiny",
    "mini",
    "v",
    "version",
    "new",
    "a",
    "an",
    "our",
    "my",
    "it",
    "lora",
    "dpo",
    "sft",
    "rlhf",
    "preview",
    "beta",
    "alpha",
    "full",
    "final",
    "latest",
    "en",
}
_OWNER_SUFFIX = re.compile(r"(?:ai|labs?|research|team|org|inc|hq|official|community)$")
MAX_SENTENCE = 400
_Names = Callable[[], tuple[str, ...]]
"""The release's own names (:func:`self_names`), worked out the first time a text is judged:
a metadata-only card has no prose, and most have no gate text."""

MAX_CLAIMS = 200
"""Phrases reported per document; a real card has a few dozen at most."""


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """CLAIM evidence for every openness phrase in the card and other prose documents."""
    names = _lazy_names(snapshot)
    items = list(_gate_claims(snapshot, names))
    for document in prose_documents(snapshot):
        card = parse_card(document)
        headings = {heading.line for heading in card.headings}
        quoted = _quoted_lines(card)
        found = 0
        for sentence in card.sentences:
            if _TABLE.match(sentence.raw) or sentence.line in quoted:
                continue  # a table cell is a label; a sample output is not the publisher's words
            heading = sentence.line in headings or _html_heading(sentence.raw)
            for judgement in judge(sentence.text, names(), heading=heading):
                line = _phrase_line(card, sentence, judgement.matched)
                items.append(_claim(document.path, sentence.text, line, line, judgement))
                found += 1
                if found >= MAX_CLAIMS:
                    break
            if found >= MAX_CLAIMS:
                logger.info("%s: stopped after %d openness phrases", document.path, found)
                break
        items += list(itertools.islice(_citation_claims(document, card, names), MAX_CLAIMS))
    return items


def _lazy_names(snapshot: ReleaseSnapshot) -> _Names:
    """:func:`self_names` of ``snapshot``, worked out on the first call only."""
    found: list[tuple[str, ...]] = []

    def names() -> tuple[str, ...]:
        if not found:
            found.append(self_names(snapshot))
        return found[0]

    return names


def _phrase_line(card: Card, sentence: Sentence, matched: str) -> int:
    """The line of the sentence that holds the phrase (the sentence's first line if none does)."""
    wanted = re.sub(r"[\s-]+", " ", matched.lower())
    for offset in range(sentence.raw.count("\n") + 1):
        index = sentence.line - 1 + offset
        if index < len(card.lines) and wanted in re.sub(r"[\s-]+", " ", card.lines[index].lower()):
            return sentence.line + offset
    return sentence.line


def _quoted_lines(card: Card) -> frozenset[int]:
    """Lines of sections whose heading says they hold sample outputs or example dialogues,
    up to a nested heading of one of the card's own sections ("## License")."""
    words = load_claim_words()
    lines: set[int] = set()
    for heading in card.headings:
        if _heading_words(heading.title) & words.quoted_sections:
            end = heading.end_line
            for nested in card.headings:
                if heading.line < nested.line <= end and (
                    _heading_words(nested.title) & words.card_sections
                ):
                    end = nested.line - 1
                    break
            lines.update(range(heading.line + 1, end + 1))
    return frozenset(lines)


def _heading_words(title: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W\d_]+", title)}


def _html_heading(raw: str) -> bool:
    return bool(re.match(r"\s*<h[1-6]\b", raw, re.IGNORECASE))


def _gate_claims(snapshot: ReleaseSnapshot, names: _Names) -> Iterator[Evidence]:
    """Claims in the text a gated card shows before access (``extra_gated_prompt``...)."""
    card = read_card(snapshot)
    if card is None:
        return
    for key, value in card.front_matter.fields.items():
        if not key.startswith("extra_gated_") or not isinstance(value, str):
            continue
        where = Provenance(path=card.file.path, line=card.front_matter.line(key), field=key)
        for text in _GATE_SENTENCE.split(value)[:MAX_CLAIMS]:
            sentence = " ".join(text.split())
            for judgement in judge(sentence, names()):
                yield _evidence(sentence, where, judgement)


def _citation_claims(document: TextFile, card: Card, names: _Names) -> Iterator[Evidence]:
    """Claims in the ``title`` of BibTeX entries in code blocks (the release's own paper)."""
    fenced = False
    for number, line in enumerate(card.lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = _BIBTEX_TITLE.match(line) if fenced and "open" in line.lower() else None
        if match is None:
            continue
        title = match.group(1).replace("{", "").replace("}", "")
        for judgement in judge(title, names(), title=True):
            yield _claim(document.path, title, number, number, judgement)


def _claim(path: str, text: str, line: int, end: int, judgement: Judgement) -> Evidence:
    where = Provenance(path=path, line=line, end_line=end if end != line else None)
    return _evidence(text, where, judgement)


def _evidence(text: str, where: Provenance, judgement: Judgement) -> Evidence:
    target = judgement.target
    claim = Claim(
        judgement.phrase,
        text[:MAX_SENTENCE],
        about_release=target in (ClaimTarget.WEIGHTS, ClaimTarget.RELEASE),
        rule=judgement.rule,
        target=target,
    )
    return Evidence(claim, where)


def self_names(snapshot: ReleaseSnapshot) -> tuple[str, ...]:
    """The release's names and family names (normalised) that make a subject "this release":
    its id's name and its family (first word), the card's title and its family, the owner (and
    its name without "AI", "Labs", "Research"...), and
    the other words of its name that the card's own title or ``model-index`` name also holds
    (``llava`` for ``vip-llava-7b-hf`` titled "VipLLaVA Model Card")."""
    card = read_card(snapshot)
    names = set(release_names(snapshot, card))
    owner = release_owner(snapshot)
    if owner and owner not in _STOP_NAMES:
        names.add(owner)
        stem = _OWNER_SUFFIX.sub("", owner)
        if len(stem) >= 3 and stem != owner and stem not in _STOP_NAMES:
            names.add(stem)  # "zysec" of ZySec-AI names its "ZySec-7B"
    model = snapshot.id.replace("__", "/").rstrip("/").split("/")[-1]
    names.add(family(model, owner))
    titles = card_titles(card)
    names.update(word for word in name_words(model, owner) if any(word in t for t in titles))
    return tuple(sorted(name for name in names if len(name) >= 2 and name not in _STOP_NAMES))


def card_titles(card: Card | None) -> list[str]:
    """The card's own titles, normalised: its first level-1 heading and ``model-index`` names."""
    if card is None:
        return []
    titles = [heading.title for heading in card.headings[:3] if heading.level == 1][:1]
    index = card.front_matter.fields.get("model-index")
    if isinstance(index, list):
        titles += [str(e["name"]) for e in index if isinstance(e, dict) and e.get("name")]
    return [normalise_name(title) for title in titles]


def name_words(name: str, owner: str | None = None) -> list[str]:
    """Every word of a model name that may name the release's family (``llava`` and ``vip`` for
    ``vip-llava-7b-hf``, ``nsql`` for ``DuckDB-NSQL-7B``): not a generic word, a copy marker, or
    a base model's family published by someone else (``llama`` for ``Llama3-OpenBioLLM``)."""
    words = load_claim_words()
    found = []
    for token in re.split(r"[\s_/:.-]+", name.lower()):
        letters = normalise_name(re.sub(r"\d.*$", "", token)) if token[:1].isalpha() else ""
        if len(letters) < 3 or letters in _STOP_NAMES or letters in words.copy_markers:
            continue
        publishers = words.base_families.get(letters)
        if publishers is None or (owner is not None and owner in publishers):
            found.append(letters)
    return found


def family(name: str, owner: str | None = None) -> str:
    """The family of a model name: its first word (``falcon`` for ``falcon-40b``, ``yi`` for
    ``Yi-6B``), unless that word names a base model published by someone else and the name has
    another word (``openbiollm`` for ``aaditya/Llama3-OpenBioLLM-70B``); a re-hosted or quantised
    copy (``TheBloke/Llama-2-7B-GGUF``) keeps the first word."""
    words = load_claim_words()
    tokens = [token.lower() for token in re.split(r"[\s_/:.-]+", name) if token]
    candidates = []
    for word in tokens:
        letters = normalise_name(re.sub(r"\d.*$", "", word)) if word[:1].isalpha() else ""
        if len(letters) >= 2 and letters not in _STOP_NAMES and letters not in words.copy_markers:
            candidates.append(letters)
    if not candidates:
        return ""
    copy = any(token in words.copy_markers for token in tokens)
    first = candidates[0]
    publishers = words.base_families.get(first)
    if copy or publishers is None or (owner is not None and owner in publishers):
        return first
    own = [word for word in candidates[1:] if word not in words.base_families]
    return own[0] if own else first


__all__ = [
    "ClaimTarget",
    "Sentence",
    "extract",
    "family",
    "judge",
    "name_words",
    "self_names",
]
