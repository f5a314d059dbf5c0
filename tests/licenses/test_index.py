"""The packaged fingerprint index: derived data only, small, deterministic and current."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path

from opengrade.licenses.index_file import INDEX_RESOURCE, dump_index, load_index_bytes
from opengrade.licenses.references import packaged_index

REPO = Path(__file__).resolve().parents[2]
PACKAGED = REPO / "src" / "opengrade" / "licenses" / "data" / INDEX_RESOURCE


def _builder() -> object:
    return _tool("build_license_index")


def _tool(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packaged_index_is_small_and_holds_no_text() -> None:
    data = PACKAGED.read_bytes()
    assert len(data) < 2 * 1024 * 1024
    document = json.loads(gzip.decompress(data))
    assert set(document) == {
        "format",
        "shingle_size",
        "shingle_hash",
        "vocabulary",
        "references",
        "groups",
        "shingle_first",
        "shingle_deltas",
        "shingle_groups",
        "skeletons",
    }
    assert "Permission is hereby granted" not in gzip.decompress(data).decode("utf-8")


def test_round_trip() -> None:
    index = packaged_index()
    again = load_index_bytes(dump_index(index))
    assert again.references == index.references
    assert again.postings == index.postings


EXTRA_TEXTS = Path(os.environ.get("OPENGRADE_REFERENCE_TEXTS", REPO.parent / "reference-texts"))
"""The official texts of tools/reference_texts.tsv, kept outside the repository."""


def _rebuilt(builder: object, corpus: Path, extra: Path | None) -> bytes:
    sources = builder.collect(corpus / "licenses" / "texts", extra)  # type: ignore[attr-defined]
    first = dump_index(builder.build_index(sources))  # type: ignore[attr-defined]
    assert first == dump_index(builder.build_index(sources))  # type: ignore[attr-defined]
    return first


def test_rebuild_from_the_corpus_gives_the_same_bytes(corpus: Path) -> None:
    """Byte for byte where the extra official texts are at hand; elsewhere (CI) every corpus
    reference is packaged unchanged and the only other keys are the manifest's indexed ones."""
    builder = _builder()
    manifest = _tool("reference_texts").origins()  # type: ignore[attr-defined]
    indexed = {origin.key for origin in manifest if origin.indexed}
    packaged = packaged_index().references
    if EXTRA_TEXTS.is_dir() and all((EXTRA_TEXTS / f"{k}.txt").is_file() for k in indexed):
        rebuilt = _rebuilt(builder, corpus, EXTRA_TEXTS)
        assert rebuilt == PACKAGED.read_bytes(), "rebuild with tools/build_license_index.py"
    corpus_only = load_index_bytes(_rebuilt(builder, corpus, None)).references
    kept = {(ref.key, ref.method, ref.shingle_count, ref.digest) for ref in packaged}
    for reference in corpus_only:
        key = (reference.key, reference.method, reference.shingle_count, reference.digest)
        assert key in kept, f"{reference.key}: rebuild with tools/build_license_index.py"
    assert {ref.key for ref in packaged} - {ref.key for ref in corpus_only} == indexed


def test_close_relatives_are_linked() -> None:
    index = packaged_index()
    number = {ref.key: n for n, ref in enumerate(index.references)}
    relatives = {index.references[n].key for n in index.references[number["llama3.1"]].relatives}
    assert {"llama3", "llama3.2", "llama3.3", "llama4"} <= relatives
    openmdw = index.references[number["OpenMDW-1.0"]].relatives
    assert number["openmdw-1.1"] in openmdw


def test_tally_sums_the_counts_of_each_references_groups() -> None:
    index = packaged_index()
    per_group = {group: 1 + group % 7 for group in range(0, len(index.groups), 3)}
    expected: dict[int, int] = {}
    for group, count in per_group.items():
        for reference in index.groups[group]:
            expected[reference] = expected.get(reference, 0) + count
    assert index.tally(per_group) == expected
    assert index.tally({}) == {}


def test_exact_copy_digests_point_at_the_reference_the_full_digest_names() -> None:
    index = packaged_index()
    assert len(index.quick) >= len(index.references) - 5
    for reference in index.quick.values():
        assert index.digests[index.references[reference].digest] == reference
