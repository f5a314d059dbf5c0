"""The pipeline, as a list of steps: source → snapshot → evidence → licenses → frameworks → report."""

from __future__ import annotations

from opengrade.evidence import extract_evidence
from opengrade.model import Evidence, ReleaseSnapshot
from opengrade.sources.resolve import open_source


def inspect(
    target: str, *, revision: str | None = None
) -> tuple[ReleaseSnapshot, tuple[Evidence, ...]]:
    """Read ``target`` and extract every piece of evidence from it."""
    snapshot = open_source(target, revision=revision).read()
    return snapshot, extract_evidence(snapshot)
