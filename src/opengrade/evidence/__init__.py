"""Evidence extractors: pure functions ``ReleaseSnapshot -> list[Evidence]``, one per concern."""

from __future__ import annotations

from collections.abc import Callable

from opengrade.model import Evidence, ReleaseSnapshot

Extractor = Callable[[ReleaseSnapshot], list[Evidence]]


def extractors() -> tuple[Extractor, ...]:
    """Every extractor, in the order their evidence is listed."""
    from opengrade.evidence import (
        artifacts,
        checkpoints,
        claims,
        datasets,
        license_files,
        lineage,
        links,
        manifest,
        model_card,
    )

    return (
        model_card.extract,
        license_files.extract,
        artifacts.extract,
        checkpoints.extract,
        datasets.extract,
        links.extract,
        claims.extract,
        lineage.extract,
        manifest.extract,
    )


def extract_evidence(snapshot: ReleaseSnapshot) -> tuple[Evidence, ...]:
    """All evidence about a release, from every extractor."""
    found: list[Evidence] = []
    for extract in extractors():
        found.extend(extract(snapshot))
    return tuple(found)
