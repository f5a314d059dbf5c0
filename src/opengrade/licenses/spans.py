"""Where a reference sits in a text: its hits among the live positions, and its span.

Positions are shingle positions of the text; a position is *live* while no earlier match has
explained it. Spans are the densest runs of a reference's hits, cut where another candidate's
text starts, where the text starts over, or where a close relative's own material begins.
Hits are counted and positions found with C-level iteration (``set``, ``Counter``,
``compress``): Python code runs per reference, per group or per gap, not per word.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import sub

from opengrade.licenses.index import LicenseIndex

CLUSTER_GAP = 20
REPEAT_RUN = 60
RIVAL_MATERIAL = 20
EDGE_RUN = 4
MISS_COST = 0.5
_IS_GROUP = (-1).__lt__  # a live position holds a group number (>= 0); others hold -1


@dataclass(slots=True)
class Hits:
    """Where each reference's shingles occur among the positions still unexplained.

    ``live`` holds, for each shingle position of the text, the number of the group of
    references having that shingle, or -1 where no reference has it or an earlier match has
    already explained it; ``shingles`` are the distinct shingles at live positions and
    ``distinct`` how many of them each reference has.
    """

    live: list[int]
    distinct: dict[int, int]
    member_groups: tuple[frozenset[int], ...]
    shingles: set[int] = field(default_factory=set)

    cache: dict[int, list[int]] = field(default_factory=dict)
    occupied: tuple[list[int], list[int]] | None = None

    def positions(self, reference: int) -> list[int]:
        """The live positions whose shingle the reference has, in text order."""
        found = self.cache.get(reference)
        if found is None:
            if self.occupied is None:  # positions holding a group, and their groups
                where = list(compress(range(len(self.live)), map(_IS_GROUP, self.live)))
                self.occupied = (where, [self.live[position] for position in where])
            where, groups = self.occupied
            member = self.member_groups[reference].__contains__
            found = list(compress(where, map(member, groups)))
            self.cache[reference] = found
        return found


def live_shingles(hashes: Sequence[int], live: Sequence[int]) -> set[int]:
    """The distinct shingles at live positions."""
    return set(compress(hashes, map(_IS_GROUP, live)))


def count_hits(hashes: Sequence[int], live: list[int], index: LicenseIndex) -> Hits:
    """Distinct live shingles of every reference (positions are found on demand)."""
    shingles = live_shingles(hashes, live)
    per_group = Counter(map(index.postings.__getitem__, shingles))
    distinct = index.tally(per_group)
    return Hits(list(live), distinct, index.member_groups, shingles)


def strong_references(hits: Hits, index: LicenseIndex) -> set[int]:
    """References present for enough of their shingles to be reported."""
    needed = index.needed
    return {reference for reference, count in hits.distinct.items() if count >= needed[reference]}


def span(
    reference: int,
    hits: Hits,
    strong: set[int],
    index: LicenseIndex,
    hashes: Sequence[int],
    window: tuple[int, int],
) -> tuple[int, int]:
    """The densest run of ``reference``'s hits, merged across gaps no other candidate claims.

    The run stops where the text starts over (a second copy of the same material) and where
    hits thin out (``_densest``), and its edges are trimmed to where hits become contiguous,
    so stray shared phrases stay outside.
    """
    low, high = window
    every = hits.positions(reference)
    positions = every[bisect_left(every, low) : bisect_right(every, high)]
    repeated = len(positions) - hits.distinct[reference]
    if repeated >= max(REPEAT_RUN, hits.distinct[reference] // 4):
        positions = _before_repeat(positions, hashes)
    family = {reference, *index.references[reference].relatives}
    others = strong - family
    foreign = sorted(set().union(*map(hits.positions, others)) - set(positions)) if others else []
    longest_gap = max(CLUSTER_GAP, index.references[reference].shingle_count // 2)
    # A run of hits goes on across a gap of at most CLUSTER_GAP positions, or of at most
    # longest_gap positions when no other candidate has a run of hits inside the gap.
    gaps = list(map(sub, positions[1:], positions[:-1]))
    wide = compress(range(1, len(positions)), map(CLUSTER_GAP.__lt__, gaps))
    breaks = [
        number
        for number in wide
        if gaps[number - 1] > longest_gap
        or _claimed(foreign, positions[number - 1], positions[number])
    ]
    bounds = [0, *breaks, len(positions)]
    sizes = list(map(sub, bounds[1:], bounds[:-1]))
    best = sizes.index(max(sizes))
    return _trim(_densest(positions[bounds[best] : bounds[best + 1]]))


def _densest(positions: list[int]) -> list[int]:
    """The run of hits with the best balance of hits over misses (each miss costs
    ``MISS_COST``): where the hits thin out to scattered shared phrases (another license on
    the same template after this one), the run stops. Runs of adjacent hits are taken whole.
    """
    count = len(positions)
    if count < 2:
        return positions
    steps = list(map(sub, positions[1:], positions[:-1]))
    starts = [0, *compress(range(1, count), map((1).__lt__, steps))]
    ends = [*starts[1:], count]
    best, best_low, best_high = 0.0, 0, 0
    total, low = 0.0, 0
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if number:
            total -= MISS_COST * (steps[start - 1] - 1)
            if total <= 0:
                total, low = 0.0, number
        total += end - start
        if total > best:
            best, best_low, best_high = total, low, number
    return positions[starts[best_low] : ends[best_high]]


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


def dominant(
    winner: int,
    family: frozenset[int],
    start: int,
    end: int,
    live: Sequence[int],
    index: LicenseIndex,
) -> tuple[int, int]:
    """The stretch of the span that is the winner's when a relative's text shares the span.

    A shingle scores +1 when only the winner has it, -1 when a relative has it and the winner
    does not, 0 when shared. Only when the span holds much relative-only material (a GPL-2.0
    text followed by LGPL-2.1) is it cut to the best-scoring stretch, widened over shared text.
    """
    others = family - {winner}
    inside = live[start : end + 1]
    scores: dict[int, int] = {-1: 0}
    for group in set(inside) - {-1}:
        members = index.groups[group]
        if winner in members:
            scores[group] = 1 if members.isdisjoint(others) else 0
        else:
            scores[group] = 0 if members.isdisjoint(others) else -1
    steps = list(map(scores.__getitem__, inside))
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
