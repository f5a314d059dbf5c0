"""CycloneDX: valid against the official schema, truthful (no invented defaults), reproducible."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from opengrade.bom import BomInput, build_cyclonedx
from opengrade.bom.validate import serialize, validate_cyclonedx
from opengrade.model.evidence import EvidenceKind, LinkKind, Provenance
from opengrade.model.release import FileKind, ReleaseFile, ReleaseSnapshot, SourceKind, TextFile
from support.snapshots import record


def _model(document: dict[str, Any]) -> dict[str, Any]:
    component: dict[str, Any] = document["metadata"]["component"]
    return component


def _bare_input(**changes: Any) -> BomInput:
    snapshot = ReleaseSnapshot(
        id="acme/bare-model",
        source=SourceKind.LOCAL,
        location="/nonexistent",
        files=(ReleaseFile("weights.gguf", 10, FileKind.WEIGHTS, sha256="ab" * 32),),
    )
    return dataclasses.replace(BomInput(snapshot), **changes)


@pytest.mark.parametrize("version", ["1.6", "1.7"])
def test_minilm_validates(minilm_input: BomInput, version: str) -> None:
    document = build_cyclonedx(minilm_input, spec_version=version)
    validate_cyclonedx(document, version)
    assert document["specVersion"] == version
    model = _model(document)
    assert model["type"] == "machine-learning-model"
    parameters = model["modelCard"]["modelParameters"]
    assert parameters["task"] == "sentence-similarity"
    assert parameters["modelArchitecture"] == "BertModel"
    assert parameters["architectureFamily"] == "bert"


def test_minilm_files_carry_their_hashes(minilm_input: BomInput) -> None:
    model = _model(build_cyclonedx(minilm_input))
    files = {item["name"]: item for item in model["components"]}
    expected = minilm_input.file_hashes["model.safetensors"]
    assert files["model.safetensors"]["type"] == "file"
    assert files["model.safetensors"]["hashes"] == [{"alg": "SHA-256", "content": expected}]


def test_datasets_are_data_components_referenced_by_the_card(minilm_input: BomInput) -> None:
    document = build_cyclonedx(minilm_input)
    data = {item["bom-ref"] for item in document["components"] if item["type"] == "data"}
    references = {
        item["ref"] for item in _model(document)["modelCard"]["modelParameters"]["datasets"]
    }
    assert "dataset:s2orc" in data
    assert references == data


def test_declared_base_model_is_an_ancestor() -> None:
    lineage = record(EvidenceKind.LINEAGE, "org/base-7b", "finetune", Provenance(path="README.md"))
    document = build_cyclonedx(_bare_input(evidence=(lineage,)))
    validate_cyclonedx(document)
    ancestors = _model(document)["pedigree"]["ancestors"]
    assert [item["name"] for item in ancestors] == ["org/base-7b"]
    assert ancestors[0]["properties"] == [{"name": "opengrade:relation", "value": "finetune"}]


def test_no_invented_defaults() -> None:
    document = build_cyclonedx(_bare_input())
    validate_cyclonedx(document)
    model = _model(document)
    assert "modelCard" not in model
    assert "version" not in model
    assert "licenses" not in model
    assert "pedigree" not in model
    assert "components" not in document
    assert "unknown" not in serialize(document)


def test_licenses_spdx_ids_and_names() -> None:
    link = record(
        EvidenceKind.LICENSE_DECLARED,
        "release",
        "https://example.org/model-license",
        Provenance(path="README.md", field="license_link"),
        details={"via": "license_link"},
    )
    bom_input = _bare_input(
        evidence=(link,),
        declared_licenses=("apache-2.0", "acme-model-license"),
        concluded_licenses=("Apache-2.0",),
    )
    document = build_cyclonedx(bom_input)
    validate_cyclonedx(document)
    entries = [item["license"] for item in _model(document)["licenses"]]
    assert {"acknowledgement": "declared", "id": "Apache-2.0"} in entries
    assert {
        "acknowledgement": "declared",
        "name": "acme-model-license",
        "url": "https://example.org/model-license",
    } in entries
    assert {"acknowledgement": "concluded", "id": "Apache-2.0"} in entries
    assert all("id" not in entry or entry["id"] != "acme-model-license" for entry in entries)


def test_assessment_properties() -> None:
    bom_input = _bare_input(
        mof_class="none",
        mof_progress={"III": 67, "II": 20, "I": 0},
        osaid_verdict="not-conformant",
        eu_ai_act_exemption="not-eligible",
        findings=(("restricted-weights", "high", "The weights forbid some uses."),),
    )
    document = build_cyclonedx(bom_input)
    validate_cyclonedx(document)
    assert _model(document)["properties"] == [
        {"name": "opengrade:mof-class", "value": "none"},
        {"name": "opengrade:mof-progress-I", "value": "0"},
        {"name": "opengrade:mof-progress-II", "value": "20"},
        {"name": "opengrade:mof-progress-III", "value": "67"},
        {"name": "opengrade:osaid-verdict", "value": "not-conformant"},
        {"name": "opengrade:eu-ai-act-exemption", "value": "not-eligible"},
        {
            "name": "opengrade:finding:restricted-weights",
            "value": "high: The weights forbid some uses.",
        },
    ]


def _concluded(document: dict[str, Any]) -> list[dict[str, Any]]:
    model = _model(document)
    entries = model.get("licenses", []) + model.get("evidence", {}).get("licenses", [])
    return [
        entry.get("license", entry)
        for entry in entries
        if entry.get("license", entry)["acknowledgement"] == "concluded"
    ]


def test_several_concluded_licenses_are_one_expression() -> None:
    link = record(
        EvidenceKind.LICENSE_DECLARED,
        "release",
        "https://example.org/terms",
        Provenance(path="README.md", field="license_link"),
        details={"via": "license_link"},
    )
    bom_input = _bare_input(
        evidence=(link,),
        declared_licenses=("cc-by-nc-4.0",),
        concluded_licenses=("mit", "cc-by-nc-4.0", "acme-terms"),
    )
    for version in ("1.6", "1.7"):
        document = build_cyclonedx(bom_input, spec_version=version)
        validate_cyclonedx(document, version)
        concluded = _concluded(document)
        assert len(concluded) == 1
        assert concluded[0]["expression"] == "CC-BY-NC-4.0 AND LicenseRef-acme-terms AND MIT"
        declared = [
            entry["license"] for entry in _model(document)["licenses"] if "license" in entry
        ]
        assert declared == [{"acknowledgement": "declared", "id": "CC-BY-NC-4.0"}]
    details = _concluded(build_cyclonedx(bom_input, spec_version="1.7"))[0]["expressionDetails"]
    assert details == [
        {"licenseIdentifier": "LicenseRef-acme-terms", "url": "https://example.org/terms"}
    ]


def test_a_single_concluded_license_stays_an_id() -> None:
    document = build_cyclonedx(_bare_input(concluded_licenses=("mit",)))
    validate_cyclonedx(document)
    assert _concluded(document) == [{"acknowledgement": "concluded", "id": "MIT"}]
    assert "evidence" not in _model(document)


def test_only_concluded_expression_fits_cyclonedx_1_6_licenses() -> None:
    document = build_cyclonedx(_bare_input(concluded_licenses=("mit", "apache-2.0")))
    validate_cyclonedx(document)
    assert _model(document)["licenses"] == [
        {"expression": "Apache-2.0 AND MIT", "acknowledgement": "concluded"}
    ]


def test_listed_only_and_unreadable_weights_are_marked() -> None:
    snapshot = ReleaseSnapshot(
        id="acme/m",
        source=SourceKind.LOCAL,
        location="/nonexistent",
        files=(
            ReleaseFile("model.safetensors", 10, FileKind.WEIGHTS, sha256="ab" * 32),
            ReleaseFile("upstream.safetensors", 10**9, FileKind.WEIGHTS, present=False),
        ),
    )
    broken = record(
        EvidenceKind.ARTIFACT,
        "weights",
        "model.safetensors",
        Provenance(path="model.safetensors"),
        details={"format": "safetensors", "header_error": "header-truncated"},
    )
    document = build_cyclonedx(BomInput(snapshot, (broken,)))
    validate_cyclonedx(document)
    files = {item["name"]: item for item in _model(document)["components"]}
    assert files["model.safetensors"]["properties"] == [
        {"name": "opengrade:header-error", "value": "header-truncated"}
    ]
    assert files["upstream.safetensors"]["properties"] == [
        {"name": "opengrade:present", "value": "false"}
    ]
    assert "hashes" not in files["upstream.safetensors"]


def test_card_sections_become_considerations() -> None:
    card = (
        "# Model\n\n## Limitations\n\nIt hallucinates facts.\n\n"
        "## Environmental impact\n\nTraining used 1.5 MWh and emitted 0.6 tCO₂eq.\n"
    )
    snapshot = ReleaseSnapshot(
        id="acme/m", source=SourceKind.LOCAL, location="/x", texts=(TextFile("README.md", card),)
    )
    sections = (
        record(
            EvidenceKind.CARD_SECTION, "limitations", "Limitations", Provenance("README.md", 3, 5)
        ),
        record(
            EvidenceKind.CARD_SECTION,
            "environmental-impact",
            "Environmental impact",
            Provenance("README.md", 7, 9),
        ),
        record(EvidenceKind.EVAL_RESULT, "qa/squad", "f1=88.5", Provenance("README.md")),
        record(
            EvidenceKind.LINK, LinkKind.CODE, "https://github.com/acme/m", Provenance("README.md")
        ),
    )
    document = build_cyclonedx(BomInput(snapshot, sections))
    validate_cyclonedx(document)
    card_json = _model(document)["modelCard"]
    considerations = card_json["considerations"]
    assert considerations["technicalLimitations"] == ["It hallucinates facts."]
    energy = considerations["environmentalConsiderations"]["energyConsumptions"][0]
    assert energy["activityEnergyCost"] == {"value": 1500.0, "unit": "kWh"}
    assert energy["co2CostEquivalent"] == {"value": 0.6, "unit": "tCO2eq"}
    assert energy["activity"] == "training"
    assert card_json["quantitativeAnalysis"]["performanceMetrics"] == [
        {"type": "f1", "value": "88.5", "slice": "qa/squad"}
    ]
    assert {"type": "vcs", "url": "https://github.com/acme/m", "comment": "code"} in _model(
        document
    )["externalReferences"]


def test_reproducible_is_byte_identical(minilm_input: BomInput) -> None:
    first = serialize(build_cyclonedx(minilm_input, reproducible=True))
    second = serialize(build_cyclonedx(minilm_input, reproducible=True))
    assert first == second
    assert "timestamp" not in build_cyclonedx(minilm_input, reproducible=True)["metadata"]
    changed = dataclasses.replace(minilm_input, mof_class="II")
    assert serialize(build_cyclonedx(changed, reproducible=True)) != first


def test_timestamp_and_serial_are_injectable() -> None:
    serial = str(uuid.UUID(int=7))
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    document = build_cyclonedx(_bare_input(timestamp=moment, serial=serial))
    assert document["metadata"]["timestamp"] == "2026-01-02T03:04:05+00:00"
    assert document["serialNumber"] == f"urn:uuid:{serial}"
    validate_cyclonedx(document)


def test_unsupported_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"1\.6 or 1\.7"):
        build_cyclonedx(_bare_input(), spec_version="1.4")
