"""``inventory`` (text, JSON, CSV, filters, --uses), ``export`` (the auditor export with its
policy columns) and ``history``/``diff`` usage errors, on a store holding real grades."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from opengrade.cli import main
from opengrade.formats.portfolio import POLICY_COLUMNS

pytestmark = pytest.mark.corpus

FOLDERS = ("EleutherAI__pythia-6.9b", "google__gemma-2b-it", "tiiuae__falcon-40b")


@pytest.fixture
def filled_store(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    store = str(tmp_path / "inventory.db")
    targets = [str(corpus / "models" / name) for name in FOLDERS]
    assert main(["scan", *targets, "--store", store]) == 0
    capsys.readouterr()
    return store


def test_inventory_formats_agree(filled_store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inventory", "--store", filled_store, "--format", "json"]) == 0
    releases = json.loads(capsys.readouterr().out)["releases"]
    assert main(["inventory", "--store", filled_store, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["release"] for row in rows] == [item["release"] for item in releases]
    for row, item in zip(rows, releases, strict=True):
        weights = item["concluded"]["weights"]
        assert row["weights_license"] == (weights["expression"] or "unknown")
        assert row["osaid"] == item["osaid"]
    assert main(["inventory", "--store", filled_store]) == 0
    text = capsys.readouterr().out
    assert text.endswith(f"{len(releases)} releases\n")


def test_inventory_filters_on_weights_openness(
    filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inventory", "--store", filled_store, "--format", "json"]) == 0
    everything = json.loads(capsys.readouterr().out)["releases"]
    assert (
        main(["inventory", "--store", filled_store, "--open-weights", "false", "--format", "json"])
        == 0
    )
    closed = json.loads(capsys.readouterr().out)["releases"]
    assert closed and len(closed) < len(everything)
    assert all(item["concluded"]["weights"]["open"] is False for item in closed)


@pytest.mark.parametrize("form", ["csv", "json"])
def test_the_auditor_export_carries_release_revision_terms_verdicts_and_policy_columns(
    form: str, filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--store", filled_store, "--format", form]) == 0
    out = capsys.readouterr().out
    if form == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert set(POLICY_COLUMNS) <= set(rows[0])
        assert all(row["revision"].startswith("sha256:") for row in rows)
    else:
        rows = json.loads(out)["audit"]
        assert all(set(row["policy"]) == set(POLICY_COLUMNS) for row in rows)
    assert len(rows) == len(FOLDERS)


def test_history_of_an_unknown_release_and_a_bad_since_are_usage_errors(
    filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "nobody/nothing", "--store", filled_store]) == 2
    assert "opengrade scan" in capsys.readouterr().err
    assert main(["diff", "google/gemma-2b-it", "--from", "zzz", "--store", filled_store]) == 2
    assert "not a stored revision" in capsys.readouterr().err
    assert main(["changes", "--since", "last week", "--store", filled_store]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_scan_without_targets_or_with_a_bad_list_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "--store", str(tmp_path / "s.db")]) == 2
    assert "nothing to scan" in capsys.readouterr().err
    assert main(["scan", "--from", str(tmp_path / "none.txt")]) == 2
    assert "cannot read the target list" in capsys.readouterr().err
    assert main(["scan", "x", "--jobs", "0"]) == 2


def test_the_export_fills_the_policy_columns_from_a_policy_file(
    filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = Path(__file__).resolve().parents[2] / "docs" / "policy.example.toml"
    assert (
        main(["export", "--store", filled_store, "--format", "json", "--policy", str(policy)]) == 0
    )
    rows = {row["release"]: row["policy"] for row in json.loads(capsys.readouterr().out)["audit"]}
    results = {release: row["policy_result"] for release, row in rows.items()}
    # gemma's weights are under use-restricting terms: the example policy fails them
    assert any(result == "fail" for name, result in results.items() if "gemma" in name), results
    assert all(result for result in results.values())


def test_the_export_refuses_a_bad_policy(
    filled_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "opengrade.toml"
    bad.write_text("version = 1\nno_such_key = true\n")
    assert main(["export", "--store", filled_store, "--policy", str(bad)]) == 2
    assert "no_such_key" in capsys.readouterr().err
