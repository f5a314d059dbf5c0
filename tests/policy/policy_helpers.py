"""Shared inputs for the policy tests: the example policy, the catalogue categories that make
weights restricted or open, and a corpus release's concluded weights categories (read from the
report and the catalogue directly, not through the policy's adapter)."""

from __future__ import annotations

from pathlib import Path

from opengrade.licenses.catalog import terms
from opengrade.model import Scope
from opengrade.model.report import Report

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_POLICY = REPO / "docs" / "policy.example.toml"
RESTRICTED = frozenset(
    {
        "non-commercial",
        "research-only",
        "rail",
        "community-restricted",
        "proprietary",
        "no-derivatives",
    }
)
OPEN = frozenset({"permissive", "copyleft", "open-data", "open-content"})


def weights_categories(report: Report) -> list[str | None]:
    """The catalogue category of every license key concluded for the weights, plus None when
    the weights' openness is unknown (an unidentified license, or none at all)."""
    concluded = report.concluded_for(Scope.WEIGHTS)
    assert concluded is not None  # the weights are always concluded
    found: list[str | None] = []
    for key in concluded.keys:
        entry = terms(key)
        found.append(str(entry.category) if entry is not None else None)
    if concluded.open is None:
        found.append(None)
    return found


def corpus_folders() -> list[str]:
    """The corpus release folders, for parametrising at collection ([] when it is absent; the
    ``corpus`` fixture then skips, or fails in CI)."""
    import os

    configured = os.environ.get("OPENGRADE_CORPUS")
    root = Path(configured) if configured else REPO.parent / "shared" / "corpus"
    models = root / "models"
    return (
        sorted(path.name for path in models.iterdir() if path.is_dir()) if models.is_dir() else []
    )
