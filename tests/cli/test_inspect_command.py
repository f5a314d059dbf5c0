"""``opengrade inspect``: exit codes, formats and output on real releases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from opengrade.cli import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main


def test_inspect_minilm_json_lists_weights_license_datasets_and_base(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(minilm_release), "--format", "json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    evidence = report["evidence"]
    weights = [
        item
        for item in evidence
        if item["kind"] == "artifact" and item["value"] == "model.safetensors"
    ]
    assert len(weights) == 1
    assert weights[0]["status"] == "verified"
    assert weights[0]["details"]["dtype"] == "F32"
    assert weights[0]["details"]["parameters"] > 20_000_000
    declared = {item["value"] for item in evidence if item["kind"] == "license-declared"}
    assert "apache-2.0" in declared
    datasets = {item["subject"] for item in evidence if item["kind"] == "dataset"}
    assert len(datasets) >= 20
    bases = {item["subject"] for item in evidence if item["kind"] == "lineage"}
    assert "nreimers/MiniLM-L6-H384-uncased" in bases


def test_inspect_text_groups_items_with_provenance(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(minilm_release)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Artifacts (" in out
    assert "README.md:" in out


def test_inspect_writes_file_with_output_option(minilm_release: Path, tmp_path: Path) -> None:
    target = tmp_path / "inventory.json"
    assert main(["inspect", str(minilm_release), "--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["release"]["source"] == "local"


def test_missing_path_exits_3_with_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(tmp_path / "nothing-here")]) == EXIT_UNREADABLE
    assert "does not exist" in capsys.readouterr().err


def test_empty_directory_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(tmp_path)]) == EXIT_UNREADABLE
    assert capsys.readouterr().err.strip()


def test_plain_file_is_not_a_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = tmp_path / "weights.bin"
    stray.write_bytes(b"\0" * 16)
    assert main(["inspect", str(stray)]) == EXIT_UNREADABLE
    assert "not a release" in capsys.readouterr().err


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", ".", "--format", "yaml"]) == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err


def test_no_command_is_usage_error() -> None:
    assert main([]) == EXIT_USAGE


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("opengrade ")
    assert main(["inspect", "--help"]) == EXIT_OK
    assert "TARGET" in capsys.readouterr().out.upper()


def test_console_entry_point_runs_as_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "opengrade", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("opengrade ")


@pytest.mark.corpus
def test_inspect_runs_on_every_corpus_release(corpus: Path) -> None:
    from opengrade.pipeline import inspect

    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    assert len(folders) >= 49
    for folder in folders:
        snapshot, evidence = inspect(str(folder))
        assert snapshot.files, folder.name
        assert any(item.kind == "card" for item in evidence) or not any(
            file.kind == "card" for file in snapshot.files
        ), folder.name


@pytest.mark.corpus
def test_inspect_runs_on_every_mot_yaml(corpus: Path) -> None:
    from opengrade.pipeline import inspect

    files = sorted((corpus / "mot" / "models").glob("*.yml")) + sorted(
        (corpus / "mot" / "test_data").glob("*.yml")
    )
    assert len(files) == 273 + 27
    for path in files:
        snapshot, evidence = inspect(str(path))
        assert snapshot.manifest is not None, path.name
        assert any(item.kind == "component" for item in evidence) or not (
            snapshot.manifest.components
        ), path.name
