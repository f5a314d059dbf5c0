"""CycloneDX 1.6 (or 1.7) JSON for a model release, built directly as a document.

cyclonedx-python-lib does not model ``modelCard`` or ``data`` components, so the document is built
here and the official schema decides (see :mod:`opengrade.bom.validate`). The model is the BOM's
``metadata.component`` (a ``machine-learning-model`` with its model card; its weight, config and
tokenizer files nested as ``file`` components); datasets are top-level ``data`` components.
Fields the evidence does not support are omitted.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from opengrade.bom.assessment import PREFIX as PROPERTY_PREFIX
from opengrade.bom.assessment import assessment_pairs
from opengrade.bom.context import BomInput
from opengrade.bom.cyclonedx_card import model_card
from opengrade.bom.facts import (
    BaseModelFact,
    DatasetFact,
    FileFact,
    LicenseFact,
    ReleaseFacts,
    read_facts,
)
from opengrade.bom.license_ids import expression_term, license_expression
from opengrade.model.bom import CycloneDxVersion

SPEC_VERSIONS = tuple(CycloneDxVersion)
MODEL_REF = "model"

_LINK_TYPES = {
    "paper": "documentation",
    "report": "documentation",
    "code": "vcs",
    "license": "license",
    "demo": "website",
    "logs": "log",
}


def build_cyclonedx(
    bom_input: BomInput, *, spec_version: str = CycloneDxVersion.V1_6, reproducible: bool = False
) -> dict[str, Any]:
    """The CycloneDX document (a JSON-ready dict; serialise with sorted keys).

    ``reproducible`` drops the timestamp and derives the serial number from the content, so the
    same input gives the same bytes.
    """
    if spec_version not in SPEC_VERSIONS:
        raise ValueError(f"unsupported CycloneDX version {spec_version!r}; use 1.6 or 1.7")
    facts = read_facts(bom_input)
    metadata: dict[str, Any] = {
        "tools": {
            "components": [
                {"type": "application", "name": "opengrade", "version": bom_input.tool_version}
            ]
        },
        "component": _model_component(facts, bom_input, spec_version),
    }
    if not reproducible:
        moment = bom_input.timestamp or datetime.now(UTC)
        metadata["timestamp"] = moment.astimezone(UTC).isoformat(timespec="seconds")
    document: dict[str, Any] = {
        "$schema": f"http://cyclonedx.org/schema/bom-{spec_version}.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": spec_version,
        "version": 1,
        "metadata": metadata,
    }
    datasets = [_dataset_component(index, facts) for index in range(len(facts.datasets))]
    if datasets:
        document["components"] = datasets
    document["serialNumber"] = _serial(document, bom_input, reproducible)
    return document


def _serial(document: dict[str, Any], bom_input: BomInput, reproducible: bool) -> str:
    if reproducible:
        content = json.dumps(document, sort_keys=True, separators=(",", ":"))
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'opengrade:' + content)}"
    if bom_input.serial:
        return f"urn:uuid:{uuid.UUID(bom_input.serial.removeprefix('urn:uuid:'))}"
    return f"urn:uuid:{uuid.uuid4()}"


def _model_component(facts: ReleaseFacts, bom_input: BomInput, spec_version: str) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": MODEL_REF,
        "name": facts.name,
    }
    if facts.version:
        component["version"] = facts.version
    licenses, evidence_licenses = _license_choice(facts, spec_version)
    if licenses:
        component["licenses"] = licenses
    if evidence_licenses:
        component["evidence"] = {"licenses": evidence_licenses}
    references = _model_references(facts)
    if references:
        component["externalReferences"] = references
    if facts.base_models:
        component["pedigree"] = {"ancestors": [_ancestor(base) for base in facts.base_models]}
    files = [_file_component(fact) for fact in facts.files]
    if files:
        component["components"] = files
    card = model_card(facts)
    if card:
        component["modelCard"] = card
    properties = [{"name": name, "value": value} for name, value in assessment_pairs(bom_input)]
    if properties:
        component["properties"] = properties
    return component


def _license_choice(
    facts: ReleaseFacts, spec_version: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(``licenses``, ``evidence.licenses``). Several concluded licenses are one SPDX expression
    (all of them apply, as in the SPDX BOM). CycloneDX 1.6 cannot list an expression beside
    license entries, so there the expression goes to the component's license evidence when
    declared licenses fill ``licenses``."""
    declared = _licenses(facts.declared, "declared")
    if len(facts.concluded) <= 1:
        return declared + _licenses(facts.concluded, "concluded"), []
    concluded = _expression(facts.concluded, "concluded", spec_version)
    if spec_version == CycloneDxVersion.V1_6 and declared:
        return declared, [concluded]
    return [*declared, concluded], []


