"""The output formats of ``opengrade check``, by ``--format`` name (one line per format).

Each takes the :class:`CheckRun` and the repository root that paths are made relative to.
Formats never compute a verdict; GitHub's step summary is written beside its annotations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from opengrade.policy.model import CheckRun

Renderer = Callable[[CheckRun, Path], str]


def check_formats() -> Mapping[str, Renderer]:
    """Every ``opengrade check`` format by name."""
    from opengrade.policy.formats.github import render_github
    from opengrade.policy.formats.gitlab import render_gitlab
    from opengrade.policy.formats.json_result import render_json
    from opengrade.policy.formats.junit import render_junit
    from opengrade.policy.formats.sarif import render_sarif
    from opengrade.policy.formats.text import render_text

    return {
        "text": render_text,
        "json": render_json,
        "sarif": render_sarif,
        "junit": render_junit,
        "github": render_github,
        "gitlab": render_gitlab,
    }


CHECK_FORMAT_NAMES = ("text", "json", "sarif", "junit", "github", "gitlab")
