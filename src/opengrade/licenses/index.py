"""The fingerprint index: word-shingle hashes, whole-text digests and relatives of each license.

The index holds no license text. Each reference becomes the set of 64-bit hashes of its
five-word shingles, the SHA-256 of its normalised words, a digest of its text with only case and
whitespace folded (for exact copies, checked before normalising), and the list of its close
relatives (references sharing many shingles); the shingles one relative has and the other lacks
are the anchors that tell versions and variants apart. ``tools/build_license_index.py`` writes
the packaged index; ``references`` adds the user's own texts the same way, on the fly.

A shingle's hash is defined by :func:`portable_shingle_hash` (xxHash-style lane mixing of the
five word numbers). It is the very function CPython uses to hash a tuple of small integers, so
where the interpreter's ``hash`` agrees (checked once, on probes) a text's shingles are hashed
by C code: ``map(hash, zip(...))``; elsewhere the portable Python function gives the same values.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import zlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from opengrade.licenses.normalize import Words, normalize, quick_key

SHINGLE_SIZE = 5
INDEX_FORMAT = 2
SHINGLE_HASH = "xxh64-lanes-v1"
INDEX_RESOURCE = "fingerprints.json.gz"
RELATIVE_OVERLAP = 0.3
TITLE_WORDS = 20
NAME_WORDS = 12
NAME_FREQUENCY = 0.12
STRONG_RECALL = 0.5
NOTICE_RECALL = 0.8
MINIMUM_HITS = 3.0
_GENERIC = frozenset(
    {
        "a",
        "agreement",
        "an",
        "and",
        "by",
        "code",
        "commercial",
        "community",
        "date",
        "dated",
        "document",
        "for",
        "general",
        "license",
        "licenses",
        "model",
        "models",
        "non",
        "of",
        "on",
        "open",
        "or",
        "policy",
        "public",
        "release",
        "research",
        "software",
        "terms",
        "the",
        "this",
        "to",
        "use",
        "v",
        "version",
        "with",
    }
)
_MASK = (1 << 64) - 1
_PRIME_1 = 11400714785074694791
_PRIME_2 = 14029467366897019727
_PRIME_5 = 2870177450012600261
_UNKNOWN_WORD = 0


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


_PROBES = ((1, 2, 3, 4, 5), (4099, 0, 65536, 17, 1 << 40), (0, 0, 0, 0, 0))
NATIVE_HASH = all(hash(probe) == portable_shingle_hash(probe) for probe in _PROBES)


@dataclass(frozen=True, slots=True)
class Reference:
    """One indexed reference: a license text, or a notice a license prescribes."""

    key: str
    method: str
    shingle_count: int
    digest: str
    relatives: tuple[int, ...]
    anchors: int
    title: frozenset[int] = frozenset()
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LicenseIndex:
    """Everything the matcher needs, in memory."""

    vocabulary: Mapping[str, int]
    postings: Mapping[int, int]
    groups: tuple[frozenset[int], ...]
    references: tuple[Reference, ...]
    digests: Mapping[str, int]


def word_ids(words: Sequence[str], vocabulary: Mapping[str, int]) -> list[int]:
    """Each word's vocabulary number (0 for a word no reference uses)."""
    get = vocabulary.get
    return [get(word, _UNKNOWN_WORD) for word in words]


def shingle_hashes(ids: Sequence[int]) -> list[int]:
    """The 40-bit hash of every run of five consecutive word numbers."""
    return [
        ((((((a << 16 | b) << 16 | c) << 16 | d) << 16 | e) * _MIX) & _MASK) >> 24
        for a, b, c, d, e in zip(ids, ids[1:], ids[2:], ids[3:], ids[4:], strict=False)
    ]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A reference to index: its key, how a match is reported, and its text."""

    key: str
    method: str
    text: str


def build_index(sources: Iterable[SourceText], base: LicenseIndex | None = None) -> LicenseIndex:
    """Index reference texts (on top of ``base`` when given, for user texts)."""
    vocabulary = dict(base.vocabulary) if base else {}
    normalised = [(source, normalize(source.text)) for source in sources]
    for word in sorted({word for _, words in normalised for word in words.words}):
        vocabulary.setdefault(word, len(vocabulary) + 1)
    offset = len(base.references) if base else 0
    shingle_sets = [
        frozenset(shingle_hashes(word_ids(words.words, vocabulary))) for _, words in normalised
    ]
    members: dict[int, set[int]] = {}
    if base:
        for shingle, group in base.postings.items():
            members[shingle] = set(base.groups[group])
    for number, shingles in enumerate(shingle_sets, start=offset):
        for shingle in shingles:
            members.setdefault(shingle, set()).add(number)
    references = list(base.references) if base else []
    frequency: dict[str, int] = {}
    for _, words in normalised:
        for word in set(words.words):
            frequency[word] = frequency.get(word, 0) + 1
    common = max(2, int(NAME_FREQUENCY * len(normalised)))
    for number, ((source, words), shingles) in enumerate(
        zip(normalised, shingle_sets, strict=True), start=offset
    ):
        reference = _reference(source, words, shingles, number, vocabulary, members)
        names = tuple(
            sorted(
                {
                    word
                    for word in words.words[:NAME_WORDS]
                    if word not in _GENERIC and not word.isdigit() and frequency[word] <= common
                }
            )
        )
        references.append(_replace_names(reference, names))
    return _assemble(vocabulary, members, references)


def _reference(
    source: SourceText,
    words: Words,
    shingles: frozenset[int],
    number: int,
    vocabulary: Mapping[str, int],
    members: Mapping[int, set[int]],
) -> Reference:
    """Find a new reference's relatives and count its anchors against them."""
    shared: dict[int, int] = {}
    for shingle in shingles:
        for other in members[shingle]:
            if other != number:
                shared[other] = shared.get(other, 0) + 1
    relatives = tuple(
        sorted(
            other for other, count in shared.items() if count >= RELATIVE_OVERLAP * len(shingles)
        )
    )
    anchors = sum(1 for shingle in shingles if not members[shingle] & set(relatives))
    title = frozenset(shingle_hashes(word_ids(words.words[:TITLE_WORDS], vocabulary)))
    return Reference(
        source.key, source.method, len(shingles), words.digest(), relatives, anchors, title
    )


