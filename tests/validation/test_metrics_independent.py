"""The reported metrics equal an independent computation (onnxruntime/skops run here, then
scikit-learn and fairlearn's functions by group with pandas), to 1e-9."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy
import pandas
import pytest
from fixture_models import CATEGORICAL, NUMERIC

from opengrade.validation.results import Estimate, ValidationReport
from opengrade.validation.run import ValidationOptions, validate

TOLERANCE = 1e-9
EDGES = (30.0, 45.0)


def _onnx_scores(model: Path, frame: pandas.DataFrame) -> numpy.ndarray:
    import onnxruntime

    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    feeds = {}
    for slot in session.get_inputs():
        column = frame[slot.name].to_numpy().reshape(-1, 1)
        if "string" in slot.type:
            feeds[slot.name] = column.astype(str).astype(object)
        else:
            feeds[slot.name] = column.astype("float64" if "double" in slot.type else "float32")
    outputs = dict(
        zip([o.name for o in session.get_outputs()], session.run(None, feeds), strict=True)
    )
    return numpy.asarray(outputs["probabilities"][:, 1], dtype=float)


def _skops_scores(model: Path, frame: pandas.DataFrame) -> numpy.ndarray:
    import skops.io

    loaded = skops.io.load(model, trusted=skops.io.get_untrusted_types(file=model))
    features = frame[list(CATEGORICAL + NUMERIC)].astype({name: float for name in NUMERIC})
    return loaded.predict_proba(features)[:, list(loaded.classes_).index(1)]


def _value(items: tuple[Estimate, ...], metric: str) -> float | None:
    return next(item.value for item in items if item.metric == metric)


def _independent(truth, predicted, scores) -> dict[str, float]:
    from sklearn import metrics

    values = {
        "accuracy": metrics.accuracy_score(truth, predicted),
        "precision": metrics.precision_score(truth, predicted, zero_division=0),
        "recall": metrics.recall_score(truth, predicted, zero_division=0),
        "f1": metrics.f1_score(truth, predicted, zero_division=0),
        "selection_rate": float(numpy.mean(predicted)),
    }
    if len(set(truth)) == 2:
        values["balanced_accuracy"] = metrics.balanced_accuracy_score(truth, predicted)
        values["roc_auc"] = metrics.roc_auc_score(truth, scores)
    return values


def _compare(report: ValidationReport, frame: pandas.DataFrame, scores: numpy.ndarray) -> int:
    from fairlearn import metrics as fair

    truth = (frame["risk"] == 1).to_numpy().astype(int)
    predicted = (scores >= 0.5).astype(int)
    checked = 0
    for metric, expected in _independent(truth, predicted, scores).items():
        assert _value(report.overall, metric) == pytest.approx(expected, abs=TOLERANCE), metric
        checked += 1
    age_groups = pandas.cut(frame["age"], [-numpy.inf, *EDGES, numpy.inf], right=False)
    labels = {"sex": frame["sex"].astype(str).to_numpy(), "age": age_groups.cat.codes.to_numpy()}
    for partition in report.partitions[:2]:
        rows = labels[partition.attribute]
        for position, group in enumerate(partition.groups):
            key = group.group if partition.attribute == "sex" else position
            mask = rows == key
            assert group.size == int(mask.sum())
            assert group.positives == int(truth[mask].sum())
            expected = _independent(truth[mask], predicted[mask], scores[mask])
            for metric, value in expected.items():
                assert _value(group.estimates, metric) == pytest.approx(value, abs=TOLERANCE)
                checked += 1
        functions = {
            "demographic_parity_difference": fair.demographic_parity_difference,
            "demographic_parity_ratio": fair.demographic_parity_ratio,
            "equalized_odds_difference": fair.equalized_odds_difference,
            "equal_opportunity_difference": fair.equal_opportunity_difference,
        }
        for metric, function in functions.items():
            expected_value = function(truth, predicted, sensitive_features=rows)
            assert _value(partition.fairness, metric) == pytest.approx(
                expected_value, abs=TOLERANCE
            )
            checked += 1
    return checked


def _options(model: Path, data: Path) -> ValidationOptions:
    return ValidationOptions(
        model=model,
        data=data,
        label="risk",
        positive="1",
        sensitive=("sex", "age"),
        bins={"age": EDGES},
        resamples=200,
    )


def test_onnx_metrics_equal_an_independent_computation(onnx_model: Path, credit_data: Path) -> None:
    frame = pandas.read_csv(credit_data)
    report = validate(_options(onnx_model, credit_data))
    assert report.rows == 1000 and report.positives == 700
    assert [item.attribute for item in report.partitions] == ["sex", "age", "sex × age"]
    assert _compare(report, frame, _onnx_scores(onnx_model, frame)) == 50


def test_skops_metrics_equal_an_independent_computation(
    skops_model: Path, credit_data: Path
) -> None:
    frame = pandas.read_csv(credit_data)
    report = validate(_options(skops_model, credit_data))
    assert report.model_format == "skops"
    assert _compare(report, frame, _skops_scores(skops_model, frame)) == 50


def test_intersection_groups_are_every_combination(onnx_model: Path, credit_data: Path) -> None:
    frame = pandas.read_csv(credit_data)
    report = validate(_options(onnx_model, credit_data))
    intersection = report.partitions[2]
    assert len(intersection.groups) == 2 * 3
    assert sum(group.size for group in intersection.groups) == len(frame)
    female_young = next(g for g in intersection.groups if g.group == "sex=female & age=[19, 30)")
    assert female_young.size == int(((frame["sex"] == "female") & (frame["age"] < 30)).sum())


def test_default_bins_are_rounded_quartiles(onnx_model: Path, credit_data: Path) -> None:
    frame = pandas.read_csv(credit_data)
    report = validate(replace(_options(onnx_model, credit_data), bins={}, resamples=50))
    expected = tuple(float(numpy.round(frame["age"].quantile(q))) for q in (0.25, 0.5, 0.75))
    assert report.partitions[1].edges == expected
