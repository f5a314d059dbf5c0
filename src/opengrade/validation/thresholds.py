"""``--fail-if`` conditions: ``METRIC[@ATTRIBUTE] OP NUMBER``, e.g. ``demographic_parity_ratio
< 0.8`` or ``recall@sex < 0.6``. A fairness metric without an attribute is checked on every
partition; a performance metric without one on the whole data, with one on every group."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from opengrade.validation.metrics import FAIRNESS_METRICS, LABEL_METRICS, SCORE_METRICS
from opengrade.validation.results import Estimate, PartitionResult, ThresholdCheck

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_PATTERN = re.compile(r"^\s*([a-z_]+)(?:@([^<>=\s]+))?\s*(<=|>=|<|>)\s*(-?[0-9]*\.?[0-9]+)\s*$")
KNOWN_METRICS = (*LABEL_METRICS, *SCORE_METRICS, *FAIRNESS_METRICS)


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed ``--fail-if``: the run fails when ``metric op limit`` holds."""

    text: str
    metric: str
    attribute: str | None
    comparison: str
    limit: float


def parse_condition(text: str) -> Condition:
    """Parse one ``--fail-if``; ValueError with the accepted form when it does not parse."""
    match = _PATTERN.match(text)
    if not match or match.group(1) not in KNOWN_METRICS:
        raise ValueError(
            f"cannot read --fail-if {text!r}: write METRIC[@ATTRIBUTE] OP NUMBER with OP one of "
            f"< <= > >= and METRIC one of {', '.join(KNOWN_METRICS)}"
        )
    metric, attribute, comparison, limit = match.groups()
    return Condition(" ".join(text.split()), metric, attribute, comparison, float(limit))


def check(
    condition: Condition, overall: tuple[Estimate, ...], partitions: tuple[PartitionResult, ...]
) -> tuple[ThresholdCheck, ...]:
    """The checks ``condition`` makes on the results (one per value it applies to)."""
    chosen = [item for item in partitions if condition.attribute in (None, item.attribute)]
    if condition.metric in FAIRNESS_METRICS:
        pairs = [(item.attribute, _value(item.fairness, condition.metric)) for item in chosen]
    elif condition.attribute is None:
        pairs = [("overall", _value(overall, condition.metric))]
    else:
        pairs = [
            (f"{item.attribute}={group.group}", _value(group.estimates, condition.metric))
            for item in chosen
            for group in item.groups
            if group.size
        ]
    compare = _OPERATORS[condition.comparison]
    return tuple(
        ThresholdCheck(
            expression=condition.text,
            scope=scope,
            value=value,
            failed=None if value is None else compare(value, condition.limit),
        )
        for scope, value in pairs
    )


def _value(estimates: tuple[Estimate, ...], metric: str) -> float | None:
    return next((item.value for item in estimates if item.metric == metric), None)
