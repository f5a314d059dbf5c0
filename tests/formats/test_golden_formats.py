"""Golden files for every format, through the CLI as a user runs it: the JSON, Markdown, HTML,
terminal text, badge and MOT YAML reports, and the CycloneDX and SPDX bills of materials.

Regenerate after an intended change with ``OPENGRADE_UPDATE_GOLDEN=1 pytest tests/formats``,
then read the diff (``git diff tests/golden``): every change must be one the change intends.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opengrade.cli import EXIT_OK, main

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "formats"
RELEASES = {
    "minilm": None,  # the PyPI release: the fixture's folder
    "meta-llama__Llama-3.1-8B": "models/meta-llama__Llama-3.1-8B",
    "deepseek-ai__DeepSeek-V3": "models/deepseek-ai__DeepSeek-V3",
    "Amber-mot": "mot/models/Amber.yml",
}
REPORTS = {"json": "json", "markdown": "md", "html": "html", "text": "txt", "badge": "svg"}
BOMS = {"cyclonedx": "cdx.json", "spdx": "spdx.json"}


def _target(name: str, corpus: Path, minilm: Path) -> list[str]:
    if RELEASES[name] is None:
        return [str(minilm), "--id", "sentence-transformers/all-MiniLM-L6-v2"]
    return [str(corpus / str(RELEASES[name]))]


def _check(relative: str, text: str) -> None:
    path = GOLDEN / relative
    if os.environ.get("OPENGRADE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {relative}: run with OPENGRADE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), relative


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main([*args, "--reproducible"]) == EXIT_OK
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(RELEASES))
@pytest.mark.parametrize("format_name", [*REPORTS, "mot"])
def test_report_format_matches_its_golden_file(
    name: str,
    format_name: str,
    corpus: Path,
    minilm_release: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["assess", *_target(name, corpus, minilm_release), "--format", format_name]
    extension = REPORTS.get(format_name, "yml")
    _check(f"{name}.{extension}", _run(capsys, *args))


@pytest.mark.parametrize("name", sorted(RELEASES))
@pytest.mark.parametrize("bom_format", sorted(BOMS))
def test_bom_matches_its_golden_file(
    name: str,
    bom_format: str,
    corpus: Path,
    minilm_release: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["bom", *_target(name, corpus, minilm_release), "--format", bom_format]
    _check(f"{name}.{BOMS[bom_format]}", _run(capsys, *args))
