"""opengrade: grade how open an AI model release really is, from evidence.

The library API (names load on first use, so ``opengrade --version`` stays fast)::

    from opengrade import LinkedInputs, assess, load_report
    report = assess("path/to/release")      # or a MOT YAML, a Hub id "org/name", or a Source
    report = assess("org/name", linked=LinkedInputs(revision="v1.0", reproducible=True))
    report.concluded, report.mof.class_, report.osaid.verdict, report.findings
    same = load_report(path_to_a_json_report)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from opengrade.errors import (
        InputError,
        LinkedInputError,
        OpengradeError,
        ReportError,
        SourceError,
    )
    from opengrade.formats.report_json import render_json
    from opengrade.formats.report_reader import load_report
    from opengrade.model.inputs import LinkedInputs
    from opengrade.model.progress import Observer, ProgressEvent, Stage
    from opengrade.model.report import Report
    from opengrade.pipeline import assess, assess_snapshot, inspect
    from opengrade.sources.interface import Source

__all__ = [
    "InputError",
    "LinkedInputError",
    "LinkedInputs",
    "Observer",
    "OpengradeError",
    "ProgressEvent",
    "Report",
    "ReportError",
    "Source",
    "SourceError",
    "Stage",
    "__version__",
    "assess",
    "assess_snapshot",
    "inspect",
    "load_report",
    "render_json",
]

_LAZY = {
    "InputError": "opengrade.errors",
    "LinkedInputError": "opengrade.errors",
    "LinkedInputs": "opengrade.model.inputs",
    "Observer": "opengrade.model.progress",
    "ProgressEvent": "opengrade.model.progress",
    "Source": "opengrade.sources.interface",
    "Stage": "opengrade.model.progress",
    "OpengradeError": "opengrade.errors",
    "ReportError": "opengrade.errors",
    "load_report": "opengrade.formats.report_reader",
    "render_json": "opengrade.formats.report_json",
    "SourceError": "opengrade.errors",
    "Report": "opengrade.model.report",
    "assess": "opengrade.pipeline",
    "assess_snapshot": "opengrade.pipeline",
    "inspect": "opengrade.pipeline",
}


def __getattr__(name: str) -> Any:
    """Load the public names lazily."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'opengrade' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
