"""Find the licenses in normalised words: exact digest, then shingle hits, spans and anchors.

1. The whole text's digest equals a reference's: an exact match.
2. Otherwise every five-word shingle is looked up; a reference present for at least half of its
   shingles is a candidate. The strongest candidate's span is the densest run of its hits,
   not crossing a run that belongs to another candidate.
3. Within that span the close relatives (versions, variants) duel: the winner is the relative
   that explains most of the span's shingles (its anchors are there, the others' are not), with
   extra weight for its own title words and a small cost for its material the text lacks.
   When two relatives score the same the answer is ambiguous, and when the span holds only
   wording the family shares (the disclaimer every BSD license ends with) it is unknown.
4. The span is removed and the search repeats, so a file can hold several licenses.
5. For each accepted match, the word runs inside its span that its reference lacks (inserted
   or changed wording, see ``differences``) are recorded, and how much of the reference is
   cut out of the span's middle (its skeleton, sampled shingles in order). Candidates are
   listed once per key, never a key that was matched.
6. A named license whose own name the text replaces (another publisher's or product's
   license on the same template) is a sibling, not the license: it is not accepted.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import repeat

from opengrade.licenses.differences import Run, inserted_runs, trim_edges
from opengrade.licenses.identity import deleted, names_it, renamed
from opengrade.licenses.index import LicenseIndex
from opengrade.licenses.normalize import Words
from opengrade.licenses.shingles import shingle_hashes, word_ids
from opengrade.licenses.spans import (
    Hits,
    count_hits,
    dominant,
    live_shingles,
    span,
    strong_references,
)

RELATIVE_RECALL = 0.2
CANDIDATE_RECALL = 0.1
ACCEPT_CONFIDENCE = 0.7
MAX_MATCHES = 12
TITLE_WEIGHT = 25
MISSING_WEIGHT = 0.1
DUEL_MARGIN = 40
NAME_CHECK_BELOW = 0.95
NAME_PENALTY = 0.8
SHORT_LICENSE = 300
SHORT_RECALL = 0.75
OWN_BODY = 10


@dataclass(frozen=True, slots=True)
class Found:
    """A reference found over word positions ``start``..``end`` (inclusive)."""

    reference: int
    start: int
    end: int
    confidence: float
    rivals: tuple[int, ...] = ()
    exact: bool = False
    inserted: tuple[Run, ...] = ()
    deleted: int = 0


_SENTINEL = Found(-1, 1 << 62, 1 << 62, 0.0)


def find(
    words: Words, index: LicenseIndex
) -> tuple[list[Found], list[tuple[int, float]], list[int]]:
    """The references found in ``words`` (in text order), the near misses for the rest, and
    the shingle group at every position (-1 where no reference has the shingle; empty for an
    exact copy)."""
    exact = index.digests.get(words.digest()) if words.words else None
    if exact is not None:
        return [Found(exact, 0, len(words.words) - 1, 1.0, exact=True)], [], []
    hashes = shingle_hashes(word_ids(words.words, index.vocabulary))
    groups_at = list(map(index.postings.get, hashes, repeat(-1)))
    live = list(groups_at)  # a position's group while no match has explained it, else -1
    found: list[Found] = []
    near: dict[int, float] = {}
    for _ in range(MAX_MATCHES):
        if len(live) - live.count(-1) < index.fewest_needed:
            break
        hits = count_hits(hashes, live, index)
        strong = strong_references(hits, index)
        for reference, count in hits.distinct.items():
            recall = count / max(1, index.references[reference].shingle_count)
            if recall >= CANDIDATE_RECALL:
                near[reference] = max(near.get(reference, 0.0), recall)
        if not strong:
            break
        top = max(strong, key=lambda reference: (hits.distinct[reference], -reference))
        start, end = span(top, hits, strong, index, hashes, (0, len(hashes)))
        winner, rivals, family = _duel(top, (start, end), words.words, hashes, live, hits, index)
        if winner != top:
            window = (start - DUEL_MARGIN, end + DUEL_MARGIN)
            start, end = span(winner, hits, strong, index, hashes, window)
        if len(family) > 1:
            start, end = dominant(winner, family, start, end, live, index)
        # Positions of the span that earlier matches already explained.
        masked = live[start : end + 1].count(-1) - groups_at[start : end + 1].count(-1)
        confidence = _confidence(winner, start, end, hashes, hits, masked, index)
        if rivals:
            confidence *= 0.6
        if len(family) > 1 and not _own_material(
            winner, family, hashes[start : end + 1], live[start : end + 1], index
        ):
            confidence = 0.0  # only wording the whole family shares: which member is unknown
        if confidence < NAME_CHECK_BELOW and not _named(winner, words, index):
            confidence *= NAME_PENALTY
        if renamed(winner, words.words, hits, index):
            confidence = 0.0  # another publisher's or product's license on the same template
        found.append(Found(winner, start, end + 4, round(confidence, 3), rivals))
        live[start : end + 1] = repeat(-1, len(live[start : end + 1]))
    accepted = [item for item in found if item.confidence >= ACCEPT_CONFIDENCE]
    accepted = _merge_neighbours(sorted(accepted, key=lambda item: item.start), index)
    accepted = [
        Found(
            item.reference,
            item.start,
            min(item.end, following.start - 1),
            item.confidence,
            item.rivals,
            item.exact,
        )
        if item.end >= following.start > item.start
        else item
        for item, following in zip(accepted, [*accepted[1:], _SENTINEL], strict=False)
    ]
    accepted = [_with_insertions(item, groups_at, hashes, index) for item in accepted]
    named = {index.references[item.reference].key for item in accepted}
    rejected = [
        (item.reference, item.confidence)
        for item in found
        if item.confidence < ACCEPT_CONFIDENCE and item.confidence > 0
    ]
    candidates = sorted([*rejected, *near.items()], key=lambda pair: (-pair[1], pair[0]))
    return accepted, _unique(candidates, named, index), groups_at


def _merge_neighbours(found: list[Found], index: LicenseIndex) -> list[Found]:
    """Join consecutive spans of one key (the language parts of a bilingual license)."""
    merged: list[Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if (
            previous
            and index.references[previous.reference].key == index.references[item.reference].key
        ):
            merged[-1] = Found(
                previous.reference,
                previous.start,
                max(previous.end, item.end),
                max(previous.confidence, item.confidence),
                previous.rivals + item.rivals,
            )
        else:
            merged.append(item)
    return merged


def _with_insertions(
    item: Found, groups_at: Sequence[int], hashes: Sequence[int], index: LicenseIndex
) -> Found:
    """The found item with the word runs its reference lacks (its edges trimmed of long ones)."""
    member = _key_groups(item.reference, index).__contains__
    title = index.references[item.reference].title

    def opens(first: int, last: int) -> bool:
        return not title.isdisjoint(hashes[max(0, first - 1) : last])

    start, end, runs = trim_edges(
        item.start, item.end, inserted_runs(member, groups_at, item.start, item.end), opens
    )
    cut_out = deleted(index.references[item.reference].skeleton, hashes[start : end + 1])
    return replace(item, start=start, end=end, inserted=tuple(runs), deleted=cut_out)


def _key_groups(reference: int, index: LicenseIndex) -> frozenset[int]:
    """The shingle groups of every reference with this reference's key (the language parts)."""
    key = index.references[reference].key
    same = [n for n, other in enumerate(index.references) if other.key == key]
    return frozenset().union(*map(index.member_groups.__getitem__, same))


