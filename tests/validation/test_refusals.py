"""Every refusal and failure of ``opengrade validate``: a clear message and its exit code
(5 refused, 6 the run failed, 3 the data does not fit, 2 a usage error)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from onnx_builders import (
    custom_domain_model,
    external_weights_model,
    memory_hungry_model,
    tiny_model,
)

from conftest import CliRunner

REFUSED, RUN_FAILED, UNREADABLE, USAGE = 5, 6, 3, 2


def _validate(run_cli: CliRunner, model: Path, data: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli(
        "validate", model, "--data", data, "--label", "risk", "--positive", "1",
        "--sensitive", "sex", "--resamples", "50", *extra,
    )  # fmt: skip


def _pickle_bytes() -> bytes:
    return pickle.dumps({"coef": [0.5, 1.5]}, protocol=4)  # harmless, and never loaded


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("model.pkl", ("pickle", "ONNX")),
        ("model.joblib", ("joblib", "ONNX")),
        ("pytorch_model.bin", ("PyTorch checkpoint", "ONNX")),
        ("weights.pt", ("PyTorch checkpoint", "ONNX")),
        ("model.ckpt", ("checkpoint", "ONNX")),
        ("model.dat", ("pickle stream", "ONNX")),
    ],
)
def test_pickled_formats_are_refused_and_never_loaded(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path,
    name: str, words: tuple[str, ...],
) -> None:  # fmt: skip
    model = tmp_path / name
    model.write_bytes(_pickle_bytes())
    code, out, err = _validate(run_cli, model, credit_data)
    assert code == REFUSED and out == ""
    assert all(word in err for word in words), err


def test_a_release_needing_trust_remote_code_is_refused(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"auto_map": {"AutoModel": "x.Model"}}))
    tiny_model(tmp_path / "model.onnx")
    code, _out, err = _validate(run_cli, tmp_path, credit_data)
    assert code == REFUSED
    assert "trust_remote_code" in err and "ONNX" in err


def test_a_folder_with_only_a_pickle_names_its_format(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text("# a model\n")
    (tmp_path / "model.joblib").write_bytes(_pickle_bytes())
    code, _out, err = _validate(run_cli, tmp_path, credit_data)
    assert code == REFUSED and "joblib" in err


def test_a_custom_operator_domain_is_refused(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    code, _out, err = _validate(run_cli, custom_domain_model(tmp_path / "m.onnx"), credit_data)
    assert code == REFUSED
    assert "com.example.fast" in err and "standard" in err


def test_external_weights_outside_the_folder_are_refused(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (tmp_path / "outside.bin").write_bytes(b"\x00" * 8)
    model = external_weights_model(folder / "m.onnx", "../outside.bin")
    code, _out, err = _validate(run_cli, model, credit_data)
    assert code == REFUSED
    assert "../outside.bin" in err and "outside the model's folder" in err
    absolute = external_weights_model(folder / "a.onnx", str(tmp_path / "outside.bin"))
    assert _validate(run_cli, absolute, credit_data)[0] == REFUSED


def test_external_weights_inside_the_folder_run(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    import numpy

    (tmp_path / "weights.bin").write_bytes(numpy.array([0.25, 0.75], dtype="<f4").tobytes())
    model = external_weights_model(tmp_path / "m.onnx", "weights.bin")
    code, out, err = _validate(run_cli, model, credit_data, "--features", "duration")
    assert code == 0, err
    assert "accuracy" in out


def test_an_untrusted_skops_type_is_refused(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    import pandas
    import skops.io
    from sklearn.tree import DecisionTreeClassifier

    frame = pandas.read_csv(credit_data)
    tree = DecisionTreeClassifier(max_depth=2).fit(frame[["age", "duration"]], frame["risk"])
    skops.io.dump(tree, tmp_path / "tree.skops")
    code, _out, err = _validate(run_cli, tmp_path / "tree.skops", credit_data)
    assert code == REFUSED
    assert "sklearn.tree._tree.Tree" in err and "ONNX" in err


def test_a_model_over_the_memory_limit_is_stopped(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    model = memory_hungry_model(tmp_path / "hungry.onnx", 400_000_000)  # 1.6 GB of floats
    code, out, err = _validate(run_cli, model, credit_data, "--memory-limit", "768")
    assert code == RUN_FAILED and out == ""
    assert "memory limit of 768 MiB" in err and "--memory-limit" in err


def test_a_missing_column_is_named(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    model = tiny_model(tmp_path / "m.onnx")
    code, _out, err = run_cli(
        "validate", model, "--data", credit_data, "--label", "risk", "--positive", "1",
        "--sensitive", "sex,nationality",
    )  # fmt: skip
    assert code == UNREADABLE
    assert "no column 'nationality'" in err and "--sensitive" in err


def test_a_label_with_a_third_value_is_refused(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    model = tiny_model(tmp_path / "m.onnx")
    # job holds four values (0-3): not a binary label
    code, _out, err = run_cli(
        "validate", model, "--data", credit_data, "--label", "job", "--positive", "2",
        "--sensitive", "sex",
    )  # fmt: skip
    assert code == UNREADABLE
    assert "has 4 values" in err and "exactly two" in err


def test_a_group_of_size_zero_is_reported_not_hidden(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    model = tiny_model(tmp_path / "m.onnx")
    # ages are whole numbers: the bin [30.2, 30.7) holds no one
    code, out, err = run_cli(
        "validate", model, "--data", credit_data, "--label", "risk", "--positive", "1",
        "--sensitive", "age", "--bins", "age=30.2,30.7", "--format", "json", "--resamples", "50",
    )  # fmt: skip
    assert code == 0
    groups = {item["group"]: item for item in json.loads(out)["partitions"][0]["groups"]}
    assert groups["[30.2, 30.7)"]["size"] == 0 and groups["[30.2, 30.7)"]["metrics"] == {}
    assert sum(item["size"] for item in groups.values()) == 1000
    assert "[30.2, 30.7) has 0 rows" in err


def test_an_empty_sensitive_column_is_refused(
    run_cli: CliRunner, validate_extra: None, tmp_path: Path
) -> None:
    data = tmp_path / "data.csv"
    data.write_text("risk,age,group\n1,30,\n0,40,\n1,50,\n", encoding="utf-8")
    code, _out, err = run_cli(
        "validate", tiny_model(tmp_path / "m.onnx"), "--data", data, "--label", "risk",
        "--positive", "1", "--sensitive", "group",
    )  # fmt: skip
    assert code == UNREADABLE and "0 rows" in err


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--fail-if", "parity < 0.8"), "METRIC[@ATTRIBUTE] OP NUMBER"),
        (("--bins", "age=young"), "--bins"),
        (("--metrics", "accuracy,luck"), "unknown --metrics luck"),
        (("--threshold", "1.5"), "between 0 and 1"),
    ],
)
def test_bad_options_are_usage_errors(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path,
    extra: tuple[str, ...], words: str,
) -> None:  # fmt: skip
    code, _out, err = _validate(run_cli, tiny_model(tmp_path / "m.onnx"), credit_data, *extra)
    assert code == USAGE and words in err


def test_missing_files_cannot_be_read(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    assert _validate(run_cli, tmp_path / "none.onnx", credit_data)[0] == UNREADABLE
    code, _out, err = _validate(run_cli, tiny_model(tmp_path / "m.onnx"), tmp_path / "none.csv")
    assert code == UNREADABLE and "no such data file" in err


def test_a_model_that_never_ends_is_stopped_at_the_wall_clock_limit(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    from onnx_builders import endless_model

    model = endless_model(tmp_path / "endless.onnx")
    code, out, err = _validate(run_cli, model, credit_data, "--timeout", "4")
    assert code == RUN_FAILED and out == ""
    assert "wall-clock limit of 4 s" in err and "--timeout" in err


def test_a_model_over_the_cpu_limit_is_stopped(
    run_cli: CliRunner, validate_extra: None, credit_data: Path, tmp_path: Path
) -> None:
    from onnx_builders import endless_model

    model = endless_model(tmp_path / "endless.onnx")
    code, _out, err = _validate(run_cli, model, credit_data, "--cpu-limit", "2")
    assert code == RUN_FAILED
    assert "CPU-time limit of 2 s" in err
