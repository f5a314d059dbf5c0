"""A validation run, step by step: check the model, read the data, run the model in its child
process, measure overall and per group (fairlearn), bootstrap the intervals, apply ``--fail-if``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy

from opengrade import __version__
from opengrade.validation.bootstrap import Partition, resample_weights, statistics
from opengrade.validation.data import (
    LabelledData,
    SensitiveAttribute,
    intersection,
    labelled_data,
    read_frame,
)
from opengrade.validation.errors import DataMismatch
from opengrade.validation.formats import ModelFile, ModelFormat, model_file
from opengrade.validation.metrics import estimates, load_libraries
from opengrade.validation.results import (
    Estimate,
    FileRecord,
    GroupResult,
    PartitionResult,
    RunSettings,
    ValidationReport,
)
from opengrade.validation.runner import ModelPlan, Predictions, RunLimits, run_model
from opengrade.validation.thresholds import Condition, check

LIBRARIES = ("fairlearn", "scikit-learn", "numpy", "pandas", "onnx", "onnxruntime", "skops")


@dataclass(frozen=True, slots=True)
class ValidationOptions:
    """Everything ``opengrade validate`` was asked."""

    model: Path
    data: Path
    label: str
    positive: str
    sensitive: tuple[str, ...]
    threshold: float | None = None
    conditions: tuple[Condition, ...] = ()
    bins: dict[str, tuple[float, ...]] = field(default_factory=dict)
    features: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    seed: int = 0
    resamples: int = 1000
    confidence_level: float = 0.95
    small_group_size: int = 30
    limits: RunLimits = field(default_factory=RunLimits)
    reproducible: bool = False


def validate(options: ValidationOptions) -> ValidationReport:
    """Run the validation; raises a ValidationRunError subclass when it cannot be done."""
    model = model_file(options.model)
    trusted = _trusted_types(model)
    data = labelled_data(
        read_frame(options.data), options.label, options.positive, options.sensitive, options.bins
    )
    for condition in options.conditions:
        if condition.attribute is not None and condition.attribute not in options.sensitive:
            raise DataMismatch(
                f"--fail-if {condition.text!r} names {condition.attribute!r}, which is not a "
                "--sensitive column"
            )
    features = _features(data, options.features)
    plan = ModelPlan(
        positive=data.positive,
        classes=_classes(data),
        trusted=trusted,
        feature_order=tuple(features),
    )
    predictions = run_model(model, plan, features, options.limits, while_waiting=load_libraries)
    predicted, threshold = _decisions(predictions, data, options.threshold)
    sample = _Sample(
        data,
        predicted,
        predictions.scores,
        resample_weights(len(data.truth), options.resamples, options.seed),
        options,
    )
    measured = [_partition(item, sample) for item in _partitions(data.attributes)]
    partitions = [result for result, _overall in measured]
    overall = _overall(measured[0][1], sample)
    checks = tuple(
        result
        for condition in options.conditions
        for result in check(condition, overall, tuple(partitions))
    )
    return ValidationReport(
        tool_version=__version__,
        created=None if options.reproducible else datetime.now(UTC).isoformat(timespec="seconds"),
        model=_record(model.path, options.model if options.model.is_file() else model.path),
        model_format=model.format.value,
        data=_record(options.data, options.data),
        rows=len(data.truth),
        label=data.label,
        positive=data.positive,
        negative=data.negative,
        positives=int(data.truth.sum()),
        settings=RunSettings(
            threshold=threshold,
            seed=options.seed,
            resamples=options.resamples,
            confidence_level=options.confidence_level,
            small_group_size=options.small_group_size,
            memory_mib=options.limits.memory_mib,
            cpu_seconds=options.limits.cpu_seconds,
            wall_seconds=options.limits.wall_seconds,
        ),
        libraries=_libraries(),
        overall=overall,
        partitions=tuple(partitions),
        checks=checks,
        notes=_notes(partitions, options.small_group_size, predictions.scores is None),
    )


def _trusted_types(model: ModelFile) -> tuple[str, ...]:
    """The checked types of a skops file (refused here when one is outside the allow-list).
    An ONNX model is checked in the child process, before its session is created."""
    if model.format is ModelFormat.ONNX:
        return ()
    from opengrade.validation.skops_check import check_skops

    return check_skops(model.path)


def _classes(data: LabelledData) -> tuple[str, ...]:
    """The two label values in the order a classifier sorts them (numeric when numeric)."""
    values = sorted(data.frame[data.label].unique())
    return tuple(
        str(int(item)) if isinstance(item, float) and item.is_integer() else str(item)
        for item in values
    )


def _features(data: LabelledData, chosen: tuple[str, ...]) -> dict[str, Any]:
    names = chosen or tuple(str(name) for name in data.frame.columns if name != data.label)
    missing = [name for name in names if name not in data.frame.columns]
    if missing:
        raise DataMismatch(f"the data has no feature column {', '.join(map(repr, missing))}")
    features: dict[str, Any] = {}
    for name in names:
        column = data.frame[name]
        if column.dtype.kind in "biuf":
            features[name] = column.to_numpy(dtype=numpy.float64)
        else:
            features[name] = column.astype(str).to_numpy(dtype=str)
    return features


def _decisions(
    predictions: Predictions, data: LabelledData, threshold: float | None
) -> tuple[Any, float | None]:
    if predictions.scores is not None:
        cut = 0.5 if threshold is None else threshold
        return (predictions.scores >= cut).astype(numpy.int64), cut
    if threshold is not None:
        raise DataMismatch("--threshold needs class probabilities, and the model gives labels only")
    return (predictions.labels == data.positive).astype(numpy.int64), None


def _partitions(attributes: tuple[SensitiveAttribute, ...]) -> list[SensitiveAttribute]:
    return [*attributes, intersection(attributes)] if len(attributes) > 1 else list(attributes)


@dataclass(frozen=True, slots=True)
class _Sample:
    """What every partition is measured on: the data, the decisions, the scores, the
    bootstrap weights and the options."""

    data: LabelledData
    predicted: Any
    scores: Any
    weights: Any
    options: ValidationOptions

    def shown(self, metric: str) -> bool:
        """Whether ``metric`` is reported (``--metrics``)."""
        return not self.options.metrics or metric in self.options.metrics


def _overall(values: dict[str, float | None], sample: _Sample) -> tuple[Estimate, ...]:
    rows = len(sample.data.truth)
    samples = statistics(
        sample.weights,
        sample.data.truth,
        sample.predicted,
        sample.scores,
        Partition(numpy.zeros(rows, dtype=numpy.int64), 1),
    )
    level = sample.options.confidence_level
    return tuple(
        _estimate(name, value, samples.group_interval(name, 0, level))
        for name, value in values.items()
        if sample.shown(name)
    )


def _partition(
    attribute: SensitiveAttribute, sample: _Sample
) -> tuple[PartitionResult, dict[str, float | None]]:
    """The partition's result, and the metrics over all rows (the same in every partition)."""
    data, row_groups = sample.data, attribute.row_groups
    point = estimates(data.truth, sample.predicted, sample.scores, row_groups)
    present = {group: index for index, group in enumerate(point.groups)}
    codes = numpy.array([present[item] for item in row_groups])
    samples = statistics(
        sample.weights,
        data.truth,
        sample.predicted,
        sample.scores,
        Partition(codes, len(present)),
    )
    level = sample.options.confidence_level
    shown = [name for name in point.values if sample.shown(name)]
    results = []
    for group in attribute.groups:
        mask = row_groups == group
        size = int(mask.sum())
        index = present.get(group)
        metrics: tuple[Estimate, ...] = ()
        if index is not None:
            metrics = tuple(
                _estimate(
                    name, point.values[name][index], samples.group_interval(name, index, level)
                )
                for name in shown
            )
        small = size < sample.options.small_group_size
        results.append(GroupResult(group, size, int(data.truth[mask].sum()), small, metrics))
    fairness = tuple(
        _estimate(metric, value, samples.fairness_interval(metric, level))
        for metric, value in point.fairness.items()
        if sample.shown(metric)
    )
    result = PartitionResult(attribute.name, tuple(results), fairness, attribute.edges)
    return result, point.overall


def _estimate(metric: str, value: float | None, interval: tuple[float, float] | None) -> Estimate:
    if value is None or interval is None:
        return Estimate(metric, value)
    return Estimate(metric, value, interval[0], interval[1])


def _record(path: Path, shown: Path) -> FileRecord:
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return FileRecord(path=str(shown), sha256=digest, size=path.stat().st_size)


def _libraries() -> tuple[tuple[str, str], ...]:
    found = []
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    return tuple(found)


def _notes(partitions: list[PartitionResult], small: int, labels_only: bool) -> tuple[str, ...]:
    notes = []
    for partition in partitions:
        for group in partition.groups:
            if group.size == 0:
                notes.append(
                    f"{partition.attribute}: group {group.group} has 0 rows; its metrics are "
                    "undefined and it takes no part in the fairness differences"
                )
            elif group.size < small:
                notes.append(
                    f"{partition.attribute}: group {group.group} has {group.size} rows "
                    f"(fewer than {small}); its figures are uncertain, see the intervals"
                )
    if labels_only:
        notes.append("the model gives labels only: no ROC AUC or calibration error")
    return tuple(notes)
