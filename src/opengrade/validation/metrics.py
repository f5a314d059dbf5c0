"""Point estimates through fairlearn's MetricFrame and scikit-learn's metrics.

Performance metrics per group (and overall) come from a MetricFrame over the predicted labels
(and one over the scores for ROC AUC and calibration error); fairness metrics from fairlearn's
own functions. Groups with no rows are not in a MetricFrame; the caller reports them with size 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy

LABEL_METRICS = ("accuracy", "balanced_accuracy", "precision", "recall", "f1", "selection_rate")
SCORE_METRICS = ("roc_auc", "calibration_error")
FAIRNESS_METRICS = (
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equalized_odds_difference",
    "equal_opportunity_difference",
)
CALIBRATION_BINS = 10


@dataclass(frozen=True, slots=True)
class PartitionEstimates:
    """The point estimates over one partition of the rows: per group (present groups only) the
    value of each metric, and the partition's fairness metrics."""

    groups: tuple[str, ...]
    values: dict[str, tuple[float | None, ...]]
    fairness: dict[str, float | None]


def calibration_error(truth: Any, scores: Any) -> float:
    """Expected calibration error over ten equal-width score bins: the row-weighted mean of
    |observed positive rate - mean score| per bin."""
    truth = numpy.asarray(truth, dtype=float)
    scores = numpy.asarray(scores, dtype=float)
    bins = numpy.minimum((scores * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    total = 0.0
    for index in numpy.unique(bins):
        mask = bins == index
        total += abs(truth[mask].sum() - scores[mask].sum())
    return total / len(truth)


def _roc_auc(truth: Any, scores: Any) -> float:
    from sklearn.metrics import roc_auc_score

    if len(numpy.unique(truth)) < 2:
        return float("nan")  # undefined with one class
    return float(roc_auc_score(truth, scores))


def _label_metrics() -> dict[str, Callable[..., float]]:
    from fairlearn.metrics import selection_rate
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        f1_score,
        precision_score,
        recall_score,
    )

    return {
        "accuracy": accuracy_score,
        "balanced_accuracy": _quiet(balanced_accuracy_score),
        "precision": partial(precision_score, zero_division=0),
        "recall": partial(recall_score, zero_division=0),
        "f1": partial(f1_score, zero_division=0),
        "selection_rate": selection_rate,
    }


def _quiet(metric: Callable[..., float]) -> Callable[..., float]:
    def quiet(truth: Any, predicted: Any) -> float:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(metric(truth, predicted))

    return quiet


def estimates(truth: Any, predicted: Any, scores: Any, row_groups: Any) -> PartitionEstimates:
    """Per-group metrics and fairness metrics for the partition ``row_groups``."""
    from fairlearn.metrics import (
        MetricFrame,
        demographic_parity_difference,
        demographic_parity_ratio,
        equal_opportunity_difference,
        equalized_odds_difference,
    )

    frame = MetricFrame(
        metrics=_label_metrics(),
        y_true=truth,
        y_pred=predicted,
        sensitive_features=row_groups,
    )
    by_group = frame.by_group
    groups = tuple(str(item) for item in by_group.index)
    values = {name: _floats(by_group[name]) for name in LABEL_METRICS}
    if scores is not None:
        score_frame = MetricFrame(
            metrics={"roc_auc": _roc_auc, "calibration_error": calibration_error},
            y_true=truth,
            y_pred=scores,
            sensitive_features=row_groups,
        )
        values.update({name: _floats(score_frame.by_group[name]) for name in SCORE_METRICS})
    functions = {
        "demographic_parity_difference": demographic_parity_difference,
        "demographic_parity_ratio": demographic_parity_ratio,
        "equalized_odds_difference": equalized_odds_difference,
        "equal_opportunity_difference": equal_opportunity_difference,
    }
    fairness = {
        name: _float(function(truth, predicted, sensitive_features=row_groups))
        for name, function in functions.items()
    }
    return PartitionEstimates(groups=groups, values=values, fairness=fairness)


def _float(value: Any) -> float | None:
    number = float(value)
    return None if numpy.isnan(number) else number


def _floats(series: Any) -> tuple[float | None, ...]:
    return tuple(_float(item) for item in series.to_numpy())
