"""Fixtures for validation tests: the German Credit file (read in place from the corpus) and
models trained on it by ``fixture_models.py``, written once per session to a temporary folder."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_models import german_credit, write_release, write_skops

from opengrade.cli import main

_NEEDED = ("onnxruntime", "onnx", "fairlearn", "sklearn", "skops", "pandas", "skl2onnx")


def _extra_missing() -> str | None:
    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    return ", ".join(missing) or None


# Outside CI, without the 'validate' extra, the modules that import its libraries are not
# collected (the fixtures below skip the rest, with a reason); in CI a missing extra fails.
collect_ignore_glob = ["test_*.py"] if _extra_missing() and os.environ.get("CI") != "true" else []


@pytest.fixture(scope="session")
def validate_extra() -> None:
    """Skip outside CI when the 'validate' extra (and skl2onnx) is not installed."""
    missing = _extra_missing()
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"needs pip install -e '.[dev,validate]' ({missing} missing)")


@pytest.fixture(scope="session")
def credit_data(corpus: Path) -> Path:
    """The German Credit CSV in the corpus (never copied)."""
    path = german_credit(corpus)
    if not path.is_file():
        pytest.fail(f"{path} is missing from the corpus")
    return path


@pytest.fixture(scope="session")
def release_folder(
    validate_extra: None, credit_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A release folder with a card and an ONNX gradient-boosting model."""
    return write_release(credit_data, tmp_path_factory.mktemp("validation") / "release")


@pytest.fixture(scope="session")
def onnx_model(release_folder: Path) -> Path:
    """The ONNX model in the release folder."""
    return release_folder / "model.onnx"


@pytest.fixture(scope="session")
def skops_model(
    validate_extra: None, credit_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A logistic-regression pipeline saved with skops."""
    return write_skops(credit_data, tmp_path_factory.mktemp("skops") / "model.skops")


CliRunner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``opengrade`` with arguments; returns (exit code, stdout, stderr)."""

    def run(*arguments: str | Path) -> tuple[int, str, str]:
        code = main([str(item) for item in arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
