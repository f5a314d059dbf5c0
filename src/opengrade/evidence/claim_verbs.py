"""What "open-source" used as a verb calls open: the subject of "X is open-sourced", or the
object of "we open-source X" / "we have made X open source" (its names, its head noun)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from opengrade.evidence.claim_subject import BROKEN, CONJUNCTION, by_head, by_subject, subject_of
from opengrade.evidence.claim_syntax import (
    GENERIC_HEADS,
    WORD,
    head_kind,
    names_self_in,
    noun_phrase,
    self_after,
)
from opengrade.evidence.claim_words import ClaimWords, HeadKind
from opengrade.model.evidence_payloads import ClaimTarget


def verb_target(
    before: str, clause: str, after: str, names: Sequence[str], words: ClaimWords
) -> tuple[ClaimTarget | None, str] | None:
    """ "X is open-sourced" (the subject decides) or "we open-source X" (the object decides)."""
    if _HEADLINE.match(clause) and names_self_in(clause, names) and after[:1] in ("", ".", "!"):
        return ClaimTarget.RELEASE, "a headline: the release open-sourced"
    if re.search(r"\b(?:is|are|was|were|been|be|being|get|gets|got)\s+(?:\w+\s+)?$", clause, re.I):
        subject = subject_of(before, clause, names, words)
        if subject is None or subject is BROKEN:
            return None, "what is open-sourced is not the release"
        return by_subject(subject, None), "what is open-sourced (subject)"
    return opened(after, clause, names, words, "what is open-sourced")


def opened(
    after: str, clause: str, names: Sequence[str], words: ClaimWords, rule: str
) -> tuple[ClaimTarget | None, str]:
    """What the object of "open-source X" / "make X open source" is: weights, the release (a
    model noun or its names), code or data (its head noun), else nothing of the release."""
    obj = " ".join(WORD.findall(re.split(r"[.;!?]", after[:200])[0])[:15])
    object_words = noun_phrase(after)
    specific = [word for word in object_words if word.lower().rstrip("s") not in GENERIC_HEADS]
    kinds_named = {words.kind(word) for word in specific} - {None}
    if not kinds_named:
        kinds_named = {words.kind(word) for word in object_words}
    if HeadKind.WEIGHTS in kinds_named:
        return ClaimTarget.WEIGHTS, f"{rule} (weights)"
    not_release = (HeadKind.CODE, HeadKind.DATA, HeadKind.OTHER)
    named = any(
        (names_self_in(part, names) or self_after(part, words))
        and head_kind(WORD.findall(part), words) not in not_release
        for part in CONJUNCTION.split(" ".join(object_words))
    )
    if HeadKind.RELEASE in kinds_named or named:
        return ClaimTarget.RELEASE, f"{rule} (the release)"
    head = head_kind(object_words, words)
    if head is not None:
        return by_head(head), f"{rule} (its noun)"
    kinds = {words.kind(word) for word in WORD.findall(obj)}
    if HeadKind.WEIGHTS in kinds:
        return ClaimTarget.WEIGHTS, f"{rule} (weights named)"
    if _TRAINED.match(obj) and _WE_BEFORE.search(clause):
        return ClaimTarget.RELEASE, "we open-sourced trained things (models)"
    return None, f"{rule} is not the release"


_TRAINED = re.compile(
    r"^(?:(?:fully|newly|all|our|the)\s+)*(?:fine-?tuned|pre-?trained|trained|distilled)\b", re.I
)
_WE_BEFORE = re.compile(r"\bwe\b", re.IGNORECASE)
_HEADLINE = re.compile(r"^\W*(?:[\w.·+-]+\s+){1,4}$")
