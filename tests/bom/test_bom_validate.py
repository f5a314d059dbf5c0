"""Validation before writing: an invalid document is never written; the error names the field."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from pathlib import Path

import pytest

from opengrade.bom import BomInput, build_cyclonedx, build_spdx
from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
from opengrade.bom.validate import BomKind, validate_cyclonedx, validate_spdx, write_bom
from opengrade.errors import ValidationError


def test_valid_documents_are_written(minilm_input: BomInput, tmp_path: Path) -> None:
    for kind, document in (
        (BomKind.CYCLONEDX, build_cyclonedx(minilm_input)),
        (BomKind.SPDX, build_spdx(minilm_input)),
    ):
        target = tmp_path / f"bom.{kind}.json"
        write_bom(document, target, kind)
        assert json.loads(target.read_text(encoding="utf-8")) == document
        assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_invalid_cyclonedx_is_never_written(minilm_input: BomInput, tmp_path: Path) -> None:
    document = build_cyclonedx(minilm_input)
    document["metadata"]["component"]["licenses"] = [{"license": {"id": "Not-A-Real-License-Id"}}]
    target = tmp_path / "bom.json"
    with pytest.raises(ValidationError) as caught:
        write_bom(document, target, "cyclonedx")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert caught.value.field is not None
    assert caught.value.field.startswith("$.metadata.component.licenses")


def test_invalid_document_leaves_an_existing_file_alone(
    minilm_input: BomInput, tmp_path: Path
) -> None:
    target = tmp_path / "bom.json"
    target.write_text("previous", encoding="utf-8")
    document = build_cyclonedx(minilm_input)
    document["metadata"]["component"]["type"] = "spaceship"
    with pytest.raises(ValidationError):
        write_bom(document, target, BomKind.CYCLONEDX)
    assert target.read_text(encoding="utf-8") == "previous"


def test_bad_ethical_considerations_shape_is_caught(minilm_input: BomInput) -> None:
    document = build_cyclonedx(minilm_input)
    document["metadata"]["component"]["modelCard"]["considerations"] = {
        "ethicalConsiderations": ["a string"]
    }
    with pytest.raises(ValidationError) as caught:
        validate_cyclonedx(document)
    assert "ethicalConsiderations" in (caught.value.field or "")


def test_invalid_spdx_is_never_written(minilm_input: BomInput, tmp_path: Path) -> None:
    document = build_spdx(minilm_input)
    for node in document["@graph"]:
        if node.get("type") == "software_File":
            node["verifiedUsing"][0]["algorithm"] = "sha-two-fifty-six"
    target = tmp_path / "bom.spdx.json"
    with pytest.raises(ValidationError) as caught:
        write_bom(document, target, BomKind.SPDX)
    assert not target.exists()
    assert caught.value.field is not None and "@graph" in caught.value.field


def test_spdx_profile_rule_one_declared_license(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    duplicate = copy.deepcopy(
        next(
            node
            for node in document["@graph"]
            if node.get("relationshipType") == "hasDeclaredLicense"
        )
    )
    duplicate["spdxId"] += "-again"
    document["@graph"].append(duplicate)
    with pytest.raises(ValidationError, match="exactly one") as caught:
        validate_spdx(document)
    assert caught.value.field is not None


def test_spdx_dangling_reference_is_caught(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    relation = next(
        node for node in document["@graph"] if node.get("relationshipType") == "contains"
    )
    relation["to"] = ["urn:uuid:00000000-0000-0000-0000-000000000000#missing"]
    with pytest.raises(ValidationError, match="names no element"):
        validate_spdx(document)


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_shacl_catches_a_missing_dataset_type(minilm_input: BomInput) -> None:
    document = build_spdx(minilm_input)
    for node in document["@graph"]:
        if node.get("type") == "dataset_DatasetPackage":
            del node["dataset_datasetType"]
    with pytest.raises(ValidationError, match="datasetType"):
        validate_spdx_shacl(document)


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_shacl_many_documents_do_not_mask_each_other(minilm_input: BomInput) -> None:
    good = build_spdx(minilm_input)
    broken = build_spdx(minilm_input)
    for node in broken["@graph"]:
        if node.get("type") == "CreationInfo":
            del node["created"]
    with pytest.raises(ValidationError, match="created"):
        validate_spdx_shacl(good, broken)


def test_spdx_schema_without_the_fast_validator(
    minilm_input: BomInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opengrade.bom import validate

    monkeypatch.setattr(validate, "_spdx_fast_validator", lambda: None)
    document = build_spdx(dataclasses.replace(minilm_input, evidence=(), file_hashes={}))
    validate_spdx(document)
    document["@graph"][0]["unexpected"] = True
    with pytest.raises(ValidationError) as caught:
        validate_spdx(document)
    assert caught.value.field is not None and caught.value.field.startswith("$['@graph'][0]")


@pytest.mark.parametrize("fast", [True, False])
def test_cyclonedx_formats_are_checked(
    minilm_input: BomInput, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    from opengrade.bom import validate

    if not fast:
        monkeypatch.setattr(validate, "_cyclonedx_fast_validator", lambda version: None)
    document = build_cyclonedx(minilm_input)
    validate_cyclonedx(document)
    document["metadata"]["authors"] = [{"name": "A. Person", "email": "no-address"}]
    with pytest.raises(ValidationError) as caught:
        validate_cyclonedx(document)
    assert caught.value.field == "$.metadata.authors[0].email"


def test_cyclonedx_date_time_and_url_formats_are_checked(minilm_input: BomInput) -> None:
    document = build_cyclonedx(minilm_input)
    document["metadata"]["timestamp"] = "yesterday"
    with pytest.raises(ValidationError) as caught:
        validate_cyclonedx(document)
    assert caught.value.field == "$.metadata.timestamp"
    document = build_cyclonedx(minilm_input)
    document["externalReferences"] = [{"type": "website", "url": "https://exa mple.org"}]
    with pytest.raises(ValidationError) as caught:
        validate_cyclonedx(document)
    assert caught.value.field is not None
    assert caught.value.field.startswith("$.externalReferences[0]")
