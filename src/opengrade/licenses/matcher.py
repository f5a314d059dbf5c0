"""Find the licenses in normalised words: exact digest, then shingle hits, spans and anchors.

1. The whole text's digest equals a reference's: an exact match.
2. Otherwise every five-word shingle is looked up; a reference present for at least half of its
   shingles is a candidate. The strongest candidate's span is the densest run of its hits,
   not crossing a run that belongs to another candidate.
3. Within that span the close relatives (versions, variants) duel: the winner is the relative
   that explains most of the span's shingles (its anchors are there, the others' are not), with
   extra weight for its own title words and a small cost for its material the text lacks.
   When two relatives score the same the answer is ambiguous.
4. The span is removed and the search repeats, so a file can hold several licenses.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from opengrade.licenses.index import LicenseIndex, shingle_hashes, word_ids
from opengrade.licenses.normalize import Words

STRONG_RECALL = 0.5
NOTICE_RECALL = 0.8
RELATIVE_RECALL = 0.2
CANDIDATE_RECALL = 0.1
CLUSTER_GAP = 20
ACCEPT_CONFIDENCE = 0.7
MAX_MATCHES = 12
TITLE_WEIGHT = 25
MISSING_WEIGHT = 0.1
DUEL_MARGIN = 40
REPEAT_RUN = 60
RIVAL_MATERIAL = 20
EDGE_RUN = 4
NAME_CHECK_BELOW = 0.95
NAME_PENALTY = 0.8


@dataclass(frozen=True, slots=True)
class Found:
    """A reference found over word positions ``start``..``end`` (inclusive)."""

    reference: int
    start: int
    end: int
    confidence: float
    rivals: tuple[int, ...] = ()
    exact: bool = False


_SENTINEL = Found(-1, 1 << 62, 1 << 62, 0.0)


@dataclass(slots=True)
class _Hits:
    """Where each reference's shingles occur among the positions still unexplained."""

    by_group: dict[int, list[int]]
    distinct: dict[int, int]
    groups: tuple[frozenset[int], ...]

    cache: dict[int, list[int]] = field(default_factory=dict)

    def positions(self, reference: int) -> list[int]:
        """The live positions whose shingle the reference has, in text order."""
        found = self.cache.get(reference)
        if found is None:
            found = [
                position
                for group, where in self.by_group.items()
                if reference in self.groups[group]
                for position in where
            ]
            found.sort()
            self.cache[reference] = found
        return found


def find(words: Words, index: LicenseIndex) -> tuple[list[Found], list[tuple[int, float]]]:
    """The references found in ``words`` (in text order) and, for the rest, the near misses."""
    exact = index.digests.get(words.digest()) if words.words else None
    if exact is not None:
        return [Found(exact, 0, len(words.words) - 1, 1.0, exact=True)], []
    hashes = shingle_hashes(word_ids(words.words, index.vocabulary))
    postings = index.postings
    groups_at = [postings.get(shingle, -1) for shingle in hashes]
    live = [group >= 0 for group in groups_at]
    found: list[Found] = []
    near: dict[int, float] = {}
    smallest = min(_needed(reference, index) for reference in range(len(index.references)))
    for _ in range(MAX_MATCHES):
        if sum(live) < smallest:
            break
        hits = _count(hashes, groups_at, live, index)
        strong = _strong(hits, index)
        for reference, count in hits.distinct.items():
            recall = count / max(1, index.references[reference].shingle_count)
            if recall >= CANDIDATE_RECALL:
                near[reference] = max(near.get(reference, 0.0), recall)
        if not strong:
            break
        top = max(strong, key=lambda reference: (hits.distinct[reference], -reference))
        start, end = _span(top, hits, strong, index, hashes, (0, len(hashes)))
        winner, rivals, family = _duel(top, start, end, hashes, groups_at, live, hits, index)
        if winner != top:
            window = (start - DUEL_MARGIN, end + DUEL_MARGIN)
            start, end = _span(winner, hits, strong, index, hashes, window)
        if len(family) > 1:
            start, end = _dominant(winner, family, start, end, groups_at, live, index)
        masked = (
            sum(
                1
                for position in range(start, end + 1)
                if not live[position] and groups_at[position] >= 0
            )
            if found
            else 0
        )
        confidence = _confidence(winner, start, end, hashes, hits, masked, index)
        if rivals:
            confidence *= 0.6
        if confidence < NAME_CHECK_BELOW and not _named(winner, words, index):
            confidence *= NAME_PENALTY
        found.append(Found(winner, start, end + 4, round(confidence, 3), rivals))
        for position in range(start, end + 1):
            live[position] = False
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
    named = {item.reference for item in accepted}
    rejected = [(item.reference, item.confidence) for item in found if item not in accepted]
    others = [(reference, recall) for reference, recall in near.items() if reference not in named]
    candidates = sorted(rejected + others, key=lambda pair: (-pair[1], pair[0]))
    return accepted, _unique(candidates)


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