def _replace_names(reference: Reference, names: tuple[str, ...]) -> Reference:
    return Reference(
        reference.key,
        reference.method,
        reference.shingle_count,
        reference.digest,
        reference.relatives,
        reference.anchors,
        reference.title,
        names,
    )


def _assemble(
    vocabulary: dict[str, int], members: Mapping[int, set[int]], references: list[Reference]
) -> LicenseIndex:
    """Turn per-shingle member sets into shared groups, and make relations symmetric."""
    group_numbers: dict[frozenset[int], int] = {}
    postings: dict[int, int] = {}
    for shingle in sorted(members):
        group = frozenset(members[shingle])
        postings[shingle] = group_numbers.setdefault(group, len(group_numbers))
    groups = tuple(sorted(group_numbers, key=group_numbers.__getitem__))
    related: dict[int, set[int]] = {n: set(ref.relatives) for n, ref in enumerate(references)}
    for number, reference in enumerate(references):
        for other in reference.relatives:
            related[other].add(number)
    references = [
        Reference(
            ref.key,
            ref.method,
            ref.shingle_count,
            ref.digest,
            tuple(sorted(related[n])),
            ref.anchors,
            ref.title,
            ref.names,
        )
        for n, ref in enumerate(references)
    ]
    digests = {ref.digest: n for n, ref in reversed(list(enumerate(references))) if ref.digest}
    return LicenseIndex(vocabulary, postings, groups, tuple(references), digests)


def _pack(values: Iterable[int], typecode: str) -> str:
    return base64.b64encode(zlib.compress(array(typecode, values).tobytes(), 9)).decode("ascii")


def _unpack(data: str, typecode: str) -> array[int]:
    values = array(typecode)
    values.frombytes(zlib.decompress(base64.b64decode(data)))
    return values


def dump_index(index: LicenseIndex) -> bytes:
    """Serialise deterministically (sorted, gzip without a timestamp)."""
    shingles = sorted(index.postings)
    deltas = [b - a for a, b in zip([0, *shingles], shingles, strict=False)]
    document = {
        "format": INDEX_FORMAT,
        "shingle_size": SHINGLE_SIZE,
        "vocabulary": sorted(index.vocabulary, key=index.vocabulary.__getitem__),
        "references": [
            [
                ref.key,
                ref.method,
                ref.shingle_count,
                ref.digest,
                list(ref.relatives),
                ref.anchors,
                sorted(ref.title),
                list(ref.names),
            ]
            for ref in index.references
        ],
        "groups": [sorted(group) for group in index.groups],
        "shingle_deltas": _pack(deltas, "Q"),
        "shingle_groups": _pack((index.postings[s] for s in shingles), "I"),
    }
    text = json.dumps(document, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load_index_bytes(data: bytes) -> LicenseIndex:
    """Read an index written by :func:`dump_index`."""
    document = json.loads(gzip.decompress(data))
    if document.get("format") != INDEX_FORMAT or document.get("shingle_size") != SHINGLE_SIZE:
        raise ValueError("license index format is not supported; rebuild it with tools/")
    vocabulary = {word: number for number, word in enumerate(document["vocabulary"], start=1)}
    shingles = itertools.accumulate(_unpack(document["shingle_deltas"], "Q"))
    postings = dict(zip(shingles, _unpack(document["shingle_groups"], "I"), strict=True))
    references = tuple(
        Reference(
            key, method, count, digest, tuple(relatives), anchors, frozenset(title), tuple(names)
        )
        for key, method, count, digest, relatives, anchors, title, names in document["references"]
    )
    groups = tuple(frozenset(group) for group in document["groups"])
    digests = {ref.digest: n for n, ref in reversed(list(enumerate(references))) if ref.digest}
    return LicenseIndex(vocabulary, postings, groups, references, digests)
