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
    value of each metric, the partition's fairness metrics, and the metrics over all rows."""

    groups: tuple[str, ...]
    values: dict[str, tuple[float | None, ...]]
    fairness: dict[str, float | None]
    overall: dict[str, float | None]


def load_libraries() -> None:
    """Import fairlearn and scikit-learn's metrics now (while the model runs elsewhere)."""
    import fairlearn.metrics  # noqa: F401
    import sklearn.metrics  # noqa: F401


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
    from fairlearn.metrics import false_positive_rate, selection_rate, true_positive_rate
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
        "true_positive_rate": true_positive_rate,
        "false_positive_rate": false_positive_rate,
    }


def _quiet(metric: Callable[..., float]) -> Callable[..., float]:
    def quiet(truth: Any, predicted: Any) -> float:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(metric(truth, predicted))

    return quiet


def estimates(truth: Any, predicted: Any, scores: Any, row_groups: Any) -> PartitionEstimates:
    """Per-group metrics and fairness metrics for the partition ``row_groups``.

    One MetricFrame over the labels (with the true and false positive rates the fairness
    metrics need) and one over the scores; the fairness metrics are that frame's
    ``difference``/``ratio`` between groups, as fairlearn's ``demographic_parity_*``,
    ``equalized_odds_difference`` and ``equal_opportunity_difference`` compute them.
    """
    frame = _frame(_label_metrics(), truth, predicted, row_groups)
    by_group = frame.by_group
    groups = tuple(str(item) for item in by_group.index)
    values = {name: _floats(by_group[name]) for name in LABEL_METRICS}
    overall = {name: _float(frame.overall[name]) for name in LABEL_METRICS}
    if scores is not None:
        score_frame = _frame(
            {"roc_auc": _roc_auc, "calibration_error": calibration_error},
            truth,
            scores,
            row_groups,
        )
        values.update({name: _floats(score_frame.by_group[name]) for name in SCORE_METRICS})
        overall.update({name: _float(score_frame.overall[name]) for name in SCORE_METRICS})
    difference, ratio = frame.difference(), frame.ratio()
    fairness = {
        "demographic_parity_difference": _float(difference["selection_rate"]),
        "demographic_parity_ratio": _float(ratio["selection_rate"]),
        "equalized_odds_difference": _float(
            max(difference["true_positive_rate"], difference["false_positive_rate"])
        ),
        "equal_opportunity_difference": _float(difference["true_positive_rate"]),
    }
    return PartitionEstimates(groups=groups, values=values, fairness=fairness, overall=overall)


def _frame(
    metrics: dict[str, Callable[..., float]], truth: Any, predicted: Any, groups: Any
) -> Any:
    from fairlearn.metrics import MetricFrame

    return MetricFrame(metrics=metrics, y_true=truth, y_pred=predicted, sensitive_features=groups)


def _float(value: Any) -> float | None:
    number = float(value)
    return None if numpy.isnan(number) else number


def _floats(series: Any) -> tuple[float | None, ...]:
    return tuple(_float(item) for item in series.to_numpy())
