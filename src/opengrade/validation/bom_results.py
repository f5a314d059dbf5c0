"""The validation results added to a release's BOM (a JSON-ready document of
:mod:`opengrade.bom`).

CycloneDX: the metrics, overall and per group, go to the model card's
``quantitativeAnalysis.performanceMetrics`` (``slice`` names the group, ``confidenceInterval`` the
bootstrap interval); each partition's least-selected group becomes a
``considerations.fairnessAssessments`` entry with its fairness figures; the labelled data is a
``data`` component with its SHA-256. SPDX 3.0.1: the overall metrics are the model's
``ai_metric``, the decision threshold and the ``--fail-if`` limits its
``ai_metricDecisionThreshold``, the data is a ``dataset_DatasetPackage`` with its hash and a
``testedOn`` relationship. The caller validates the result before writing it.
"""

from __future__ import annotations

import json
import uuid
from pathlib import PurePath
from typing import Any

from opengrade.validation.render_text import find, number
from opengrade.validation.results import Estimate, PartitionResult, ValidationReport

DATA_REF = "validation-data"
_PROPERTY = "opengrade:validation:"


def _metric(item: Estimate, slice_name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": item.metric, "value": number(item.value), "slice": slice_name}
    if item.low is not None and item.high is not None:
        entry["confidenceInterval"] = {
            "lowerBound": number(item.low),
            "upperBound": number(item.high),
        }
    return entry


def _performance_metrics(report: ValidationReport) -> list[dict[str, Any]]:
    metrics = [_metric(item, "overall") for item in report.overall if item.value is not None]
    for partition in report.partitions:
        for group in partition.groups:
            metrics += [
                _metric(item, f"{partition.attribute}: {group.group} (n={group.size})")
                for item in group.estimates
                if item.value is not None
            ]
        metrics += [
            _metric(item, partition.attribute)
            for item in partition.fairness
            if item.value is not None
        ]
    return metrics


def _assessment(partition: PartitionResult) -> dict[str, Any] | None:
    rated = [
        (estimate.value, group)
        for group in partition.groups
        for estimate in [find(group.estimates, "selection_rate")]
        if estimate is not None and estimate.value is not None
    ]
    if len(rated) < 2:
        return None
    lowest, highest = min(rated, key=lambda pair: pair[0]), max(rated, key=lambda pair: pair[0])
    figures = "; ".join(
        f"{item.metric} {number(item.value)} [{number(item.low)}, {number(item.high)}]"
        for item in partition.fairness
    )
    return {
        "groupAtRisk": f"{partition.attribute}: {lowest[1].group} (n={lowest[1].size})",
        "harms": (
            f"lowest selection rate by {partition.attribute}: {lowest[0]:.3f} against "
            f"{highest[0]:.3f} for {highest[1].group}; {figures} (opengrade validate, bootstrap "
            "intervals)"
        ),
    }


def add_to_cyclonedx(
    document: dict[str, Any], report: ValidationReport, reproducible: bool
) -> None:
    """Add the results to a CycloneDX document in place."""
    component = document["metadata"]["component"]
    card = component.setdefault("modelCard", {})
    analysis = card.setdefault("quantitativeAnalysis", {})
    analysis.setdefault("performanceMetrics", []).extend(_performance_metrics(report))
    assessments = [entry for entry in map(_assessment, report.partitions) if entry]
    if assessments:
        considerations = card.setdefault("considerations", {})
        considerations.setdefault("fairnessAssessments", []).extend(assessments)
    card.setdefault("modelParameters", {}).setdefault("datasets", []).append({"ref": DATA_REF})
    document.setdefault("components", []).append(_data_component(report))
    component.setdefault("properties", []).extend(
        {"name": _PROPERTY + name, "value": value} for name, value in _run_pairs(report)
    )
    if reproducible:
        document.pop("serialNumber", None)
        content = json.dumps(document, sort_keys=True, separators=(",", ":"))
        document["serialNumber"] = (
            f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'opengrade:' + content)}"
        )


def _data_component(report: ValidationReport) -> dict[str, Any]:
    return {
        "type": "data",
        "bom-ref": DATA_REF,
        "name": PurePath(report.data.path).name,
        "hashes": [{"alg": "SHA-256", "content": report.data.sha256}],
        "data": [
            {
                "type": "dataset",
                "name": PurePath(report.data.path).name,
                "description": _data_description(report),
            }
        ],
    }


