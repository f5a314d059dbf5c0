"""``opengrade license``: identify, show and list, with every exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_bad_input import GRANT

from opengrade.cli import main


@pytest.fixture
def mit_file(tmp_path: Path) -> Path:
    path = tmp_path / "LICENSE"
    path.write_text("MIT License\n\nCopyright (c) 2031 Example\n\n" + GRANT, encoding="utf-8")
    return path


def test_identify_text(mit_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "identify", str(mit_file)]) == 0
    out = capsys.readouterr().out
    assert "MIT" in out and "lines 1-" in out


def test_identify_json_shape(
    mit_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "NOTES"
    other.write_text("Nothing about licensing lives in this note at all, only travel plans.\n")
    assert main(["license", "identify", "--format", "json", str(mit_file), str(other)]) == 0
    first, second = json.loads(capsys.readouterr().out)
    assert first["path"] == str(mit_file)
    assert first["matches"][0]["key"] == "MIT"
    assert set(first["matches"][0]) >= {"key", "confidence", "start_line", "end_line"}
    assert 0 <= first["matches"][0]["confidence"] <= 1
    assert second["matches"] == [] and "candidates" in second and second["problem"] is None


def test_identify_unreadable_file_exits_3(
    mit_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["license", "identify", str(mit_file), str(tmp_path / "missing")])
    assert code == 3
    assert "cannot read" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "identify"]) == 2
    assert main(["license", "identify", "--format", "yaml", "x"]) == 2
    assert main(["license"]) == 2
    assert main(["license", "identify", "x", "--reference-dir", str(tmp_path / "no")]) == 2
    capsys.readouterr()


def test_show_text_has_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "show", "llama3.1"]) == 0
    out = capsys.readouterr().out
    assert "700 million" in out and "s.2" in out


def test_show_json_and_alias(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "show", "apache 2.0", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["key"] == "Apache-2.0" and data["osi_approved"] is True
    assert data["sources"]["osi_approved"]


def test_show_unknown_key_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "show", "no-such-license"]) == 2
    assert "license list" in capsys.readouterr().err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["license", "list", "--format", "json"]) == 0
    keys = {row["key"] for row in json.loads(capsys.readouterr().out)}
    assert {"Apache-2.0", "llama3.1", "openrail++", "gemma"} <= keys
    assert main(["license", "list"]) == 0
    assert "community-restricted" in capsys.readouterr().out