def _named(reference: int, words: Words, index: LicenseIndex) -> bool:
    """Whether the text mentions any name word of the reference's title (or it has none)."""
    names = index.references[reference].names
    return not names or any(name in words.words for name in names)


def _unique(candidates: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    seen: set[int] = set()
    kept = []
    for reference, score in candidates:
        if reference not in seen:
            seen.add(reference)
            kept.append((reference, round(min(score, 1.0), 3)))
    return kept[:5]


def _count(
    hashes: Sequence[int], groups_at: Sequence[int], live: Sequence[bool], index: LicenseIndex
) -> _Hits:
    """Positions and distinct shingles of every reference, over the live positions."""
    by_group: defaultdict[int, list[int]] = defaultdict(list)
    for position, group in enumerate(groups_at):
        if live[position]:
            by_group[group].append(position)
    distinct: defaultdict[int, int] = defaultdict(int)
    for group, where in by_group.items():
        count = len({hashes[position] for position in where}) if len(where) > 1 else 1
        for reference in index.groups[group]:
            distinct[reference] += count
    return _Hits(dict(by_group), dict(distinct), index.groups)


def _needed(reference: int, index: LicenseIndex) -> float:
    """How many of its shingles a reference needs in the text to be a candidate."""
    described = index.references[reference]
    share = NOTICE_RECALL if described.method == "notice" else STRONG_RECALL
    return max(3.0, share * described.shingle_count)


def _strong(hits: _Hits, index: LicenseIndex) -> set[int]:
    """References present for enough of their shingles to be reported."""
    return {
        reference
        for reference, count in hits.distinct.items()
        if count >= _needed(reference, index)
    }


def _span(
    reference: int,
    hits: _Hits,
    strong: set[int],
    index: LicenseIndex,
    hashes: Sequence[int],
    window: tuple[int, int],
) -> tuple[int, int]:
    """The densest run of ``reference``'s hits, merged across gaps no other candidate claims.

    The run stops where the text starts over (a second copy of the same material) and its
    edges are trimmed to where hits become contiguous, so stray shared phrases stay outside.
    """
    low, high = window
    positions = [p for p in hits.positions(reference) if low <= p <= high]
    repeated = len(positions) - hits.distinct[reference]
    if repeated >= max(REPEAT_RUN, hits.distinct[reference] // 4):
        positions = _before_repeat(positions, hashes)
    family = {reference, *index.references[reference].relatives}
    foreign = sorted(
        {p for other in strong - family for p in hits.positions(other)} - set(positions)
    )
    longest_gap = max(CLUSTER_GAP, index.references[reference].shingle_count // 2)
    clusters: list[list[int]] = [[positions[0], positions[0], 1]]
    for position in positions[1:]:
        last = clusters[-1]
        gap = position - last[1]
        if gap <= CLUSTER_GAP or (gap <= longest_gap and not _claimed(foreign, last[1], position)):
            last[1] = position
            last[2] += 1
        else:
            clusters.append([position, position, 1])
    best = max(clusters, key=lambda cluster: cluster[2])
    inside = [position for position in positions if best[0] <= position <= best[1]]
    return _trim(inside)


def _before_repeat(positions: list[int], hashes: Sequence[int]) -> list[int]:
    """The positions up to where a long run of already-seen shingles begins."""
    seen: set[int] = set()
    run = 0
    for number, position in enumerate(positions):
        shingle = hashes[position]
        if shingle in seen:
            run += 1
            if run >= REPEAT_RUN:
                return positions[: number - run + 1]
        else:
            run = 0
            seen.add(shingle)
    return positions


def _trim(positions: list[int]) -> tuple[int, int]:
    """First and last position that begin or end a contiguous run of hits."""
    edge = EDGE_RUN - 1
    count = len(positions)
    head = next(
        (positions[i] for i in range(count - edge) if positions[i + edge] - positions[i] == edge),
        None,
    )
    tail = next(
        (
            positions[i]
            for i in range(count - 1, edge - 1, -1)
            if positions[i] - positions[i - edge] == edge
        ),
        None,
    )
    if head is None or tail is None or head > tail:
        return positions[0], positions[-1]
    return head, tail


def _claimed(foreign: Sequence[int], start: int, end: int) -> bool:
    """Whether another candidate has a run of hits strictly between two positions."""
    return bisect_right(foreign, end - 1) - bisect_left(foreign, start + 1) >= 5


def _duel(
    top: int,
    start: int,
    end: int,
    hashes: Sequence[int],
    groups_at: Sequence[int],
    live: Sequence[bool],
    hits: _Hits,
    index: LicenseIndex,
) -> tuple[int, tuple[int, ...], frozenset[int]]:
    """The relative that explains most of the span's shingles, and any it cannot be told from."""
    family = [top] + [
        other
        for other in index.references[top].relatives
        if hits.distinct.get(other, 0) >= RELATIVE_RECALL * index.references[other].shingle_count
    ]
    if len(family) == 1:
        return top, (), frozenset(family)
    members = set(family)
    explained = dict.fromkeys(family, 0)
    seen: set[int] = set()
    per_group: defaultdict[int, int] = defaultdict(int)
    for position in range(max(0, start - DUEL_MARGIN), min(len(hashes), end + DUEL_MARGIN + 1)):
        group = groups_at[position]
        if group < 0 or not live[position] or hashes[position] in seen:
            continue
        seen.add(hashes[position])
        per_group[group] += 1
    for group, count in per_group.items():
        for reference in index.groups[group] & members:
            explained[reference] += count

    def rank(reference: int) -> tuple[float, float]:
        described = index.references[reference]
        own_title = sum(
            1
            for shingle in described.title & seen
            if index.groups[index.postings[shingle]] & members == {reference}
        )
        missing = max(0, described.shingle_count - explained[reference])
        score = explained[reference] + TITLE_WEIGHT * own_title - MISSING_WEIGHT * missing
        return round(score, 3), explained[reference] / max(1, described.shingle_count)

    ordered = sorted(family, key=lambda reference: (rank(reference), -reference), reverse=True)
    winner = ordered[0]
    rivals = tuple(other for other in ordered[1:] if rank(other) == rank(winner))
    return winner, rivals, frozenset(family)


def _dominant(
    winner: int,
    family: frozenset[int],
    start: int,
    end: int,
    groups_at: Sequence[int],
    live: Sequence[bool],
    index: LicenseIndex,
) -> tuple[int, int]:
    """The stretch of the span that is the winner's when a relative's text shares the span.

    A shingle scores +1 when only the winner has it, -1 when a relative has it and the winner
    does not, 0 when shared. Only when the span holds much relative-only material (a GPL-2.0
    text followed by LGPL-2.1) is it cut to the best-scoring stretch, widened over shared text.
    """
    others = family - {winner}

    scores: dict[int, int] = {-1: 0}
    for group in set(groups_at[start : end + 1]) - {-1}:
        members = index.groups[group]
        if winner in members:
            scores[group] = 0 if members & others else 1
        else:
            scores[group] = -1 if members & others else 0
    steps = [
        scores[groups_at[position]] if live[position] else 0 for position in range(start, end + 1)
    ]
    if steps.count(-1) < max(RIVAL_MATERIAL, 0.05 * len(steps)):
        return start, end
    best = (0, 0, len(steps) - 1)
    total, run_start = 0, 0
    for offset, value in enumerate(steps):
        if total <= 0 and value > 0:
            total, run_start = 0, offset
        total += value
        if total > best[0]:
            best = (total, run_start, offset)
    low, high = best[1], best[2]
    while low > 0 and steps[low - 1] >= 0:
        low -= 1
    while high < len(steps) - 1 and steps[high + 1] >= 0:
        high += 1
    return start + low, start + high


def _confidence(
    reference: int,
    start: int,
    end: int,
    hashes: Sequence[int],
    hits: _Hits,
    masked: int,
    index: LicenseIndex,
) -> float:
    """Share of the span the reference explains, weighed by how much of it is present.

    ``masked`` counts the span's positions already explained by earlier matches.
    """
    positions = hits.positions(reference)
    inside = positions[bisect_left(positions, start) : bisect_right(positions, end)]
    total = end - start + 1 - masked
    precision = len(inside) / max(1, total)
    distinct = len({hashes[position] for position in inside})
    recall = min(1.0, distinct / max(1, index.references[reference].shingle_count))
    return precision * (0.6 + 0.4 * recall)
