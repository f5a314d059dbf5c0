"""The validation report as versioned JSON (schema: ``docs/validation.schema.json``); sorted
keys, so the same run with ``--reproducible`` gives the same bytes."""

from __future__ import annotations

import json
from typing import Any

from opengrade.validation.results import Estimate, PartitionResult, ValidationReport

KIND = "opengrade-validation"


def _estimates(items: tuple[Estimate, ...]) -> dict[str, Any]:
    return {
        item.metric: {"value": item.value, "low": item.low, "high": item.high} for item in items
    }


def _partition(partition: PartitionResult) -> dict[str, Any]:
    return {
        "attribute": partition.attribute,
        "bin_edges": list(partition.edges),
        "groups": [
            {
                "group": group.group,
                "size": group.size,
                "positives": group.positives,
                "small": group.small,
                "metrics": _estimates(group.estimates),
            }
            for group in partition.groups
        ],
        "fairness": _estimates(partition.fairness),
    }


def report_document(report: ValidationReport) -> dict[str, Any]:
    """The JSON-ready document."""
    settings = report.settings
    document: dict[str, Any] = {
        "kind": KIND,
        "schema_version": report.schema_version,
        "tool": {"name": "opengrade", "version": report.tool_version},
        "model": {
            "path": report.model.path,
            "sha256": report.model.sha256,
            "size": report.model.size,
            "format": report.model_format,
        },
        "data": {
            "path": report.data.path,
            "sha256": report.data.sha256,
            "size": report.data.size,
            "rows": report.rows,
            "label": report.label,
            "positive": report.positive,
            "negative": report.negative,
            "positives": report.positives,
        },
        "settings": {
            "threshold": settings.threshold,
            "seed": settings.seed,
            "resamples": settings.resamples,
            "confidence_level": settings.confidence_level,
            "small_group_size": settings.small_group_size,
            "limits": {
                "memory_mib": settings.memory_mib,
                "cpu_seconds": settings.cpu_seconds,
                "wall_seconds": settings.wall_seconds,
            },
        },
        "libraries": dict(report.libraries),
        "overall": _estimates(report.overall),
        "partitions": [_partition(item) for item in report.partitions],
        "checks": [
            {
                "expression": item.expression,
                "scope": item.scope,
                "value": item.value,
                "failed": item.failed,
            }
            for item in report.checks
        ],
        "failed": report.failed,
        "notes": list(report.notes),
    }
    if report.created is not None:
        document["created"] = report.created
    return document


def render_json(report: ValidationReport) -> str:
    """The JSON text (two-space indent, sorted keys, final newline)."""
    return json.dumps(report_document(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
