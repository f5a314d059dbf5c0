"""Every corpus release gets a CycloneDX and an SPDX BOM that validate; lineage is carried."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bom_releases import declared_license_keys, release_evidence, snapshot_from_directory

from opengrade.bom import BomInput, build_cyclonedx, build_spdx, release_hashes
from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
from opengrade.bom.validate import validate_cyclonedx, validate_spdx
from opengrade.model.evidence import EvidenceKind


def _inputs(corpus: Path) -> list[tuple[str, BomInput]]:
    built = []
    for folder in sorted((corpus / "models").iterdir()):
        if not folder.is_dir():
            continue
        snapshot = snapshot_from_directory(folder)
        keys = declared_license_keys(snapshot)
        bom_input = BomInput(
            snapshot,
            release_evidence(snapshot),
            declared_licenses=keys,
            concluded_licenses=keys,
            file_hashes=release_hashes(snapshot),
        )
        built.append((folder.name, bom_input))
    return built


@pytest.fixture(scope="module")
def corpus_inputs(corpus: Path) -> list[tuple[str, BomInput]]:
    return _inputs(corpus)


def test_every_corpus_release_validates_in_both_formats(
    corpus_inputs: list[tuple[str, BomInput]],
) -> None:
    assert len(corpus_inputs) >= 40
    for name, bom_input in corpus_inputs:
        for version in ("1.6", "1.7"):
            validate_cyclonedx(build_cyclonedx(bom_input, spec_version=version), version)
        validate_spdx(build_spdx(bom_input))
        assert name


def test_declared_base_models_are_carried(corpus_inputs: list[tuple[str, BomInput]]) -> None:
    with_lineage = 0
    for _name, bom_input in corpus_inputs:
        bases = {
            item.subject.strip() for item in bom_input.evidence if item.kind is EvidenceKind.LINEAGE
        }
        bases.discard("")
        cyclonedx = build_cyclonedx(bom_input)["metadata"]["component"]
        ancestors = {item["name"] for item in cyclonedx.get("pedigree", {}).get("ancestors", [])}
        assert ancestors == bases
        spdx = build_spdx(bom_input)
        names = {node.get("spdxId"): node.get("name") for node in spdx["@graph"]}
        descendant = {
            names[target]
            for node in spdx["@graph"]
            if node.get("relationshipType") == "descendantOf"
            for target in node["to"]
        }
        assert descendant == bases
        with_lineage += bool(bases)
    assert with_lineage >= 3


def test_listed_only_weights_are_listed_without_invented_hashes(
    corpus_inputs: list[tuple[str, BomInput]],
) -> None:
    checked = 0
    for _name, bom_input in corpus_inputs:
        absent = {
            item.path for item in bom_input.snapshot.files if not item.present and not item.sha256
        }
        files = build_cyclonedx(bom_input)["metadata"]["component"].get("components", [])
        for component in files:
            if component["name"] in absent:
                assert "hashes" not in component
                checked += 1
    assert checked > 0


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_every_corpus_release_passes_shacl(corpus_inputs: list[tuple[str, BomInput]]) -> None:
    validate_spdx_shacl(*(build_spdx(bom_input) for _name, bom_input in corpus_inputs))
