"""Every exit code the README documents, exercised through the CLI (one case per meaning)."""

from __future__ import annotations

import re
from collections.abc import Callable
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

README = Path(__file__).resolve().parents[2] / "README.md"


def _unwritable(tmp_path: Path) -> str:
    """A path whose parent is a regular file: no user, root included, can create it."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    return str(blocker / "report.json")


CASES: dict[str, tuple[int, Callable[[Path, Path, Path], list[str]], str]] = {
    "done": (EXIT_OK, lambda minilm, corpus, tmp: ["assess", str(minilm)], ""),
    "findings at --fail-on": (
        EXIT_FINDINGS,
        lambda minilm, corpus, tmp: [
            "assess",
            str(corpus / "models" / "mattshumer__Reflection-Llama-3.1-70B"),
            "--fail-on",
            "high",
        ],
        "",
    ),
    "--strict and unverified": (
        EXIT_FINDINGS,
        lambda minilm, corpus, tmp: [
            "assess",
            str(corpus / "models" / "allenai__OLMo-7B"),
            "--strict",
        ],
        "",
    ),
    "bad option": (EXIT_USAGE, lambda minilm, corpus, tmp: ["assess", "--no-such"], "error"),
    "unreadable --code": (
        EXIT_USAGE,
        lambda minilm, corpus, tmp: ["assess", str(minilm), "--code", str(tmp / "absent")],
        "--code",
    ),
    "--revision on a local path": (
        EXIT_USAGE,
        lambda minilm, corpus, tmp: ["assess", str(minilm), "--revision", "v1"],
        "Hub ids only",
    ),
    "unwritable assess -o": (
        EXIT_USAGE,
        lambda minilm, corpus, tmp: ["assess", str(minilm), "-o", _unwritable(tmp)],
        "cannot write",
    ),
    "unwritable inspect -o": (
        EXIT_USAGE,
        lambda minilm, corpus, tmp: ["inspect", str(minilm), "-o", _unwritable(tmp)],
        "cannot write",
    ),
    "unwritable bom -o": (
        EXIT_USAGE,
        lambda minilm, corpus, tmp: ["bom", str(minilm), "-o", _unwritable(tmp)],
        "cannot write",
    ),
    "no such release": (
        EXIT_UNREADABLE,
        lambda minilm, corpus, tmp: ["assess", str(tmp / "absent")],
        "does not exist",
    ),
    "empty directory": (
        EXIT_UNREADABLE,
        lambda minilm, corpus, tmp: ["assess", str(tmp)],
        "cannot read",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_exit_code(
    case: str,
    minilm_release: Path,
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, arguments, message = CASES[case]
    work = tmp_path / "work"
    work.mkdir()
    assert main(arguments(minilm_release, corpus, work)) == code
    assert message in capsys.readouterr().err


def test_an_internal_error_exits_4_with_a_request_to_report_it(
    minilm_release: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("opengrade.formats.report_json.report_to_dict", broken)
    assert main(["assess", str(minilm_release), "--format", "json"]) == EXIT_INTERNAL
    assert "please report it" in capsys.readouterr().err


def test_every_documented_code_is_exercised() -> None:
    table = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n\n")[1]
    documented = {int(code) for code in re.findall(r"^\| (\d) \|", table, re.MULTILINE)}
    exercised = {code for code, _, _ in CASES.values()} | {EXIT_INTERNAL}
    assert documented == exercised == {0, 1, 2, 3, 4}