def _expression(
    facts: tuple[LicenseFact, ...], acknowledgement: str, spec_version: str
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "expression": license_expression(fact.key for fact in facts),
        "acknowledgement": acknowledgement,
    }
    details = [
        {"licenseIdentifier": expression_term(fact.key), "url": fact.url}
        for fact in facts
        if fact.spdx_id is None and fact.url
    ]
    if details and spec_version != CycloneDxVersion.V1_6:
        entry["expressionDetails"] = details
    return entry


def _licenses(facts: tuple[LicenseFact, ...], acknowledgement: str) -> list[dict[str, Any]]:
    entries = []
    for fact in facts:
        entry: dict[str, Any] = {"acknowledgement": acknowledgement}
        if fact.spdx_id:
            entry["id"] = fact.spdx_id
        else:
            entry["name"] = fact.key
            if fact.url:
                entry["url"] = fact.url
        entries.append({"license": entry})
    return entries


def _model_references(facts: ReleaseFacts) -> list[dict[str, str]]:
    """The release's own links, typed by kind; the data sources its training-data sections cite
    but no listed dataset claims are ``other`` (never the model's ``vcs``)."""
    references = []
    if facts.card_url:
        references.append({"type": "model-card", "url": facts.card_url})
    dataset_urls = {dataset.url for dataset in facts.datasets if dataset.url}
    for kind, url in facts.links:
        if url in dataset_urls:
            continue  # on its data component
        references.append({"type": _LINK_TYPES.get(kind, "other"), "url": url, "comment": kind})
    for kind, url in facts.data_sources:
        if url not in dataset_urls:
            references.append({"type": "other", "url": url, "comment": f"data source ({kind})"})
    unique = {(item["type"], item["url"]): item for item in references}
    return [unique[key] for key in sorted(unique)]


def _ancestor(base: BaseModelFact) -> dict[str, Any]:
    ancestor: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": f"base-model:{base.name}",
        "name": base.name,
    }
    if base.relation != "unknown":
        ancestor["properties"] = [{"name": PROPERTY_PREFIX + "relation", "value": base.relation}]
    return ancestor


def _file_component(fact: FileFact) -> dict[str, Any]:
    component: dict[str, Any] = {"type": "file", "bom-ref": f"file:{fact.path}", "name": fact.path}
    if fact.sha256:
        component["hashes"] = [{"alg": "SHA-256", "content": fact.sha256}]
    properties = []
    if not fact.present:
        properties.append({"name": PROPERTY_PREFIX + "present", "value": "false"})
    if fact.header_error:
        properties.append({"name": PROPERTY_PREFIX + "header-error", "value": fact.header_error})
    if properties:
        component["properties"] = properties
    return component


def _dataset_references(dataset: DatasetFact) -> list[dict[str, str]]:
    references = []
    if dataset.url:
        references.append({"type": "distribution", "url": dataset.url})
    for kind, url in dataset.links:
        references.append({"type": _LINK_TYPES.get(kind, "other"), "url": url, "comment": kind})
    return references


def _dataset_component(index: int, facts: ReleaseFacts) -> dict[str, Any]:
    dataset = facts.datasets[index]
    data: dict[str, Any] = {"type": "dataset", "name": dataset.name}
    if dataset.url:
        data["contents"] = {"url": dataset.url}
    component: dict[str, Any] = {
        "type": "data",
        "bom-ref": f"dataset:{dataset.name}",
        "name": dataset.name,
        "data": [data],
    }
    references = _dataset_references(dataset)
    if references:
        component["externalReferences"] = references
    roles = [role for role in dataset.roles if role != "unknown"]
    if roles:
        component["properties"] = [
            {"name": PROPERTY_PREFIX + "dataset-role", "value": role} for role in roles
        ]
    return component
