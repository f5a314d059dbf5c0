"""The CycloneDX ``modelCard`` of a release: model parameters from its config and card,
quantitative analysis from its evaluation results, considerations from its card's sections."""

from __future__ import annotations

from typing import Any

from opengrade.bom.energy import energy_figure
from opengrade.bom.facts import ReleaseFacts, SectionFact

_USE_CASES = {"intended-use", "uses", "direct-use", "downstream-use"}
_LIMITATIONS = {"limitations", "out-of-scope-use", "out-of-scope"}
_ETHICS = {"bias", "risks", "ethical-considerations", "ethics", "bias-risks-limitations"}
_FAIRNESS = {"fairness"}
_ENVIRONMENT = {"environmental-impact"}


def model_card(facts: ReleaseFacts) -> dict[str, Any]:
    """The ``modelCard``: parameters, evaluation results and considerations (empty when the
    evidence supports none)."""
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
    """The section's one energy figure in kWh (the schema's unit), with its CO2 in tonnes when
    stated; None when the section does not state exactly one (see :mod:`opengrade.bom.energy`).
    """
    figure = energy_figure(text)
    if figure is None:
        return None
    usage: dict[str, Any] = {
        "activity": figure.activity,
        "energyProviders": [],
        "activityEnergyCost": {"value": figure.kilowatt_hours, "unit": "kWh"},
    }
    if figure.co2_tonnes is not None:
        usage["co2CostEquivalent"] = {"value": figure.co2_tonnes, "unit": "tCO2eq"}
    return usage
