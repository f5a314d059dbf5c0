"""The domain model's own behaviour: provenance reads as file:line [field] or a URL."""

from __future__ import annotations


def test_provenance_reads_well() -> None:
    from opengrade.model import Provenance

    assert str(Provenance(path="README.md", line=3, field="license")) == "README.md:3 [license]"
    assert str(Provenance(field="files")) == "[files]"
    assert str(Provenance(url="https://example.com/x")) == "https://example.com/x"
    assert str(Provenance()) == "(unknown)"
