"""The packaged index file: deterministic JSON in gzip, with packed arrays for the shingles.

The file holds derived data only (hashes, digests, word list, relatives), never a text.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import zlib
from array import array
from collections.abc import Iterable

from opengrade.licenses.index import LicenseIndex, Reference, digests_of
from opengrade.licenses.shingles import SHINGLE_HASH, SHINGLE_SIZE

INDEX_FORMAT = 4
INDEX_RESOURCE = "fingerprints.json.gz"


def _pack(values: Iterable[int], typecode: str) -> str:
    return base64.b64encode(zlib.compress(array(typecode, values).tobytes(), 9)).decode("ascii")


def _unpack(data: str, typecode: str) -> array[int]:
    values = array(typecode)
    values.frombytes(zlib.decompress(base64.b64decode(data)))
    return values


def dump_index(index: LicenseIndex) -> bytes:
    """Serialise deterministically (sorted, gzip without a timestamp)."""
    shingles = sorted(index.postings)
    document = {
        "format": INDEX_FORMAT,
        "shingle_size": SHINGLE_SIZE,
        "shingle_hash": SHINGLE_HASH,
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
                ref.quick,
                ref.product,
                ref.product_uses,
                len(ref.skeleton),
            ]
            for ref in index.references
        ],
        "groups": [sorted(group) for group in index.groups],
        "shingle_first": shingles[0] if shingles else 0,
        "shingle_deltas": _pack(itertools.starmap(_gap, itertools.pairwise(shingles)), "Q"),
        "shingle_groups": _pack((index.postings[s] for s in shingles), "I"),
        "skeletons": _pack(
            itertools.chain.from_iterable(ref.skeleton for ref in index.references), "q"
        ),
    }
    text = json.dumps(document, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def _gap(low: int, high: int) -> int:
    return high - low


def load_index_bytes(data: bytes) -> LicenseIndex:
    """Read an index written by :func:`dump_index`."""
    document = json.loads(gzip.decompress(data))
    if (
        document.get("format") != INDEX_FORMAT
        or document.get("shingle_size") != SHINGLE_SIZE
        or document.get("shingle_hash") != SHINGLE_HASH
    ):
        raise ValueError("license index format is not supported; rebuild it with tools/")
    vocabulary = {word: number for number, word in enumerate(document["vocabulary"], start=1)}
    groups_of = _unpack(document["shingle_groups"], "I")
    shingles = itertools.accumulate(
        _unpack(document["shingle_deltas"], "Q"), initial=document["shingle_first"]
    )
    postings = dict(zip(shingles, groups_of, strict=True)) if groups_of else {}
    skeletons = _unpack(document["skeletons"], "q")
    ends = list(itertools.accumulate(row[11] for row in document["references"]))
    starts = [0, *ends[:-1]]
    references = tuple(
        Reference(
            key,
            method,
            count,
            digest,
            tuple(relatives),
            anchors,
            frozenset(title),
            tuple(names),
            quick,
            product,
            product_uses,
            tuple(skeletons[start:end]),
        )
        for (start, end), (
            key,
            method,
            count,
            digest,
            relatives,
            anchors,
            title,
            names,
            quick,
            product,
            product_uses,
            _,
        ) in zip(zip(starts, ends, strict=True), document["references"], strict=True)
    )
    groups = tuple(frozenset(group) for group in document["groups"])
    return LicenseIndex(vocabulary, postings, groups, references, digests_of(references))
