"""opengrade: grade how open an AI model release really is, from evidence.

The library API (names load on first use, so ``opengrade --version`` stays fast)::

    from opengrade import assess
    report = assess("path/to/release")      # or a MOT YAML, or a Hub id "org/name"
    report.mof.class_, report.osaid.verdict, report.findings
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from opengrade.errors import OpengradeError, SourceError
    from opengrade.model.report import Report
    from opengrade.pipeline import assess, assess_snapshot, inspect

__all__ = [
    "OpengradeError",
    "Report",
    "SourceError",
    "__version__",
    "assess",
    "assess_snapshot",
    "inspect",
]

_LAZY = {
    "OpengradeError": "opengrade.errors",
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
