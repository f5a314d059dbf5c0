"""Whether a span is the reference itself, and not a sibling or a cut-down copy of it.

- ``names_it``: a relative's title counts in a duel only where the text's words there name
  it (a name word or a number), not for generic words its title shares with others.
- ``renamed``: a named license whose own name the text replaces is another publisher's or
  product's license on the same template (a sibling), not the license.
- ``deleted``: how much of the reference is cut out of the middle of a span, read from the
  reference's skeleton (sampled shingles in text order).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from opengrade.licenses.index import SKELETON_STEP, LicenseIndex
from opengrade.licenses.spans import Hits

SHINGLE_WORDS = 5
RENAMED_EXPECTED = 1.0
RENAMED_SHARE = 0.25
DELETED_SHARE = 0.1
DELETED_SAMPLES = 5


def names_it(
    shingle: int,
    names: Sequence[str],
    text: Sequence[str],
    hashes: Sequence[int],
    low: int,
    high: int,
) -> bool:
    """Whether a title shingle's words (at its first place in the window) hold a name or a
    number."""
    try:
        position = hashes.index(shingle, low, high)
    except ValueError:
        return False
    covered = text[position : position + SHINGLE_WORDS]
    return any(word in names or word.isdigit() for word in covered)


def renamed(reference: int, text: Sequence[str], hits: Hits, index: LicenseIndex) -> bool:
    """Whether the text holds the reference with its own name replaced: a named license (its
    ``product``, "DeepSeek", "ChatGLM3") whose name the text uses under ``RENAMED_SHARE`` of
    the times the reference would over the share of it the text has."""
    described = index.references[reference]
    if not described.product:
        return False
    share = min(1.0, hits.distinct.get(reference, 0) / max(1, described.shingle_count))
    expected = described.product_uses * share
    return expected >= RENAMED_EXPECTED and text.count(described.product) < (
        RENAMED_SHARE * expected
    )


def deleted(skeleton: Sequence[int], span: Sequence[int]) -> int:
    """About how many shingles of the reference are cut out of the middle of the span.

    The middle runs from the first to the last skeleton sample found in order (the longest
    run of samples whose places in the text increase: a phrase another text quotes earlier is
    not taken for a later clause). Missing samples count in runs of at least two (a clause,
    not a re-wrapped list marker), when they are ``DELETED_SHARE`` of that stretch and at least
    ``DELETED_SAMPLES``. A head or a tail cut off is a truncated copy, not a deletion.
    """
    where: dict[int, int] = {}
    for position, shingle in enumerate(span):
        where.setdefault(shingle, position)
    places = [where.get(sample, -1) for sample in skeleton]
    ordered = in_order([number for number, place in enumerate(places) if place >= 0], places)
    if not ordered:
        return 0
    flags = "".join("1" if place >= 0 else "0" for place in places[ordered[0] : ordered[-1] + 1])
    missing = sum(len(run) for run in flags.split("1") if len(run) >= 2)
    if missing < DELETED_SAMPLES or missing < DELETED_SHARE * len(flags):
        return 0
    return missing * SKELETON_STEP


def in_order(numbers: Sequence[int], places: Sequence[int]) -> list[int]:
    """The longest subsequence of ``numbers`` whose ``places`` increase (patience sorting)."""
    tails: list[int] = []  # the smallest last place of an increasing run of each length
    ends: list[int] = []  # the number ending that run
    before: dict[int, int] = {}
    for number in numbers:
        length = bisect_left(tails, places[number])
        if length == len(tails):
            tails.append(places[number])
            ends.append(number)
        else:
            tails[length] = places[number]
            ends[length] = number
        if length:
            before[number] = ends[length - 1]
    run = []
    number = ends[-1] if ends else -1
    while number >= 0:
        run.append(number)
        number = before.get(number, -1)
    return run[::-1]
