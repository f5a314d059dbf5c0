"""Every corpus release, assessed by the real pipeline, gets a CycloneDX and an SPDX BOM that
validate and record the assessment; lineage is carried; data sources stay data sources."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from opengrade.bom import BomInput, build_cyclonedx, build_spdx, release_hashes
from opengrade.bom.from_report import bom_input
from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
from opengrade.bom.validate import validate_cyclonedx, validate_spdx
from opengrade.model.evidence import EvidenceKind
from opengrade.model.report import Report
from opengrade.pipeline import assess

Built = tuple[str, Report, BomInput]


@pytest.fixture(scope="module")
def corpus_inputs(corpus: Path) -> list[Built]:
    """(folder name, report, BOM input) for every corpus release, through the real pipeline."""
    built = []
    for folder in sorted((corpus / "models").iterdir()):
        if folder.is_dir():
            report = assess(str(folder))
            built.append((folder.name, report, bom_input(report, release_hashes(report.snapshot))))
    return built


def _properties(document: dict[str, Any]) -> dict[str, str]:
    component = document["metadata"]["component"]
    return {item["name"]: item["value"] for item in component.get("properties", [])}


def _annotations(document: dict[str, Any]) -> dict[str, str]:
    statements = [
        node["statement"] for node in document["@graph"] if node.get("type") == "Annotation"
    ]
    return dict(statement.split("=", 1) for statement in statements)


def _expected_assessment(report: Report) -> dict[str, str]:
    expected = {
        "opengrade:mof-class": str(report.mof.class_) if report.mof.class_ else "none",
        "opengrade:osaid-verdict": str(report.osaid.verdict),
        "opengrade:eu-ai-act-exemption": str(report.eu_ai_act.status),
    }
    for mof_class, percent in report.mof.progress.items():
        expected[f"opengrade:mof-progress-{mof_class}"] = str(percent)
    return expected


def test_every_corpus_release_validates_and_records_its_assessment(
    corpus_inputs: list[Built],
) -> None:
    assert len(corpus_inputs) >= 40
    for name, report, built in corpus_inputs:
        expected = _expected_assessment(report)
        assert {f"opengrade:mof-progress-{level}" for level in ("I", "II", "III")} <= set(
            expected
        ), name
        for version in ("1.6", "1.7"):
            document = build_cyclonedx(built, spec_version=version)
            validate_cyclonedx(document, version)
            properties = _properties(document)
            assert {key: properties.get(key) for key in expected} == expected, name
            assert properties["opengrade:mof-class"] in {"I", "II", "III", "none"}
        spdx = build_spdx(built)
        validate_spdx(spdx)
        annotations = _annotations(spdx)
        assert {key: annotations.get(key) for key in expected} == expected, name


def test_declared_base_models_are_carried(corpus_inputs: list[Built]) -> None:
    with_lineage = 0
    for _name, _report, built in corpus_inputs:
        bases = {
            item.payload.subject_text().strip()
            for item in built.evidence
            if item.kind is EvidenceKind.LINEAGE
        }
        bases.discard("")
        cyclonedx = build_cyclonedx(built)["metadata"]["component"]
        ancestors = {item["name"] for item in cyclonedx.get("pedigree", {}).get("ancestors", [])}
        assert ancestors == bases
        spdx = build_spdx(built)
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


def test_listed_only_files_are_marked_and_carry_no_invented_hash(
    corpus_inputs: list[Built],
) -> None:
    checked = 0
    for _name, _report, built in corpus_inputs:
        absent = {item.path: item.sha256 for item in built.snapshot.files if not item.present}
        files = build_cyclonedx(built)["metadata"]["component"].get("components", [])
        for component in files:
            properties = {item["name"]: item["value"] for item in component.get("properties", [])}
            if component["name"] in absent:
                assert properties.get("opengrade:present") == "false"
                if absent[component["name"]] is None:
                    assert "hashes" not in component
                checked += 1
            else:
                assert "opengrade:present" not in properties
        spdx_files = [
            node for node in build_spdx(built)["@graph"] if node["type"] == "software_File"
        ]
        for node in spdx_files:
            marked = "opengrade:present=false" in node.get("comment", "")
            assert marked == (node["name"] in absent)
    assert checked > 0


def _data_section_only_urls(built: BomInput) -> set[str]:
    """URLs linked only inside the card's training-data sections."""
    spans = [
        (item.provenance.path, item.provenance.line or 0, item.provenance.end_line or 0)
        for item in built.evidence
        if item.kind is EvidenceKind.CARD_SECTION and item.payload.subject_text() == "training-data"
    ]
    inside: set[str] = set()
    outside: set[str] = set()
    for item in built.evidence:
        if item.kind is not EvidenceKind.LINK:
            continue
        url = str(item.payload.detail_values().get("url") or item.payload.value_text())
        where = item.provenance
        within = any(
            path == where.path and start <= (where.line or -1) <= end for path, start, end in spans
        )
        (inside if within else outside).add(url)
    return inside - outside


def test_training_data_links_are_never_the_models_code(corpus_inputs: list[Built]) -> None:
    releases_with_data_links = 0
    for name, _report, built in corpus_inputs:
        data_urls = _data_section_only_urls(built)
        releases_with_data_links += bool(data_urls)
        model = build_cyclonedx(built)["metadata"]["component"]
        for reference in model.get("externalReferences", []):
            if reference["url"] in data_urls:
                assert reference["type"] == "other", (name, reference)
        root = next(
            node
            for node in build_spdx(built)["@graph"]
            if node.get("type") == "ai_AIPackage" and node["spdxId"].endswith("#model")
        )
        for reference in root.get("externalRef", []):
            if reference["locator"][0] in data_urls:
                assert reference["externalRefType"] == "other", (name, reference)
    assert releases_with_data_links >= 1


def test_minilm_data_sources_sit_on_their_datasets(corpus_inputs: list[Built]) -> None:
    built = next(item for name, _r, item in corpus_inputs if name.endswith("all-MiniLM-L6-v2"))
    document = build_cyclonedx(built)
    s2orc = next(item for item in document["components"] if item["name"] == "s2orc")
    assert {"type": "vcs", "url": "https://github.com/allenai/s2orc", "comment": "code"} in s2orc[
        "externalReferences"
    ]
    model_vcs = {
        item["url"]
        for item in document["metadata"]["component"].get("externalReferences", [])
        if item["type"] == "vcs"
    }
    assert not any("allenai/s2orc" in url or "allenai/gooaq" in url for url in model_vcs)


def test_a_table_of_several_energy_figures_records_none(corpus_inputs: list[Built]) -> None:
    """OLMo-7B's card tabulates two variants' energy; neither row is picked."""
    built = next(item for name, _r, item in corpus_inputs if name == "allenai__OLMo-7B")
    sections = [
        item for item in built.evidence if item.payload.subject_text() == "environmental-impact"
    ]
    assert sections, "the card's environmental section is read"
    card = build_cyclonedx(built)["metadata"]["component"].get("modelCard", {})
    assert "environmentalConsiderations" not in card.get("considerations", {})


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_every_corpus_release_passes_shacl(corpus_inputs: list[Built]) -> None:
    validate_spdx_shacl(*(build_spdx(built) for _name, _report, built in corpus_inputs))