def _named(reference: int, words: Words, index: LicenseIndex) -> bool:
    """Whether the text mentions any name word of the reference's title (or it has none)."""
    names = index.references[reference].names
    return not names or any(name in words.words for name in names)


def _unique(
    candidates: Sequence[tuple[int, float]], named: set[str], index: LicenseIndex
) -> list[tuple[int, float]]:
    """The best-scored reference of each key, leaving out the keys already matched."""
    seen = set(named)
    kept = []
    for reference, score in candidates:
        key = index.references[reference].key
        if key not in seen:
            seen.add(key)
            kept.append((reference, round(min(score, 1.0), 3)))
    return kept[:5]


def _own_material(
    winner: int,
    family: frozenset[int],
    hashes: Sequence[int],
    live: Sequence[int],
    index: LicenseIndex,
) -> bool:
    """Whether the span holds more than wording the family shares.

    It does not when a present relative has every winner shingle of the span and the span
    lacks the winner's opening words too: the disclaimer that ends every BSD license. A GPL-3.0
    text (all of which LGPL-3.0, with the GPL appended, also has) starts with its own title.
    """
    key = index.references[winner].key
    others = {other for other in family if index.references[other].key != key}
    groups = [index.groups[group] for group in set(live) - {-1}]
    mine = [members for members in groups if winner in members]
    if all(any(other not in members for members in mine) for other in others):
        return True
    return not index.references[winner].title.isdisjoint(live_shingles(hashes, live))


