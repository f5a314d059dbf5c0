"""A validation run recorded next to a release: ``opengrade-validation.json`` in its folder.

``opengrade validate ... --format json -o RELEASE/opengrade-validation.json`` writes it; a later
``assess`` reads it here (stdlib JSON only, nothing runs) and shows it beside the card's own
evaluation results, in the evaluation-disclosure checklist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from opengrade.model import ReleaseSnapshot

RECORD_PATH = "opengrade-validation.json"  # = parsing.files.VALIDATION_RECORD_NAME
KIND = "opengrade-validation"
_SUMMARY_METRICS = ("accuracy", "balanced_accuracy", "roc_auc")


@dataclass(frozen=True, slots=True)
class RecordedValidation:
    """What the record says, in a sentence, and whether the model it ran is in the release."""

    summary: str
    model_in_release: bool


def recorded_validation(snapshot: ReleaseSnapshot) -> RecordedValidation | str | None:
    """The release's recorded validation; a message when the record is unreadable; None when
    there is none."""
    text = snapshot.text(RECORD_PATH)
    if text is None:
        return None
    try:
        document = json.loads(text.text)
        if document.get("kind") != KIND:
            return f"{RECORD_PATH} is not an opengrade validation report"
        return _summary(snapshot, document)
    except (ValueError, AttributeError, KeyError, TypeError) as error:
        return f"{RECORD_PATH} cannot be read ({type(error).__name__}: {error})"


def _name(path: object) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def _figure(name: str, estimate: dict[str, float]) -> str:
    return f"{name} {estimate['value']:.3f} [{estimate['low']:.3f}, {estimate['high']:.3f}]"


def _summary(snapshot: ReleaseSnapshot, document: dict[str, Any]) -> RecordedValidation:
    model, data, overall = document["model"], document["data"], document["overall"]
    figures = [
        _figure(name, overall[name])
        for name in _SUMMARY_METRICS
        if isinstance(overall.get(name), dict) and overall[name].get("low") is not None
    ]
    for partition in document.get("partitions", []):
        ratio = partition["fairness"].get("demographic_parity_ratio", {}).get("value")
        if ratio is not None:
            figures.append(f"demographic parity ratio by {partition['attribute']} {ratio:.3f}")
    model_name = _name(model["path"])
    in_release = any(_name(item.path) == model_name for item in snapshot.files)
    failed = " (a --fail-if condition failed)" if document.get("failed") else ""
    summary = (
        f"{model_name} (sha256 {str(model['sha256'])[:12]}…) validated on {_name(data['path'])} "
        f"({data['rows']} rows, sha256 {str(data['sha256'])[:12]}…): {'; '.join(figures)}{failed}"
    )
    return RecordedValidation(summary=summary, model_in_release=in_release)
