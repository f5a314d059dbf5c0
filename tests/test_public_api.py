"""The package's public API: every name in ``__all__`` resolves, and grading works through it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import opengrade


def test_every_public_name_resolves() -> None:
    for name in opengrade.__all__:
        assert getattr(opengrade, name) is not None, name


def test_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = opengrade.no_such_name  # type: ignore[attr-defined]


def test_assess_through_the_package(minilm_release: Path) -> None:
    report = opengrade.assess(str(minilm_release))
    assert isinstance(report, opengrade.Report)
    assert len(report.mof.components) == 17


def test_version_does_not_import_the_pipeline() -> None:
    code = (
        "import sys, opengrade.cli as c; c.main(['--version']); "
        "print('opengrade.pipeline' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False")


def test_format_names_match_the_registry() -> None:
    from opengrade.formats import FORMAT_NAMES, report_formats

    assert tuple(report_formats()) == FORMAT_NAMES
