"""The fingerprint index: word-shingle hashes, whole-text digests and relatives of each license.

The index holds no license text. Each reference becomes the set of 64-bit hashes of its
five-word shingles, the SHA-256 of its normalised words, a digest of its text with only case and
whitespace folded (for exact copies, checked before normalising), and the list of its close
relatives (references sharing many shingles); the shingles one relative has and the other lacks
are the anchors that tell versions and variants apart. Every ``SKELETON_STEP``-th shingle
that occurs once in the text is also kept in order (the *skeleton*): a copy with clauses cut
out of its middle is seen. A named license keeps the word it calls itself by (``product``).
``tools/build_license_index.py`` writes the packaged index (written and read by
``index_file``); ``references`` adds the user's own texts the same way, on the fly.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import mul

from opengrade.licenses.normalize import Words, normalize, quick_key
from opengrade.licenses.shingles import shingle_hashes, word_ids

RELATIVE_OVERLAP = 0.3
TITLE_WORDS = 20
NAME_WORDS = 12
NAME_FREQUENCY = 0.12
STRONG_RECALL = 0.5
NOTICE_RECALL = 0.8
MINIMUM_HITS = 3.0
PRODUCT_KEYS = 2
SKELETON_STEP = 8
PRODUCT_USES = 2
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
    quick: str = ""
    product: str = ""
    product_uses: int = 0
    skeleton: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class LicenseIndex:
    """Everything the matcher needs, in memory.

    Besides what is stored, each index carries lookups derived once when it is made: the
    reference number of each exact-copy digest (``quick``), the groups each reference belongs
    to (``member_groups``), and the shingles a reference needs in a text to be reported.
    """

    vocabulary: Mapping[str, int]
    postings: Mapping[int, int]
    groups: tuple[frozenset[int], ...]
    references: tuple[Reference, ...]
    digests: Mapping[str, int]
    quick: Mapping[str, int] = field(init=False, repr=False)
    member_groups: tuple[frozenset[int], ...] = field(init=False, repr=False)
    needed: tuple[float, ...] = field(init=False, repr=False)
    fewest_needed: float = field(init=False, repr=False)
    tallies: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # An exact copy answers what the full digest would: the first reference with that digest.
        quick = {
            ref.quick: self.digests.get(ref.digest, number)
            for number, ref in reversed(list(enumerate(self.references)))
            if ref.quick
        }
        memberships: list[set[int]] = [set() for _ in self.references]
        for group, members in enumerate(self.groups):
            for reference in members:
                memberships[reference].add(group)
        needed = tuple(_needed(reference) for reference in self.references)
        object.__setattr__(self, "quick", quick)
        object.__setattr__(self, "member_groups", tuple(map(frozenset, memberships)))
        object.__setattr__(self, "needed", needed)
        object.__setattr__(self, "fewest_needed", min(needed, default=MINIMUM_HITS))
        bits = [1 << (_TALLY_BITS * reference) for reference in range(len(self.references))]
        tallies = tuple(sum(map(bits.__getitem__, members)) for members in self.groups)
        object.__setattr__(self, "tallies", tallies)

    def tally(self, per_group: Mapping[int, int]) -> dict[int, int]:
        """Reference -> the sum of the counts of the groups it belongs to (non-zero sums only).

        Each group's members are the 1 bits of one big integer with a 32-bit field per
        reference, so the sum over groups is a few big-integer multiply-adds, not a loop over
        every member of every group.
        """
        total = sum(map(mul, map(self.tallies.__getitem__, per_group), per_group.values()))
        size = len(self.references)
        counts = array(_TALLY_TYPE)
        counts.frombytes(total.to_bytes(size * _TALLY_BITS // 8, sys.byteorder))
        return {reference: count for reference, count in enumerate(counts) if count}


_TALLY_BITS = 32
_TALLY_TYPE = next(code for code in "IL" if array(code).itemsize * 8 == _TALLY_BITS)


def _needed(reference: Reference) -> float:
    """How many of its shingles a reference needs in a text to be a candidate."""
    share = NOTICE_RECALL if reference.method == "notice" else STRONG_RECALL
    return max(MINIMUM_HITS, share * reference.shingle_count)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A reference to index: its key, how a match is reported, and its text."""

    key: str
    method: str
    text: str
    named: bool = False  # the license's own name is part of it: a renamed copy is another


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
    keys_using = _keys_using(normalised)
    products = _products(normalised, keys_using)
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
        product = products.get(source.key, "")
        uses = words.words.count(product) if product else 0
        references.append(replace(reference, names=names, product=product, product_uses=uses))
    return _assemble(vocabulary, members, references)


def _keys_using(normalised: Sequence[tuple[SourceText, Words]]) -> dict[str, int]:
    """Word -> how many keys' texts use it."""
    per_key: dict[str, set[str]] = {}
    for source, words in normalised:
        per_key.setdefault(source.key, set()).update(words.words)
    counts: dict[str, int] = {}
    for used in per_key.values():
        for word in used:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _products(
    normalised: Sequence[tuple[SourceText, Words]], keys_using: Mapping[str, int]
) -> dict[str, str]:
    """Key -> the name a named license calls itself by: the most used word of its opening
    words that at most ``PRODUCT_KEYS`` keys use ("deepseek", "chatglm3") or that its key is
    named after ("llama" for ``llama3.1``, shared by a family), used at least
    ``PRODUCT_USES`` times. A copy without it is a renamed sibling, not the license."""
    counts: dict[str, dict[str, int]] = {}
    opening: dict[str, set[str]] = {}
    for source, words in normalised:
        if not source.named:
            continue
        opening.setdefault(source.key, set()).update(words.words[:NAME_WORDS])
        tally = counts.setdefault(source.key, {})
        own = _key_words(source.key)
        for word in words.words:
            if len(word) < 3 or not word.isascii() or word.isdigit() or word in _GENERIC:
                continue
            named_after = any(word.startswith(part) or part.startswith(word) for part in own)
            if keys_using.get(word, 0) <= PRODUCT_KEYS or named_after:
                tally[word] = tally.get(word, 0) + 1
    products = {}
    for key, tally in counts.items():
        ranked = sorted(
            ((word, count) for word, count in tally.items() if word in opening[key]),
            key=lambda pair: (-pair[1], pair[0]),
        )
        if ranked and ranked[0][1] >= PRODUCT_USES:
            products[key] = ranked[0][0]
    return products


def _key_words(key: str) -> tuple[str, ...]:
    """The name words of a key ("llama" of ``llama3.1``, "stability" of ``stabilityai-nc``)."""
    parts = [part.rstrip("0123456789.+") for part in key.lower().split("-")]
    return tuple(part for part in parts if len(part) > 2 and part not in _GENERIC)


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
    in_order = shingle_hashes(word_ids(words.words, vocabulary))
    once = {shingle for shingle, count in Counter(in_order).items() if count == 1}
    return Reference(
        source.key,
        source.method,
        len(shingles),
        words.digest(),
        relatives,
        anchors,
        title,
        quick=quick_key(source.text) if words.words else "",
        skeleton=tuple(shingle for shingle in in_order[::SKELETON_STEP] if shingle in once),
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
        replace(ref, relatives=tuple(sorted(related[n]))) for n, ref in enumerate(references)
    ]
    return LicenseIndex(vocabulary, postings, groups, tuple(references), digests_of(references))


def digests_of(references: Sequence[Reference]) -> dict[str, int]:
    """Normalised-text digest -> the first reference with it."""
    return {ref.digest: n for n, ref in reversed(list(enumerate(references))) if ref.digest}