def _data_description(report: ValidationReport) -> str:
    attributes = ", ".join(item.attribute for item in report.partitions)
    return (
        f"labelled data of an opengrade validation run: {report.rows} rows, label "
        f"{report.label!r} (positive {report.positive!r}), groups by {attributes}"
    )


def _run_pairs(report: ValidationReport) -> list[tuple[str, str]]:
    settings = report.settings
    pairs = [
        ("model-sha256", report.model.sha256),
        ("data-sha256", report.data.sha256),
        ("rows", str(report.rows)),
        ("label", report.label),
        ("positive", report.positive),
        ("threshold", "model labels" if settings.threshold is None else f"{settings.threshold:g}"),
        ("seed", str(settings.seed)),
        ("resamples", str(settings.resamples)),
    ]
    pairs += [
        (f"check:{item.expression}:{item.scope}", _verdict(item.failed)) for item in report.checks
    ]
    return pairs


def _verdict(failed: bool | None) -> str:
    return "undefined" if failed is None else "failed" if failed else "passed"


def add_to_spdx(
    document: dict[str, Any], report: ValidationReport, conditions: tuple[tuple[str, float], ...]
) -> None:
    """Add the results to an SPDX 3.0.1 JSON-LD document in place: ``ai_metric``,
    ``ai_metricDecisionThreshold``, the data set and ``testedOn``."""
    graph = document["@graph"]
    spdx_document = next(node for node in graph if node.get("type") == "SpdxDocument")
    model_id = spdx_document["rootElement"][0]
    model = next(node for node in graph if node.get("spdxId") == model_id)
    creation = model["creationInfo"]
    namespace = model_id.split("#")[0]
    metrics = [
        {"type": "DictionaryEntry", "key": item.metric, "value": _interval_text(item)}
        for item in report.overall
        if item.value is not None
    ]
    for partition in report.partitions:
        metrics += [
            {
                "type": "DictionaryEntry",
                "key": f"{item.metric} ({partition.attribute})",
                "value": _interval_text(item),
            }
            for item in partition.fairness
            if item.value is not None
        ]
    model.setdefault("ai_metric", []).extend(metrics)
    thresholds = []
    if report.settings.threshold is not None:
        thresholds.append(
            {
                "type": "DictionaryEntry",
                "key": "decision_threshold",
                "value": f"{report.settings.threshold:g}",
            }
        )
    thresholds += [
        {"type": "DictionaryEntry", "key": metric, "value": f"{limit:g}"}
        for metric, limit in conditions
    ]
    if thresholds:
        model.setdefault("ai_metricDecisionThreshold", []).extend(thresholds)
    data_id = f"{namespace}#{DATA_REF}"
    nodes = [
        {
            "type": "dataset_DatasetPackage",
            "spdxId": data_id,
            "creationInfo": creation,
            "name": PurePath(report.data.path).name,
            "description": _data_description(report),
            "software_primaryPurpose": "data",
            "dataset_datasetType": ["structured"],
            "dataset_datasetSize": report.data.size,
            "verifiedUsing": [
                {"type": "Hash", "algorithm": "sha256", "hashValue": report.data.sha256}
            ],
        }
    ]
    no_assertion = "expandedlicensing_NoAssertionLicense"
    for index, (kind, source, target) in enumerate(
        (
            ("testedOn", model_id, data_id),
            ("hasDeclaredLicense", data_id, no_assertion),
            ("hasConcludedLicense", data_id, no_assertion),
        ),
        start=1,
    ):
        nodes.append(
            {
                "type": "Relationship",
                "spdxId": f"{namespace}#validation-relationship-{index}",
                "creationInfo": creation,
                "from": source,
                "to": [target],
                "relationshipType": kind,
            }
        )
    graph.extend(nodes)
    spdx_document.setdefault("element", []).extend(node["spdxId"] for node in nodes)


def _interval_text(item: Estimate) -> str:
    if item.low is None or item.high is None:
        return number(item.value)
    return f"{number(item.value)} (bootstrap interval {number(item.low)} to {number(item.high)})"
