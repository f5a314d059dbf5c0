"""Where a release presents itself as open, and how strongly.

An explicit claim is a sentence of the card that calls the release or its weights open (CLAIM
evidence about the release whose phrase class and target the rules list) or a Hub tag such as
``open-source``. A name that calls the release open (``OpenELM``) is a weak claim: the findings
resting on it alone are capped at a low severity, and a name whose "open" names a tool, a dataset,
a company or an ordinary word (``sd-controlnet-openpose``, ``Mistral-7B-OpenOrca``) is no claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from opengrade.frameworks.openwashing_rules import OpenwashingRules
from opengrade.model.evidence import Evidence, payloads
from opengrade.model.evidence_payloads import CardField
from opengrade.model.evidence_payloads import Claim as ClaimPayload


class ClaimStrength(StrEnum):
    """``explicit``: the release's own words or tags; ``name``: only its name."""

    EXPLICIT = "explicit"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class Claim:
    """Where the release presents itself as open source."""

    text: str
    evidence: tuple[str, ...]
    strength: ClaimStrength = ClaimStrength.EXPLICIT


def find_claims(
    evidence: Sequence[Evidence], release_id: str, rules: OpenwashingRules
) -> list[Claim]:
    """Every place the release calls itself open source (sentences, tags, its own name)."""
    claims = []
    for claim, item in payloads(evidence, ClaimPayload):
        if _explicit(claim, rules):
            sentence = excerpt(claim.sentence)
            claims.append(Claim(f'the card says "{sentence}"', (str(item.provenance),)))
    for field, item in payloads(evidence, CardField):
        if field.field == "tags":
            tags = {tag.strip().lower() for tag in field.text.split(",")}
            for tag in sorted(tags & rules.claim_tags):
                claims.append(Claim(f"the card is tagged {tag!r}", (str(item.provenance),)))
    name = release_id.rstrip("/").rsplit("/", 1)[-1]
    if name and name_claims_openness(name, rules):
        text = f"the release's name {name!r} calls it open"
        claims.append(Claim(text, (release_id,), ClaimStrength.NAME))
    return claims


def _explicit(claim: ClaimPayload, rules: OpenwashingRules) -> bool:
    """A sentence calling the release or its weights open, in a phrase class that claims it."""
    if claim.about_release is not True or claim.phrase_class not in rules.claim_classes:
        return False
    return claim.target is None or str(claim.target) in rules.claim_targets


def name_claims_openness(name: str, rules: OpenwashingRules) -> bool:
    """Whether "open" in a release name says the release is open (not a tool, dataset, word)."""
    if not rules.name_pattern.search(name):
        return False
    flat = re.sub(r"[\s_.-]+", "", name.lower())
    remaining = flat
    for word in sorted(rules.names_not_openness, key=len, reverse=True):
        remaining = remaining.replace(re.sub(r"[\s_.-]+", "", word), "")
    return "open" in remaining


def excerpt(sentence: str, width: int = 120) -> str:
    """The sentence, or ``width`` characters of it around its first "open"."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    found = re.search(r"open", text, re.IGNORECASE)
    start = max(0, min((found.start() if found else 0) - width // 3, len(text) - width))
    cut = text[start : start + width]
    return ("..." if start else "") + cut + ("..." if start + width < len(text) else "")
