"""Where a reference sits in a text: its hits among the live positions, and its span.

Positions are shingle positions of the text; a position is *live* while no earlier match has
explained it. Spans are the densest runs of a reference's hits, cut where another candidate's
text starts, where the text starts over, or where a close relative's own material begins.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from opengrade.licenses.index import LicenseIndex

STRONG_RECALL = 0.5
NOTICE_RECALL = 0.8
CLUSTER_GAP = 20
REPEAT_RUN = 60
RIVAL_MATERIAL = 20
EDGE_RUN = 4


@dataclass(slots=True)
class Hits:
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


def count_hits(
    hashes: Sequence[int], groups_at: Sequence[int], live: Sequence[bool], index: LicenseIndex
) -> Hits:
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
    return Hits(dict(by_group), dict(distinct), index.groups)


def needed(reference: int, index: LicenseIndex) -> float:
    """How many of its shingles a reference needs in the text to be a candidate."""
    described = index.references[reference]
    share = NOTICE_RECALL if described.method == "notice" else STRONG_RECALL
    return max(3.0, share * described.shingle_count)


def strong_references(hits: Hits, index: LicenseIndex) -> set[int]:
    """References present for enough of their shingles to be reported."""
    return {
        reference for reference, count in hits.distinct.items() if count >= needed(reference, index)
    }


def span(
    reference: int,
    hits: Hits,
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


def dominant(
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
