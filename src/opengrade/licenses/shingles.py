"""Shingles of a text as 64-bit hashes, computed by C code where possible.

A shingle's hash is defined by :func:`portable_shingle_hash`: xxHash-style lane mixing of its
word numbers. It is the very function CPython uses to hash a tuple of small integers, so
where the interpreter's ``hash`` agrees (checked once, on probes) a text's shingles are hashed
with ``map(hash, zip(...))`` and no Python code runs per shingle; elsewhere the portable
function gives the same values, more slowly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat

SHINGLE_SIZE = 5
SHINGLE_HASH = "xxh64-lanes-v1"
UNKNOWN_WORD = 0
_MASK = (1 << 64) - 1
_PRIME_1 = 11400714785074694791
_PRIME_2 = 14029467366897019727
_PRIME_5 = 2870177450012600261


def portable_shingle_hash(numbers: Sequence[int]) -> int:
    """The signed 64-bit hash of a run of word numbers (each below 2**61)."""
    total = _PRIME_5
    for lane in numbers:
        total = (total + lane * _PRIME_2) & _MASK
        total = ((total << 31) | (total >> 33)) & _MASK
        total = (total * _PRIME_1) & _MASK
    total = (total + (len(numbers) ^ (_PRIME_5 ^ 3527539))) & _MASK
    if total == _MASK:
        return 1546275796
    return total - (1 << 64) if total >> 63 else total


_PROBES = ((1, 2, 3, 4), (4099, 0, 65536, 1 << 40), (0, 0, 0, 0))
NATIVE_HASH = all(hash(probe) == portable_shingle_hash(probe) for probe in _PROBES)


def word_ids(words: Sequence[str], vocabulary: Mapping[str, int]) -> list[int]:
    """Each word's vocabulary number (0 for a word no reference uses)."""
    return list(map(vocabulary.get, words, repeat(UNKNOWN_WORD)))


def shingle_hashes(ids: Sequence[int]) -> list[int]:
    """The hash of every five-word window, one per window start.

    The hash covers the window's last four words: the first index format packed five 16-bit
    numbers into 80 bits and kept the low 64, dropping the first word, and the matcher's
    thresholds and the tests were settled on that; the windows (positions) are unchanged.
    """
    runs = zip(ids[1:], ids[2:], ids[3:], ids[4:], strict=False)
    if NATIVE_HASH:
        return list(map(hash, runs))
    return list(map(portable_shingle_hash, runs))
