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
from opengrade.store import open_store
from opengrade.store.records import Grade
from opengrade.store.summary import summary_from_json, summary_to_json

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


def test_the_inventory_json_is_the_standard_librarys_indented_json(
    filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the renderer writes indented JSON itself (the standard library's indented encoder is
    # pure Python and slow); its bytes must stay exactly what json.dumps(indent=2) writes
    for command in (["inventory"], ["export"], ["history", "tiiuae/falcon-40b"]):
        assert main([*command, "--store", filled_store, "--format", "json"]) == 0
        text = capsys.readouterr().out
        data = json.loads(text)
        assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_a_listing_shares_equal_parts_of_summaries_without_changing_them(
    filled_store: str,
) -> None:
    with open_store(filled_store) as store:
        listed = store.latest()
        for grade in listed:
            history = store.history(grade.release_key)
            assert history[-1].summary == grade.summary
        shared: dict[object, object] = {}
        texts = [
            json.dumps({**json.loads(_summary_text(grade)), "release_id": name})
            for grade in listed
            for name in ("one", "two")
        ]
        parsed = [summary_from_json(text, shared) for text in texts]
        assert parsed == [summary_from_json(text) for text in texts]
        assert parsed[0].concluded is parsed[1].concluded
        assert parsed[0].frameworks is parsed[1].frameworks


def _summary_text(grade: Grade) -> str:
    return summary_to_json(grade.summary)


def test_inventory_lists_a_page_and_says_how_to_see_the_rest(
    filled_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inventory", "--store", filled_store, "--format", "json", "--limit", "2"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["releases"]) == 2
    assert "showing releases 1-2 of 3; --offset 2 for the next page" in captured.err
    assert main(["inventory", "--store", filled_store, "--format", "json", "--limit", "0"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["releases"]) == len(FOLDERS)
    assert captured.err == ""
