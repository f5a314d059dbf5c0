"""Bootstrap confidence intervals, vectorised: each resample is a row of multinomial weights.

Resampling rows with replacement is the same as weighting each row by how often it was drawn,
so every metric becomes a weighted statistic over the original rows and a thousand resamples
are a few matrix products. The statistics are the same definitions fairlearn and scikit-learn
use (precision, recall and F1 are 0 when undefined, as with ``zero_division=0``; balanced
accuracy averages the recalls of the classes present); at unit weights they reproduce the
point estimates of :mod:`.metrics`, which the tests check. Intervals are percentile intervals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy

from opengrade.validation.metrics import CALIBRATION_BINS

CHUNK_CELLS = 4_000_000


@dataclass(frozen=True, slots=True)
class Partition:
    """One partition of the rows: each row's group index (0..size-1) and the group count."""

    codes: Any
    size: int


@dataclass(frozen=True, slots=True)
class Intervals:
    """Bootstrap samples of every statistic of one partition: per group (resamples × groups)
    and for the fairness metrics (resamples)."""

    groups: dict[str, Any]
    fairness: dict[str, Any]

    def group_interval(self, metric: str, group: int, level: float) -> tuple[float, float] | None:
        """The percentile interval of ``metric`` for group ``group`` (None when undefined)."""
        return _interval(self.groups[metric][:, group], level)

    def fairness_interval(self, metric: str, level: float) -> tuple[float, float] | None:
        """The percentile interval of a fairness metric (None when undefined)."""
        return _interval(self.fairness[metric], level)


def _interval(samples: Any, level: float) -> tuple[float, float] | None:
    finite = samples[numpy.isfinite(samples)]
    if finite.size == 0:
        return None
    tail = (1 - level) / 2 * 100
    low, high = numpy.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def resample_weights(rows: int, resamples: int, seed: int) -> Any:
    """The multinomial weights of ``resamples`` bootstrap draws of ``rows`` rows (int32)."""
    generator = numpy.random.default_rng(seed)
    weights = numpy.empty((resamples, rows), dtype=numpy.int32)
    chunk = max(1, CHUNK_CELLS // max(rows, 1))
    for start in range(0, resamples, chunk):
        count = min(chunk, resamples - start)
        draws = generator.integers(0, rows, size=(count, rows))
        offsets = (numpy.arange(count) * rows)[:, None]
        flat = numpy.bincount((draws + offsets).ravel(), minlength=count * rows)
        weights[start : start + count] = flat.reshape(count, rows)
    return weights


def statistics(
    weights: Any, truth: Any, predicted: Any, scores: Any, partition: Partition
) -> Intervals:
    """Every statistic of ``partition`` under each row of ``weights``."""
    weights = numpy.asarray(weights, dtype=numpy.float64)
    onehot = numpy.zeros((len(truth), partition.size))
    onehot[numpy.arange(len(truth)), partition.codes] = 1.0
    truth_bool, predicted_bool = truth.astype(bool), predicted.astype(bool)
    cells = {
        "tp": truth_bool & predicted_bool,
        "fp": ~truth_bool & predicted_bool,
        "fn": truth_bool & ~predicted_bool,
        "tn": ~truth_bool & ~predicted_bool,
    }
    counts = {name: weights @ (onehot * mask[:, None]) for name, mask in cells.items()}
    groups = _label_statistics(counts)
    if scores is not None:
        groups["roc_auc"] = _group_columns(
            lambda mask: _weighted_auc(weights[:, mask], truth[mask], scores[mask]), partition
        )
        groups["calibration_error"] = _group_columns(
            lambda mask: _weighted_calibration(weights[:, mask], truth[mask], scores[mask]),
            partition,
        )
    return Intervals(groups=groups, fairness=_fairness(groups))


def _divide(numerator: Any, denominator: Any, empty: float) -> Any:
    with numpy.errstate(divide="ignore", invalid="ignore"):
        return numpy.where(
            denominator > 0, numerator / numpy.where(denominator > 0, denominator, 1), empty
        )


def _label_statistics(counts: dict[str, Any]) -> dict[str, Any]:
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    total = tp + fp + fn + tn
    nan = float("nan")
    true_positive_rate = _divide(tp, tp + fn, nan)
    true_negative_rate = _divide(tn, tn + fp, nan)
    with numpy.errstate(invalid="ignore"):
        balanced = numpy.nanmean(numpy.stack([true_positive_rate, true_negative_rate]), axis=0)
    return {
        "accuracy": _divide(tp + tn, total, nan),
        "balanced_accuracy": numpy.where(total > 0, balanced, nan),
        "precision": numpy.where(total > 0, _divide(tp, tp + fp, 0.0), nan),
        "recall": numpy.where(total > 0, _divide(tp, tp + fn, 0.0), nan),
        "f1": numpy.where(total > 0, _divide(2 * tp, 2 * tp + fp + fn, 0.0), nan),
        "selection_rate": _divide(tp + fp, total, nan),
        "true_positive_rate": true_positive_rate,
        "false_positive_rate": _divide(fp, fp + tn, nan),
    }


def _fairness(groups: dict[str, Any]) -> dict[str, Any]:
    def spread(values: Any) -> Any:
        with numpy.errstate(invalid="ignore"):
            return numpy.nanmax(values, axis=1) - numpy.nanmin(values, axis=1)

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows give NaN, as they should
        selection = groups["selection_rate"]
        true_positive = spread(groups["true_positive_rate"])
        return {
            "demographic_parity_difference": spread(selection),
            "demographic_parity_ratio": _divide(
                numpy.nanmin(selection, axis=1), numpy.nanmax(selection, axis=1), float("nan")
            ),
            "equalized_odds_difference": numpy.maximum(
                true_positive, spread(groups["false_positive_rate"])
            ),
            "equal_opportunity_difference": true_positive,
        }


def _group_columns(statistic: Any, partition: Partition) -> Any:
    return numpy.column_stack(
        [statistic(partition.codes == group) for group in range(partition.size)]
    )


def _weighted_auc(weights: Any, truth: Any, scores: Any) -> Any:
    """The Mann-Whitney AUC with row weights (ties count one half), per resample."""
    order = numpy.argsort(scores, kind="stable")
    sorted_scores = scores[order]
    starts = numpy.flatnonzero(numpy.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    if starts.size == 0:
        return numpy.full(weights.shape[0], numpy.nan)
    ordered = weights[:, order]
    positive = numpy.add.reduceat(ordered * truth[order], starts, axis=1)
    negative = numpy.add.reduceat(ordered * (1 - truth[order]), starts, axis=1)
    below = numpy.cumsum(negative, axis=1) - negative
    numerator = (positive * (below + 0.5 * negative)).sum(axis=1)
    denominator = positive.sum(axis=1) * negative.sum(axis=1)
    return _divide(numerator, denominator, float("nan"))


def _weighted_calibration(weights: Any, truth: Any, scores: Any) -> Any:
    """Expected calibration error (ten equal-width bins) with row weights, per resample."""
    bins = numpy.minimum((scores * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    onehot = numpy.zeros((len(scores), CALIBRATION_BINS))
    onehot[numpy.arange(len(scores)), bins] = 1.0
    observed = weights @ (onehot * truth[:, None])
    expected = weights @ (onehot * scores[:, None])
    return _divide(numpy.abs(observed - expected).sum(axis=1), weights.sum(axis=1), float("nan"))