def _duel(
    top: int,
    bounds: tuple[int, int],
    text: Sequence[str],
    hashes: Sequence[int],
    live: Sequence[int],
    hits: Hits,
    index: LicenseIndex,
) -> tuple[int, tuple[int, ...], frozenset[int]]:
    """The relative that explains most of the span's shingles, and any it cannot be told from.

    A relative's own title counts only where the shared words name it: a name word of its
    title or a version number, not generic words ("license redistribution and use").
    """
    start, end = bounds
    family = [top] + [
        other
        for other in index.references[top].relatives
        if hits.distinct.get(other, 0) >= RELATIVE_RECALL * index.references[other].shingle_count
    ]
    if len(family) == 1:
        return top, (), frozenset(family)
    members = set(family)
    low, high = max(0, start - DUEL_MARGIN), min(len(hashes), end + DUEL_MARGIN + 1)
    if live[:low].count(-1) == low and live[high:].count(-1) == len(live) - high:
        seen = hits.shingles  # the window holds every live position: the counts are known
        explained = {reference: hits.distinct.get(reference, 0) for reference in family}
    else:
        seen = live_shingles(hashes[low:high], live[low:high])
        explained = dict.fromkeys(family, 0)
        for group, count in Counter(map(index.postings.__getitem__, seen)).items():
            for reference in index.groups[group] & members:
                explained[reference] += count

    def rank(reference: int) -> tuple[float, float]:
        described = index.references[reference]
        own_title = sum(
            1
            for shingle in described.title & seen
            if index.groups[index.postings[shingle]] & members == {reference}
            and names_it(shingle, described.names, text, hashes, low, high)
        )
        missing = max(0, described.shingle_count - explained[reference])
        score = explained[reference] + TITLE_WEIGHT * own_title - MISSING_WEIGHT * missing
        return round(score, 3), explained[reference] / max(1, described.shingle_count)

    ordered = sorted(family, key=lambda reference: (rank(reference), -reference), reverse=True)
    bodiless = _without_own_body(ordered, seen, members, index)
    ordered = [other for other in ordered if other not in bodiless] + [
        other for other in ordered if other in bodiless
    ]
    winner = ordered[0]
    key = index.references[winner].key
    rivals = tuple(
        other
        for other in ordered[1:]
        if rank(other) == rank(winner) and index.references[other].key != key
    )
    return winner, rivals, frozenset(family)


def _without_own_body(
    family: Sequence[int], seen: set[int], members: set[int], index: LicenseIndex
) -> set[int]:
    """Relatives whose own operative text (``OWN_BODY`` or more shingles beyond their title
    that no relative has: the Clear BSD license's patent sentence) is wholly absent; their
    title alone does not make the text theirs."""
    candidates = [
        reference
        for reference in family
        if index.references[reference].anchors >= len(index.references[reference].title) + OWN_BODY
    ]
    if not candidates:
        return set()
    own: Counter[int] = Counter()
    for group, count in Counter(map(index.postings.__getitem__, seen)).items():
        present = index.groups[group] & members
        if len(present) == 1:
            own[next(iter(present))] += count
    bodiless = set()
    for reference in candidates:
        title = index.references[reference].title & seen
        alone = {reference}
        titled = sum(
            1 for shingle in title if index.groups[index.postings[shingle]] & members == alone
        )
        if own[reference] == titled:
            bodiless.add(reference)
    return bodiless


def _confidence(
    reference: int,
    start: int,
    end: int,
    hashes: Sequence[int],
    hits: Hits,
    masked: int,
    index: LicenseIndex,
) -> float:
    """Share of the span the reference explains, weighed by how much of it is present.

    ``masked`` counts the span's positions already explained by earlier matches. A short
    license (``SHORT_LICENSE`` shingles at most) without its opening words needs
    ``SHORT_RECALL`` of itself: its disclaimer after another grant is not the license.
    """
    positions = hits.positions(reference)
    inside = positions[bisect_left(positions, start) : bisect_right(positions, end)]
    total = end - start + 1 - masked
    precision = len(inside) / max(1, total)
    distinct = len(set(map(hashes.__getitem__, inside)))
    count = index.references[reference].shingle_count
    recall = min(1.0, distinct / max(1, count))
    described = index.references[reference]
    if (
        count <= SHORT_LICENSE
        and recall < SHORT_RECALL
        and described.title.isdisjoint(hashes[max(0, start - 4) : end + 1])
    ):
        return 0.5 * precision  # its opening (the grant) is gone: what is left is shared
    return precision * (0.6 + 0.4 * recall)
