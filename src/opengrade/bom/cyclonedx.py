"""CycloneDX 1.6 (or 1.7) JSON for a model release, built directly as a document.

cyclonedx-python-lib does not model ``modelCard`` or ``data`` components, so the document is built
here and the official schema decides (see :mod:`opengrade.bom.validate`). The model is the BOM's
``metadata.component`` (a ``machine-learning-model`` with its model card; its weight, config and
tokenizer files nested as ``file`` components); datasets are top-level ``data`` components.
Fields the evidence does not support are omitted.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from opengrade.bom.context import BomInput
from opengrade.bom.facts import BaseModelFact, LicenseFact, ReleaseFacts, SectionFact, read_facts

SPEC_VERSIONS = ("1.6", "1.7")
MODEL_REF = "model"
PROPERTY_PREFIX = "opengrade:"

_LINK_TYPES = {
    "paper": "documentation",
    "report": "documentation",
    "code": "vcs",
    "license": "license",
    "demo": "website",
    "logs": "log",
}
_USE_CASES = {"intended-use", "uses", "direct-use", "downstream-use"}
_LIMITATIONS = {"limitations", "out-of-scope-use", "out-of-scope"}
_ETHICS = {"bias", "risks", "ethical-considerations", "ethics", "bias-risks-limitations"}
_FAIRNESS = {"fairness"}
_ENVIRONMENT = {"environmental-impact"}
_ENERGY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(kWh|MWh|GWh)\b")
_CO2 = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:tCO2eq|tCO2e|t CO2eq|tons? (?:of )?CO2(?:eq|e)?)\b")
_ENERGY_SCALE = {"kWh": 1.0, "MWh": 1_000.0, "GWh": 1_000_000.0}


def build_cyclonedx(
    bom_input: BomInput, *, spec_version: str = "1.6", reproducible: bool = False
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
        "component": _model_component(facts, bom_input),
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


def _model_component(facts: ReleaseFacts, bom_input: BomInput) -> dict[str, Any]:
    component: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": MODEL_REF,
        "name": facts.name,
    }
    if facts.version:
        component["version"] = facts.version
    licenses = _licenses(facts.declared, "declared") + _licenses(facts.concluded, "concluded")
    if licenses:
        component["licenses"] = licenses
    references = _model_references(facts)
    if references:
        component["externalReferences"] = references
    if facts.base_models:
        component["pedigree"] = {"ancestors": [_ancestor(base) for base in facts.base_models]}
    files = [_file_component(fact.path, fact.sha256) for fact in facts.files]
    if files:
        component["components"] = files
    card = _model_card(facts)
    if card:
        component["modelCard"] = card
    properties = _assessment_properties(bom_input)
    if properties:
        component["properties"] = properties
    return component


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
    references = []
    if facts.card_url:
        references.append({"type": "model-card", "url": facts.card_url})
    dataset_urls = {dataset.url for dataset in facts.datasets if dataset.url}
    for kind, url in facts.links:
        if url in dataset_urls:
            continue  # on its data component
        references.append({"type": _LINK_TYPES.get(kind, "other"), "url": url, "comment": kind})
    return sorted(references, key=lambda item: (item["type"], item["url"]))


def _ancestor(base: BaseModelFact) -> dict[str, Any]:
    ancestor: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": f"base-model:{base.name}",
        "name": base.name,
    }
    if base.relation != "unknown":
        ancestor["properties"] = [{"name": PROPERTY_PREFIX + "relation", "value": base.relation}]
    return ancestor


def _file_component(path: str, sha256: str | None) -> dict[str, Any]:
    component: dict[str, Any] = {"type": "file", "bom-ref": f"file:{path}", "name": path}
    if sha256:
        component["hashes"] = [{"alg": "SHA-256", "content": sha256}]
    return component


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
    if dataset.url:
        component["externalReferences"] = [{"type": "distribution", "url": dataset.url}]
    roles = [role for role in dataset.roles if role != "unknown"]
    if roles:
        component["properties"] = [
            {"name": PROPERTY_PREFIX + "dataset-role", "value": role} for role in roles
        ]
    return component


def _model_card(facts: ReleaseFacts) -> dict[str, Any]:
    card: dict[str, Any] = {}
    parameters: dict[str, Any] = {}
    if facts.task:
        parameters["task"] = facts.task
    if facts.architecture_family:
        parameters["architectureFamily"] = facts.architecture_family
    if facts.architecture:
        parameters["modelArchitecture"] = facts.architecture
    if facts.datasets:
        parameters["datasets"] = [{"ref": f"dataset:{item.name}"} for item in facts.datasets]
    if parameters:
        card["modelParameters"] = parameters
    if facts.metrics:
        card["quantitativeAnalysis"] = {
            "performanceMetrics": [
                {"type": metric.metric, "value": metric.value, "slice": metric.subject}
                for metric in facts.metrics
            ]
        }
    considerations = _considerations(facts.sections)
    if considerations:
        card["considerations"] = considerations
    return card


def _considerations(sections: tuple[SectionFact, ...]) -> dict[str, Any]:
    considerations: dict[str, Any] = {}
    use_cases = [item.text for item in sections if item.category in _USE_CASES]
    limitations = [item.text for item in sections if item.category in _LIMITATIONS]
    ethics = [{"name": item.text} for item in sections if item.category in _ETHICS]
    fairness = [{"harms": item.text} for item in sections if item.category in _FAIRNESS]
    energy = [
        usage
        for item in sections
        if item.category in _ENVIRONMENT
        for usage in [_energy_consumption(item.text)]
        if usage
    ]
    if use_cases:
        considerations["useCases"] = use_cases
    if limitations:
        considerations["technicalLimitations"] = limitations
    if ethics:
        considerations["ethicalConsiderations"] = ethics
    if fairness:
        considerations["fairnessAssessments"] = fairness
    if energy:
        considerations["environmentalConsiderations"] = {"energyConsumptions": energy}
    return considerations


def _energy_consumption(text: str) -> dict[str, Any] | None:
    """An energy figure stated in watt-hours (the schema's unit is kWh), with the CO2 figure in
    tonnes when the same section states one. None when no energy figure is given."""
    energy = _ENERGY.search(text)
    if energy is None:
        return None
    kilowatt_hours = float(energy.group(1).replace(",", "")) * _ENERGY_SCALE[energy.group(2)]
    usage: dict[str, Any] = {
        "activity": "training" if "train" in text.lower() else "other",
        "energyProviders": [],
        "activityEnergyCost": {"value": kilowatt_hours, "unit": "kWh"},
    }
    co2 = _CO2.search(text)
    if co2:
        usage["co2CostEquivalent"] = {
            "value": float(co2.group(1).replace(",", "")),
            "unit": "tCO2eq",
        }
    return usage


def _assessment_properties(bom_input: BomInput) -> list[dict[str, str]]:
    properties = []
    if bom_input.mof_class:
        properties.append({"name": PROPERTY_PREFIX + "mof-class", "value": bom_input.mof_class})
    if bom_input.osaid_verdict:
        properties.append(
            {"name": PROPERTY_PREFIX + "osaid-verdict", "value": bom_input.osaid_verdict}
        )
    for code, severity, message in sorted(set(bom_input.findings)):
        properties.append(
            {"name": f"{PROPERTY_PREFIX}finding:{code}", "value": f"{severity}: {message}"}
        )
    return properties
