"""``opengrade assess``: formats, exit codes and the --fail-on policy on real releases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade.cli import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    main,
)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["assess", *args, "--format", "json"]) == EXIT_OK
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_minilm_json_follows_the_contract(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _json(capsys, str(minilm_release))
    assert report["schema_version"] == "1.1"
    mof = report["mof"]
    assert isinstance(mof, dict)
    assert set(mof["progress"]) == {"I", "II", "III"}
    assert len(mof["components"]) == 17
    final = next(c for c in mof["components"] if c["name"] == "Model parameters (Final)")
    assert final["status"] == "open"
    assert final["license"] == "Apache-2.0"
    osaid = report["osaid"]
    assert isinstance(osaid, dict)
    assert osaid["verdict"] in {"conformant", "not-conformant", "unverified"}
    licenses = report["licenses"]
    assert isinstance(licenses, list)
    expected = {"key": "Apache-2.0", "scope": "release", "source": "declared", "open": True}
    assert expected.items() <= licenses[0].items()


def test_reproducible_output_is_byte_identical(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for _ in range(2):
        assert main(["assess", str(minilm_release), "--format", "json", "--reproducible"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "generated_at" not in json.loads(outputs[0])


@pytest.mark.parametrize("name", ["text", "markdown", "html", "badge", "mot"])
def test_every_format_renders_minilm(
    name: str, minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(minilm_release), "--format", name]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.strip()
    if name == "html":
        assert out.startswith("<!DOCTYPE html>") and "<script" not in out
    if name == "badge":
        assert out.startswith("<svg") and "OSAID" in out


@pytest.mark.corpus
def test_fail_on_high_exits_1_for_restricted_release_claiming_open(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = corpus / "models" / "mattshumer__Reflection-Llama-3.1-70B"
    assert main(["assess", str(release), "--fail-on", "high"]) == EXIT_FINDINGS
    assert "high" in capsys.readouterr().out


def test_fail_on_passes_when_no_finding(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(minilm_release), "--fail-on", "low"]) == EXIT_OK
    capsys.readouterr()


@pytest.mark.corpus
def test_strict_alone_fails_an_unverified_verdict(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = corpus / "models" / "allenai__OLMo-7B"
    report = _json(capsys, str(release))
    assert report["osaid"]["verdict"] == "unverified"  # type: ignore[index]
    assert main(["assess", str(release), "--strict"]) == EXIT_FINDINGS
    assert main(["assess", str(release)]) == EXIT_OK
    capsys.readouterr()


def test_strict_passes_a_decided_verdict(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _json(capsys, str(minilm_release))
    assert report["osaid"]["verdict"] != "unverified"  # type: ignore[index]
    assert main(["assess", str(minilm_release), "--strict"]) == EXIT_OK
    capsys.readouterr()


def test_revision_on_a_local_path_is_a_usage_error(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(minilm_release), "--revision", "main"]) == EXIT_USAGE
    assert "Hub ids only" in capsys.readouterr().err


def test_unreadable_base_dir_is_a_usage_error_naming_the_base(
    minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-base"
    empty.mkdir()
    assert main(["assess", str(minilm_release), "--base", str(empty)]) == EXIT_USAGE
    assert "--base" in capsys.readouterr().err


def test_an_internal_error_is_not_reported_as_findings(
    minilm_release: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("opengrade.pipeline.assess_snapshot", broken)
    assert main(["assess", str(minilm_release)]) == EXIT_INTERNAL
    assert "internal error" in capsys.readouterr().err


def test_missing_target_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(tmp_path / "absent")]) == EXIT_UNREADABLE
    assert "does not exist" in capsys.readouterr().err


def test_bad_fail_on_value_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", ".", "--fail-on", "critical"]) == EXIT_USAGE
    capsys.readouterr()


def test_code_dir_must_exist(
    minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(minilm_release), "--code", str(tmp_path / "nope")]) == EXIT_USAGE
    assert "not a directory" in capsys.readouterr().err


@pytest.mark.corpus
def test_linked_code_dir_makes_training_code_verified(
    corpus: Path, minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = tmp_path / "trainer"
    code.mkdir()
    (code / "train.py").write_text("def main() -> None:\n    pass\n")
    mit = (corpus / "licenses" / "texts" / "MIT.txt").read_text()
    (code / "LICENSE").write_text("Copyright (c) 2026 Example\n\n" + mit)
    report = _json(capsys, str(minilm_release), "--code", str(code))
    mof = report["mof"]
    assert isinstance(mof, dict)
    training = next(c for c in mof["components"] if c["name"] == "Training code")
    assert training["status"] == "open"
    assert training["license"] == "MIT"
