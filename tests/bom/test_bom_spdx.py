"""SPDX 3.0.1: valid JSON-LD with the AI and Dataset profiles, lineage, licenses, reproducible."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from typing import Any

import pytest

from opengrade.bom import BomInput, build_spdx
from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
from opengrade.bom.validate import serialize, validate_spdx
from opengrade.model.evidence import EvidenceKind, LinkKind, Provenance
from opengrade.model.release import FileKind, ReleaseFile, ReleaseSnapshot, SourceKind, TextFile
from support.snapshots import record


def _nodes(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [node for node in document["@graph"] if node.get("type") == kind]


def _root(document: dict[str, Any]) -> dict[str, Any]:
    root_id = _nodes(document, "SpdxDocument")[0]["rootElement"][0]
    return next(node for node in document["@graph"] if node.get("spdxId") == root_id)


def _relations(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [node for node in _nodes(document, "Relationship") if node["relationshipType"] == kind]


def _bare_input(**changes: Any) -> BomInput:
    snapshot = ReleaseSnapshot(
        id="acme/bare-model",
        source=SourceKind.LOCAL,
        location="/nonexistent",
        files=(ReleaseFile("weights.gguf", 10, FileKind.WEIGHTS, sha256="cd" * 32),),
    )
    return dataclasses.replace(BomInput(snapshot), **changes)


def test_minilm_validates_with_ai_and_dataset_profiles(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    validate_spdx(document)
    root = _root(document)
    assert root["type"] == "ai_AIPackage"
    assert root["software_primaryPurpose"] == "model"
    assert "BertModel" in root["ai_typeOfModel"]
    datasets = _nodes(document, "dataset_DatasetPackage")
    assert "s2orc" in {node["name"] for node in datasets}
    trained_on = _relations(document, "trainedOn")
    assert len(trained_on) == 1 and trained_on[0]["from"] == root["spdxId"]
    assert set(trained_on[0]["to"]) == {node["spdxId"] for node in datasets}


def test_minilm_weights_hash(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    weights = next(
        node for node in _nodes(document, "software_File") if node["name"] == "model.safetensors"
    )
    assert weights["verifiedUsing"] == [
        {
            "type": "Hash",
            "algorithm": "sha256",
            "hashValue": minilm_input.file_hashes["model.safetensors"],
        }
    ]


def test_each_package_has_one_declared_and_one_concluded_license(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    packages = {
        node["spdxId"]
        for node in document["@graph"]
        if node.get("type") in {"ai_AIPackage", "dataset_DatasetPackage"}
    }
    for relation in ("hasDeclaredLicense", "hasConcludedLicense"):
        counts = Counter(node["from"] for node in _relations(document, relation))
        assert counts == Counter(dict.fromkeys(packages, 1))


def test_declared_license_expression() -> None:
    document = build_spdx(_bare_input(declared_licenses=("apache-2.0", "llama3.1")))
    validate_spdx(document)
    declared = _relations(document, "hasDeclaredLicense")
    root_id = _root(document)["spdxId"]
    target = next(node for node in declared if node["from"] == root_id)["to"][0]
    expression = next(node for node in document["@graph"] if node.get("spdxId") == target)
    assert expression["simplelicensing_licenseExpression"] == "Apache-2.0 AND LicenseRef-llama3.1"
    concluded = next(
        node for node in _relations(document, "hasConcludedLicense") if node["from"] == root_id
    )
    assert concluded["to"] == ["expandedlicensing_NoAssertionLicense"]


def test_declared_base_model_is_descendant_of() -> None:
    lineage = record(EvidenceKind.LINEAGE, "org/base-7b", "adapter", Provenance(path="README.md"))
    document = build_spdx(_bare_input(evidence=(lineage,)))
    validate_spdx(document)
    relation = _relations(document, "descendantOf")
    assert len(relation) == 1
    base = next(node for node in document["@graph"] if node.get("spdxId") == relation[0]["to"][0])
    assert base["type"] == "ai_AIPackage" and base["name"] == "org/base-7b"


def test_no_invented_defaults() -> None:
    document = build_spdx(_bare_input())
    validate_spdx(document)
    root = _root(document)
    for field in (
        "software_packageVersion",
        "ai_typeOfModel",
        "ai_domain",
        "software_downloadLocation",
    ):
        assert field not in root
    assert _nodes(document, "dataset_DatasetPackage") == []


def test_assessment_is_annotated() -> None:
    document = build_spdx(
        _bare_input(
            mof_class="none",
            mof_progress={"I": 0, "II": 10, "III": 50},
            osaid_verdict="unverified",
            eu_ai_act_exemption="unknown",
            findings=(("gated", "medium", "Access is gated."),),
        )
    )
    validate_spdx(document)
    statements = {node["statement"] for node in _nodes(document, "Annotation")}
    assert statements == {
        "opengrade:mof-class=none",
        "opengrade:mof-progress-I=0",
        "opengrade:mof-progress-II=10",
        "opengrade:mof-progress-III=50",
        "opengrade:osaid-verdict=unverified",
        "opengrade:eu-ai-act-exemption=unknown",
        "opengrade:finding:gated=medium: Access is gated.",
    }


def test_an_ungraded_release_records_no_mof_class() -> None:
    statements = {node["statement"] for node in _nodes(build_spdx(_bare_input()), "Annotation")}
    assert statements == set()


def test_listed_only_and_unreadable_files_are_commented() -> None:
    snapshot = ReleaseSnapshot(
        id="acme/m",
        source=SourceKind.LOCAL,
        location="/nonexistent",
        files=(
            ReleaseFile("a.gguf", 10, FileKind.WEIGHTS),
            ReleaseFile("b.safetensors", 10**9, FileKind.WEIGHTS, present=False),
            ReleaseFile("config.json", 10, FileKind.CONFIG),
        ),
    )
    broken = record(
        EvidenceKind.ARTIFACT,
        "weights",
        "a.gguf",
        Provenance(path="a.gguf"),
        details={"header_error": "header-too-large"},
    )
    document = build_spdx(BomInput(snapshot, (broken,)))
    validate_spdx(document)
    comments = {node["name"]: node.get("comment") for node in _nodes(document, "software_File")}
    assert comments["a.gguf"] is not None and "header-too-large" in comments["a.gguf"]
    assert comments["b.safetensors"] is not None
    assert "opengrade:present=false" in comments["b.safetensors"]
    assert comments["config.json"] is None


def test_training_data_links_are_dataset_references() -> None:
    card = "# M\n\n## Training data\n\n- corpus-x: https://github.com/lab/corpus-x\n- other\n"
    snapshot = ReleaseSnapshot(
        id="acme/m", source=SourceKind.LOCAL, location="/x", texts=(TextFile("README.md", card),)
    )
    evidence = (
        record(
            EvidenceKind.CARD_SECTION,
            "training-data",
            "Training data",
            Provenance("README.md", 3, 6),
        ),
        record(EvidenceKind.DATASET, "lab/corpus-x", "training", Provenance("README.md")),
        record(
            EvidenceKind.LINK,
            LinkKind.CODE,
            "https://github.com/lab/corpus-x",
            Provenance("README.md", 5),
        ),
        record(
            EvidenceKind.LINK,
            LinkKind.CODE,
            "https://github.com/lab/unnamed",
            Provenance("README.md", 6),
        ),
        record(
            EvidenceKind.LINK,
            LinkKind.CODE,
            "https://github.com/acme/m",
            Provenance("README.md", 1),
        ),
    )
    document = build_spdx(BomInput(snapshot, evidence))
    validate_spdx(document)
    dataset = _nodes(document, "dataset_DatasetPackage")[0]
    assert dataset["externalRef"] == [
        {
            "type": "ExternalRef",
            "externalRefType": "vcs",
            "locator": ["https://github.com/lab/corpus-x"],
            "comment": "code",
        }
    ]
    references = {
        reference["locator"][0]: reference["externalRefType"]
        for reference in _root(document)["externalRef"]
    }
    assert references == {
        "https://github.com/acme/m": "vcs",
        "https://github.com/lab/unnamed": "other",
    }


def test_reproducible_is_byte_identical(minilm_input: BomInput) -> None:
    first = serialize(build_spdx(minilm_input, reproducible=True))
    assert serialize(build_spdx(minilm_input, reproducible=True)) == first
    assert serialize(build_spdx(minilm_input)) != first


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_minilm_passes_shacl(minilm_input: BomInput) -> None:
    validate_spdx_shacl(build_spdx(minilm_input))


def test_license_refs_keep_keys_apart() -> None:
    from opengrade.bom.license_ids import expression_term

    assert expression_term("MIT") == "MIT"
    assert expression_term("cc-by-nc-4.0") == "CC-BY-NC-4.0"
    assert expression_term("openrail++") == "LicenseRef-openrail-plus-plus"
    assert expression_term("openrail") == "LicenseRef-openrail"
    assert expression_term("llama3.1") == "LicenseRef-llama3.1"
    assert expression_term("apple sample code") == "LicenseRef-apple-sample-code"


def test_concluded_comment_only_when_it_differs() -> None:
    def comment(declared: tuple[str, ...], concluded: tuple[str, ...]) -> object:
        document = build_spdx(_bare_input(declared_licenses=declared, concluded_licenses=concluded))
        root_id = _root(document)["spdxId"]
        relation = next(
            node for node in _relations(document, "hasConcludedLicense") if node["from"] == root_id
        )
        return relation.get("comment")

    assert comment(("apache-2.0",), ("Apache-2.0",)) is None
    assert isinstance(comment(("apache-2.0",), ("llama2",)), str)
