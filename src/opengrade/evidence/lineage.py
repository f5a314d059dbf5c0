"""Lineage: the base model(s) a release declares and how it derives from them.

From metadata (``base_model`` as a string or list, ``base_model_relation``, tags such as
``base_model:finetune:org/name``) and from prose ("a fine-tuned version of X", "initialized with
the weights of X", "we used the pretrained X model"). A base named as a Hub link, ``org/name`` or
a code span is resolved to a Hub id; otherwise the name is kept as written. Always DECLARED: a
base is not verified until it is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from opengrade.evidence.card import (
    Card,
    Sentence,
    normalise_name,
    parse_card,
    prose_documents,
    read_card,
    release_names,
)
from opengrade.evidence.model_card import as_list
from opengrade.model import Evidence, Provenance, ReleaseSnapshot
from opengrade.model.evidence_payloads import Lineage

CONTEXT = 300
"""Characters read on each side of a trigger phrase."""
MAX_TRIGGERS = 20
"""Trigger phrases read per sentence (a real sentence has one or two)."""
RELATIONS = {"finetune", "adapter", "merge", "quantized"}
_TAG = re.compile(r"^base_model:(?:(?P<relation>[a-z_]+):)?(?P<base>[\w.-]+/[\w.-]+)$")
_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("finetune", r"\bfine-?tuned (?:version|variant|checkpoint) of"),
    ("finetune", r"\b(?:fine-?tuned|finetuned|further trained|continued pre-?training) from"),
    ("finetune", r"\b(?:trained|fine-?tuned|built) on top of"),
    ("finetune", r"\btrained from(?! scratch)|\btrained based on"),
    ("finetune", r"\binitiali[sz]ed (?:with|from)(?: the weights of)?"),
    ("quantized", r"\bquantized (?:version )?(?:of|from)"),
    ("merge", r"\b(?:a )?merge of"),
    ("adapter", r"\b(?:lora |peft )?adapters? (?:for|of|on top of)"),
    ("unknown", r"\bdistilled from"),
    ("unknown", r"\b(?:is|are|was|were)(?: \w+)? (?:based on|derived from)"),
    ("unknown", r"^based on"),
    ("pretrained", r"\b(?:use|used|using|start from|started from) the pre-?trained"),
)
_HINTS = (
    "tun",
    "train",
    "initiali",
    "quantiz",
    "merge",
    "adapter",
    "distill",
    "based on",
    "derived from",
    "on top of",
)
"""Cheap substring test before the trigger expression runs."""
_TRIGGER = re.compile("|".join(f"(?:{p})" for _, p in _TRIGGERS), re.IGNORECASE)
_TRIGGER_PARTS = [(relation, re.compile(p, re.IGNORECASE)) for relation, p in _TRIGGERS]
_LINK = re.compile(r"^\s*\[`?([^\]`]+)`?\]\(([^)\s]+)\)")
_CODE = re.compile(r"^\s*`([^`]+)`")
_HUB_ID = re.compile(r"^\s*([A-Za-z0-9][\w.-]*/[\w.-]*[A-Za-z0-9])\b")
_HUB_URL = re.compile(r"huggingface\.co/(?!datasets/|spaces/)([\w.-]+/[\w.-]+)")
_LEADING = re.compile(
    r"^\s*(?:the |a |an |our |original |pre-?trained |base |weights of |\*\*|__|\s)+", re.I
)
_NAME_WORD = re.compile(r"[A-Za-z][\w.+-]*|\d[\w.+-]*")
_NAME_STOP = re.compile(
    r"^(?:model|models|checkpoint|and|with|on|using|for|in|to|which|that|"
    r"as|by|the|a|is|are|was|series|family|weights|it|based|from|card)$",
    re.IGNORECASE,
)
_SUBJECT_NAME = re.compile(r"\b[A-Za-z][\w.]*(?:-[\w.]+)+\b|\b[A-Za-z]+\d[\w.]*\b")
_SELF_SUBJECT = re.compile(
    r"\b(?:this|our|the) (?:model|checkpoint|release)\b(?!\s+card)|^\W*(?:it|we)\b",
    re.IGNORECASE,
)


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """LINEAGE evidence from metadata first, then from prose; one item per base and source."""
    card = read_card(snapshot)
    declared = list(_from_metadata(card)) if card else []
    items: list[Evidence] = []
    seen = {normalise_name(_base(item)) for item in declared}
    names = release_names(snapshot, card)
    for document in prose_documents(snapshot):
        parsed = parse_card(document)
        for sentence in parsed.sentences:
            for base, relation, phrase in from_sentence(sentence, names):
                key = normalise_name(base)
                if key in seen or key in names:
                    continue
                seen.add(key)
                items.append(
                    Evidence(
                        Lineage(base, relation, "prose", phrase=phrase),
                        Provenance(path=document.path, line=sentence.line),
                    )
                )
    return declared + _most_specific(items, seen)


def _most_specific(items: list[Evidence], known: set[str]) -> list[Evidence]:
    """Drop a prose name that a Hub id also found says more precisely (``pythia-12b`` when
    ``EleutherAI/pythia-12b`` is there; ``Gemma 3`` when ``google/gemma-3-27b-pt`` is)."""
    ids = {normalise_name(_base(i)) for i in items if "/" in _base(i)} | known
    return [
        item
        for item in items
        if "/" in _base(item)
        or not any(
            normalise_name(_base(item)) in other for other in ids - {normalise_name(_base(item))}
        )
    ]


def _base(item: Evidence) -> str:
    """The base model a LINEAGE item names."""
    return item.payload.base if isinstance(item.payload, Lineage) else ""


def _from_metadata(card: Card) -> Iterator[Evidence]:
    fields = card.front_matter.fields
    declared = as_list(fields.get("base_model_relation"))
    relation = declared[0].lower() if declared and declared[0].lower() in RELATIONS else None
    tag_relations: dict[str, str] = {}
    for tag in as_list(fields.get("tags")):
        match = _TAG.match(tag.strip())
        if match:
            tag_relations.setdefault(match.group("base"), match.group("relation") or "unknown")
    where = Provenance(
        path=card.file.path, line=card.front_matter.line("base_model"), field="base_model"
    )
    bases = as_list(fields.get("base_model"))
    for base in bases:
        found = relation or tag_relations.get(base) or "unknown"
        yield Evidence(Lineage(base, found, "base_model"), where)
    tag_where = Provenance(path=card.file.path, line=card.front_matter.line("tags"), field="tags")
    for base, found in tag_relations.items():
        if base not in bases:
            value = found if found in RELATIONS else "unknown"
            yield Evidence(Lineage(base, value, "tags"), tag_where)


def from_sentence(sentence: Sentence, names: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """(base, relation, phrase) for each lineage statement about the release in a sentence."""
    lowered = sentence.raw.lower()
    if not any(hint in lowered for hint in _HINTS):
        return
    raw = sentence.raw.replace("**", "").replace("__", " ")
    for count, match in enumerate(_TRIGGER.finditer(raw)):
        if count >= MAX_TRIGGERS:
            break
        relation = next(r for r, p in _TRIGGER_PARTS if p.fullmatch(match.group(0)))
        if not _about_release(raw[max(0, match.start() - CONTEXT) : match.start()], names):
            continue
        base = resolve(raw[match.end() : match.end() + CONTEXT])
        if base is None:
            continue
        if relation == "pretrained":
            relation = "finetune" if re.search(r"fine-?tun", raw, re.I) else "unknown"
        yield base, relation, " ".join(match.group(0).lower().split())


def _about_release(before: str, names: tuple[str, ...]) -> bool:
    """The statement's subject is this release: it names the release, says "this model",
    "we" or "it", or names no other model."""
    if re.search(r"\bmodel card\b", before, re.IGNORECASE):
        return False
    if _SELF_SUBJECT.search(before.strip(" *_`-")):
        return True
    mentioned = [normalise_name(n) for n in _SUBJECT_NAME.findall(_LINK_TEXT.sub(r"\1", before))]
    mentioned = [n for n in mentioned if any(ch.isdigit() for ch in n)]
    if not mentioned:
        return True
    return any(
        n in names or any(name.startswith(n) and n.isalpha() for name in names) for n in mentioned
    )


_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def resolve(text: str) -> str | None:
    """The model named at the start of ``text``: a Hub id from a link, ``org/name`` or code
    span, else a name that looks like a model's (it holds a digit: ``Gemma 3``, ``pythia-12b``)."""
    text = _LEADING.sub("", text)
    link = _LINK.match(text)
    if link and re.search(r"\bcard\b", link.group(1), re.IGNORECASE):
        return None
    if link:
        hub = _HUB_URL.search(link.group(2))
        if hub:
            return hub.group(1).rstrip(".")
        rest = text[link.end() :]
        if not any(ch.isdigit() for ch in link.group(1)) and _LINK.match(rest):
            return resolve(rest)
        text = link.group(1)
    code = _CODE.match(text)
    if code:
        text = code.group(1)
    hub_id = _HUB_ID.match(text)
    if hub_id and not hub_id.group(1).lower().startswith(("http", "www")):
        return hub_id.group(1)
    words = []
    for word in _NAME_WORD.findall(text.split(",")[0].split("(")[0])[:5]:
        if _NAME_STOP.match(word):
            break
        words.append(word.rstrip(".,;:"))
    name = " ".join(words)
    if not words or not any(ch.isdigit() for ch in name) or not words[0][:1].isalpha():
        return None
    return name
