"""``opengrade scan`` into a store (SQLite and PostgreSQL): failures recorded without stopping,
resuming, a changed license seen by history/diff/changes, two concurrent scans losing nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opengrade.cli import main
from opengrade.store import open_store

pytestmark = pytest.mark.corpus


def _folders(corpus: Path, count: int, start: int = 0) -> list[str]:
    return [str(path) for path in sorted((corpus / "models").iterdir())[start : start + count]]


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_a_target_list_with_bad_entries_scans_the_rest_and_records_the_failures(
    store_url: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    listing = tmp_path / "targets.txt"
    good = _folders(corpus, 3)
    listing.write_text(
        "# releases we use\n"
        + "\n".join(good)
        + f"\n\n{tmp_path / 'missing'}   # gone\n{empty}\n"
        + f"{corpus / 'mot' / 'models' / 'Amber.yml'}\n",
        encoding="utf-8",
    )
    code = main(["scan", "--from", str(listing), "--store", store_url, "--format", "json"])
    summary = _json(capsys)
    assert code == 3
    assert (summary["added"], summary["failed"], summary["total"]) == (4, 2, 6)
    with open_store(store_url) as store:
        assert store.count() == 4
        failures = {item.target: item.error for item in store.failures()}
    assert set(failures) == {str(tmp_path / "missing"), str(empty)}
    assert "does not exist" in failures[str(tmp_path / "missing")]
    assert "empty directory" in failures[str(empty)]


def test_an_interrupted_scan_resumes_where_it_stopped(
    store_url: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, rest = _folders(corpus, 3), _folders(corpus, 4, start=3)
    assert main(["scan", *first, "--store", store_url, "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["scan", *first, *rest, "--store", store_url, "--format", "json"]) == 0
    summary = _json(capsys)
    assert (summary["added"], summary["unchanged"]) == (len(rest), len(first))
    statuses = {item["target"]: item["status"] for item in summary["targets"]}  # type: ignore[union-attr]
    assert {statuses[target] for target in first} == {"unchanged"}


def test_a_license_replaced_by_a_restrictive_one_shows_in_history_diff_and_changes(
    store_url: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = tmp_path / "EleutherAI__pythia-6.9b"
    shutil.copytree(corpus / "models" / release.name, release)
    assert main(["scan", str(release), "--store", store_url]) == 0
    restrictive = corpus / "licenses" / "texts" / "CC-BY-NC-4.0.txt"
    (release / "LICENSE").write_text(restrictive.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["scan", str(release), "--store", store_url]) == 0
    capsys.readouterr()

    assert main(["history", str(release), "--store", store_url, "--format", "json"]) == 0
    history = _json(capsys)["history"]
    assert isinstance(history, list) and len(history) == 2
    assert history[0]["revision"] != history[1]["revision"]
    before, after = history[0]["concluded"]["weights"], history[1]["concluded"]["weights"]
    assert before["open"] is True and after["open"] is False

    assert main(["diff", str(release), "--store", store_url, "--format", "json"]) == 0
    (diff,) = _json(capsys)["diffs"]  # type: ignore[misc]
    changes = {item["aspect"]: item for item in diff["changes"]}
    assert changes["weights license"]["before"] == before["expression"]
    assert changes["weights license"]["after"] == after["expression"]
    assert "CC-BY-NC-4.0" in after["expression"]
    assert changes["weights license"]["evidence_after"]
    assert (changes["weights openness"]["before"], changes["weights openness"]["after"]) == (
        "open",
        "not open",
    )

    assert main(["changes", "--store", store_url, "--format", "json"]) == 0
    listed = _json(capsys)["changes"]
    assert [item["key"] for item in listed] == [diff["key"]]  # type: ignore[union-attr]
    assert main(["changes", "--since", "2999-01-01", "--store", store_url]) == 0
    assert "No release changed." in capsys.readouterr().out


def test_two_scans_writing_to_one_store_at_once_lose_nothing(store_url: str, corpus: Path) -> None:
    first, second = _folders(corpus, 30), _folders(corpus, 30, start=15)
    with open_store(store_url):
        pass  # create the schema once, as a team would before sharing the store
    command = [sys.executable, "-m", "opengrade", "scan", "--store", store_url, "--format", "json"]
    runs = [
        subprocess.Popen([*command, *targets], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for targets in (first, second)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err.decode() for _, err in outputs]
    summaries = [json.loads(out) for out, _ in outputs]
    assert sum(item["failed"] for item in summaries) == 0
    union = set(first) | set(second)
    assert sum(item["added"] for item in summaries) == len(union)
    with open_store(store_url) as store:
        grades = store.latest()
        assert len(grades) == len(union)
        assert all(len(store.history(grade.release_key)) == 1 for grade in grades)


def test_jobs_scan_in_worker_processes_with_one_writer(
    store_url: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = _folders(corpus, 6)
    assert main(["scan", *targets, "--store", store_url, "--jobs", "2", "--format", "json"]) == 0
    assert _json(capsys)["added"] == 6
    with open_store(store_url) as store:
        assert {grade.source for grade in store.latest()} == {"local"}
        assert store.count() == 6
