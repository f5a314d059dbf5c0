"""``opengrade validate`` end to end on the German Credit fixture model: formats, ``--fail-if``,
reproducible bytes, and the BOMs that carry the results (validated: schema, SHACL)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import jsonschema
import pytest

from conftest import CliRunner
from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
from opengrade.bom.validate import validate_cyclonedx, validate_spdx

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "validation.schema.json"


def _arguments(model: Path, data: Path, *extra: str) -> list[str | Path]:
    return [
        "validate", model, "--data", data, "--label", "risk", "--positive", "1",
        "--sensitive", "sex,age", "--resamples", "200", *extra,
    ]  # fmt: skip


def test_json_report_follows_its_schema_and_is_reproducible(
    run_cli: CliRunner, release_folder: Path, credit_data: Path
) -> None:
    arguments = _arguments(release_folder, credit_data, "--format", "json", "--reproducible")
    code, first, _err = run_cli(*arguments)
    assert code == 0
    assert run_cli(*arguments)[1] == first
    document = json.loads(first)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert "created" not in document
    assert document["data"]["sha256"] == hashlib.sha256(credit_data.read_bytes()).hexdigest()
    model_bytes = (release_folder / "model.onnx").read_bytes()
    assert document["model"]["sha256"] == hashlib.sha256(model_bytes).hexdigest()
    assert document["data"]["rows"] == 1000 and document["settings"]["threshold"] == 0.5
    assert {"fairlearn", "onnxruntime", "scikit-learn"} <= set(document["libraries"])
    assert document["partitions"][1]["bin_edges"] == [27.0, 33.0, 42.0]


def test_fail_if_exits_one_and_echoes_the_condition(
    run_cli: CliRunner, release_folder: Path, credit_data: Path
) -> None:
    code, out, _err = run_cli(
        *_arguments(release_folder, credit_data, "--fail-if", "demographic_parity_ratio < 0.99")
    )
    assert code == 1
    assert "demographic_parity_ratio < 0.99 on sex:" in out and "FAILED" in out
    passing = run_cli(*_arguments(release_folder, credit_data, "--fail-if", "accuracy < 0.1"))
    assert passing[0] == 0 and "accuracy < 0.1 on overall:" in passing[1]


def test_markdown_and_html_show_every_group(
    run_cli: CliRunner, release_folder: Path, credit_data: Path, tmp_path: Path
) -> None:
    code, markdown, _err = run_cli(*_arguments(release_folder, credit_data, "--format", "markdown"))
    assert code == 0
    assert "## By sex × age" in markdown and "| sex=female & age=[19, 27) | 125 |" in markdown
    output = tmp_path / "report.html"
    assert (
        run_cli(*_arguments(release_folder, credit_data, "--format", "html", "-o", output))[0] == 0
    )
    html = output.read_text(encoding="utf-8")
    assert html.count("<svg") == 3 * 3 and "<script" not in html
    assert "selection_rate by age" in html


def test_cyclonedx_bom_carries_the_results(
    run_cli: CliRunner, release_folder: Path, credit_data: Path, tmp_path: Path
) -> None:
    bom = tmp_path / "bom.json"
    code, out, err = run_cli(
        *_arguments(release_folder, credit_data, "--format", "json", "--bom", bom)
    )
    assert code == 0, err
    document = json.loads(bom.read_text(encoding="utf-8"))
    validate_cyclonedx(document)
    report = json.loads(out)
    card = document["metadata"]["component"]["modelCard"]
    metrics = card["quantitativeAnalysis"]["performanceMetrics"]
    accuracy = next(m for m in metrics if m["type"] == "accuracy" and m["slice"] == "overall")
    expected = report["overall"]["accuracy"]
    assert float(accuracy["value"]) == pytest.approx(expected["value"], abs=5e-4)
    assert float(accuracy["confidenceInterval"]["lowerBound"]) == pytest.approx(
        expected["low"], abs=5e-4
    )
    assert any(m["slice"].startswith("sex: female (n=310)") for m in metrics)
    assessments = card["considerations"]["fairnessAssessments"]
    assert {item["groupAtRisk"].split(":")[0] for item in assessments} == {
        "sex",
        "age",
        "sex × age",
    }
    data = next(item for item in document["components"] if item["type"] == "data")
    assert data["hashes"] == [{"alg": "SHA-256", "content": report["data"]["sha256"]}]
    assert {"ref": data["bom-ref"]} in card["modelParameters"]["datasets"]


@pytest.mark.skipif(
    not shacl_available() and os.environ.get("CI") != "true",
    reason="pyshacl is not installed (pip install '.[shacl]'); CI requires it",
)
def test_spdx_bom_carries_the_results_and_passes_shacl(
    run_cli: CliRunner, release_folder: Path, credit_data: Path, tmp_path: Path
) -> None:
    bom = tmp_path / "bom.spdx.json"
    extra = ("--bom", bom, "--bom-format", "spdx", "--fail-if", "demographic_parity_ratio < 0.5")
    code, _out, err = run_cli(*_arguments(release_folder, credit_data, *extra))
    assert code == 0, err
    document = json.loads(bom.read_text(encoding="utf-8"))
    validate_spdx(document)
    validate_spdx_shacl(document)
    graph = document["@graph"]
    model = next(node for node in graph if node["type"] == "ai_AIPackage")
    assert {entry["key"] for entry in model["ai_metric"]} >= {"accuracy", "roc_auc"}
    thresholds = {entry["key"]: entry["value"] for entry in model["ai_metricDecisionThreshold"]}
    assert thresholds == {"decision_threshold": "0.5", "demographic_parity_ratio": "0.5"}
    dataset = next(node for node in graph if node["type"] == "dataset_DatasetPackage")
    assert (
        dataset["verifiedUsing"][0]["hashValue"]
        == hashlib.sha256(credit_data.read_bytes()).hexdigest()
    )
    tested = [node for node in graph if node.get("relationshipType") == "testedOn"]
    assert [(node["from"], node["to"]) for node in tested] == [
        (model["spdxId"], [dataset["spdxId"]])
    ]


def test_an_unwritable_bom_path_is_a_usage_error(
    run_cli: CliRunner, release_folder: Path, credit_data: Path, tmp_path: Path
) -> None:
    bom = tmp_path / "missing-folder" / "bom.json"
    code, _out, err = run_cli(*_arguments(release_folder, credit_data, "--bom", bom))
    assert code == 2 and "cannot write" in err and not bom.exists()


def test_assess_shows_the_recorded_validation_beside_the_card_results(
    run_cli: CliRunner, credit_data: Path, tmp_path: Path
) -> None:
    from fixture_models import write_release

    release = write_release(credit_data, tmp_path / "release")
    record = release / "opengrade-validation.json"
    arguments = _arguments(release, credit_data, "--format", "json", "-o", record)
    assert run_cli(*arguments)[0] == 0
    accuracy = json.loads(record.read_text(encoding="utf-8"))["overall"]["accuracy"]
    code, out, _err = run_cli("assess", release, "--format", "json", "--reproducible")
    assert code == 0
    items = {
        item["id"]: item
        for checklist in json.loads(out)["checklists"]
        for item in checklist["items"]
    }
    validation = items["independent-validation"]
    assert validation["status"] == "met" and validation["evidence"] == [record.name]
    assert f"accuracy {accuracy['value']:.3f} [{accuracy['low']:.3f}" in validation["reason"]
    assert "german_credit.csv (1000 rows" in validation["reason"]
    assert items["evaluation-results"]["status"] == "met"  # the card's own section, beside it
    assert items["data-information"]["status"] == "not_met"  # the record is not training data
