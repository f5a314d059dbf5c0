"""The reusable GitHub Action and the pre-commit hook in the repository: their shape, and the
action's check step run for real (its script under bash, with opengrade from this checkout)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from policy_helpers import EXAMPLE_POLICY, REPO, RESTRICTED, corpus_folders, weights_categories

from opengrade.pipeline import assess


def _action() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return document


def test_the_action_is_composite_and_passes_inputs_through_the_environment() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in steps
    )
    for step in steps:
        script = step.get("run", "")
        assert "${{" not in script, step["name"]  # inputs reach scripts only as variables
        for value in step.get("env", {}).values():
            name = str(value).removeprefix("${{ inputs.").removesuffix(" }}")
            if str(value).startswith("${{ inputs."):
                assert name in action["inputs"], name


def test_the_pre_commit_hook_runs_opengrade_check() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "opengrade check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    from opengrade.cli import build_parser

    args = build_parser().parse_args(["check", "some/model", "--discover", "src"])
    assert args.handler.__module__ == "opengrade.cli.check_command"


@pytest.mark.corpus
@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's scripts need bash")
def test_the_action_check_step_annotates_writes_sarif_and_outputs(
    corpus: Path, tmp_path: Path
) -> None:
    restricted = next(
        corpus / "models" / folder
        for folder in corpus_folders()
        if RESTRICTED
        & set(filter(None, weights_categories(assess(str(corpus / "models" / folder)))))
    )
    (step,) = [step for step in _action()["runs"]["steps"] if step.get("id") == "check"]
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "TARGETS": f"{restricted}\n",
        "POLICY": str(EXAMPLE_POLICY),
        "DISCOVER": "",
        "UPLOAD_SARIF": "true",
        "SARIF_FILE": str(tmp_path / "opengrade.sarif"),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "::error file=" in done.stdout
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    assert outputs["exit-code"] == "1"
    log = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    assert summary.read_text(encoding="utf-8").startswith("## opengrade check: failed")
