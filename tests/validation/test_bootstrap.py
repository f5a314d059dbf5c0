"""The vectorised bootstrap: at unit weights it reproduces fairlearn's point estimates, its
resamples are multinomial, and its intervals are the same under a fixed seed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy
import pandas
import pytest

from opengrade.validation.bootstrap import Partition, resample_weights, statistics
from opengrade.validation.metrics import estimates
from opengrade.validation.run import ValidationOptions, validate


def _sample(credit_data: Path) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    frame = pandas.read_csv(credit_data)
    truth = frame["risk"].to_numpy().astype(numpy.int64)
    # a deterministic score from the data itself (no model needed): shorter, smaller loans
    scores = 1 / (
        1 + numpy.exp((frame["duration"] - 20) / 10 + (frame["credit_amount"] - 3000) / 4000)
    )
    predicted = (scores >= 0.5).to_numpy().astype(numpy.int64)
    groups = frame["purpose"].astype(str).to_numpy()
    return truth, predicted, scores.to_numpy(), groups


def test_unit_weights_reproduce_the_fairlearn_estimates(credit_data: Path) -> None:
    truth, predicted, scores, groups = _sample(credit_data)
    point = estimates(truth, predicted, scores, groups)
    codes = numpy.array([point.groups.index(item) for item in groups])
    samples = statistics(
        numpy.ones((1, len(truth))), truth, predicted, scores, Partition(codes, len(point.groups))
    )
    compared = 0
    for metric, values in point.values.items():
        for index, value in enumerate(values):
            bootstrapped = samples.groups[metric][0, index]
            if value is None:
                assert numpy.isnan(bootstrapped), (metric, point.groups[index])
            else:
                assert bootstrapped == pytest.approx(value, abs=1e-9), (metric, point.groups[index])
            compared += 1
    for metric, value in point.fairness.items():
        assert samples.fairness[metric][0] == pytest.approx(value, abs=1e-9), metric
    assert compared == 8 * len(point.groups) and len(point.groups) >= 8


def test_resamples_are_draws_of_every_row() -> None:
    weights = resample_weights(rows=37, resamples=500, seed=3)
    assert weights.shape == (500, 37)
    assert (weights.sum(axis=1) == 37).all()
    assert weights.mean() == pytest.approx(1.0)
    assert (resample_weights(37, 500, 3) == weights).all()
    assert not (resample_weights(37, 500, 4) == weights).all()


def test_intervals_are_stable_under_a_fixed_seed(onnx_model: Path, credit_data: Path) -> None:
    options = ValidationOptions(
        model=onnx_model,
        data=credit_data,
        label="risk",
        positive="1",
        sensitive=("sex",),
        seed=11,
        resamples=400,
        reproducible=True,
    )
    first, second = validate(options), validate(options)
    assert first == second
    other = validate(replace(options, seed=12))
    for mine, theirs in zip(first.overall, other.overall, strict=True):
        assert mine.value == theirs.value
        assert mine.low is not None and mine.high is not None
        assert mine.low <= mine.value <= mine.high
        # another seed moves an interval by sampling noise only
        assert (
            abs(mine.low - (theirs.low or 0)) < 0.03 and abs(mine.high - (theirs.high or 0)) < 0.03
        )
    assert first.overall != other.overall
