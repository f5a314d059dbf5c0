"""The domain model's own behaviour: provenance reads as file:line [field] or a URL."""

from __future__ import annotations

from opengrade.model import Provenance
from support.snapshots import record


def test_provenance_reads_well() -> None:
    assert str(Provenance(path="README.md", line=3, field="license")) == "README.md:3 [license]"
    assert str(Provenance(field="files")) == "[files]"
    assert str(Provenance(url="https://example.com/x")) == "https://example.com/x"
    assert str(Provenance()) == "(unknown)"


def test_evidence_and_headers_are_hashable_values() -> None:
    from opengrade.model import EvidenceKind, WeightHeader

    item = record(EvidenceKind.LINK, "code", "x", Provenance(path="README.md"), details={"a": 1})
    same = record(EvidenceKind.LINK, "code", "x", Provenance(path="README.md"), details={"a": 1})
    assert item == same and len({item, same}) == 1
    header = WeightHeader("m.safetensors", "safetensors", 10, metadata={"k": "v"})
    assert hash(header) == hash(WeightHeader("m.safetensors", "safetensors", 10))
