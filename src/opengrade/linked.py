"""Linked releases: code repositories (``--code DIR``), whose code files and licenses count for
the release's code components with provenance naming the repository; and base models, whose
binding terms the release inherits for its weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from opengrade.evidence import artifacts, license_files
from opengrade.licenses.conclude import conclude, is_open, is_policy
from opengrade.model import (
    ArtifactKind,
    Evidence,
    Provenance,
    ReleaseSnapshot,
    Scope,
    Status,
)
from opengrade.model.evidence_payloads import ArtifactFact, IdentifiedLicense, Lineage
from opengrade.model.findings import InheritedLicense
from opengrade.model.licensing import INHERITED_VIA, LicenseSource, LicenseUse, Licensing

_CODE_KINDS = {
    ArtifactKind.ARCHITECTURE_CODE,
    ArtifactKind.TRAINING_CODE,
    ArtifactKind.EVALUATION_CODE,
    ArtifactKind.PREPROCESSING_CODE,
    ArtifactKind.INFERENCE_CODE,
    ArtifactKind.CODE,
    ArtifactKind.NOTEBOOK,
}


def code_evidence(code: Sequence[ReleaseSnapshot]) -> tuple[Evidence, ...]:
    """Code-file evidence from each linked repository, its paths prefixed with the repo id."""
    found: list[Evidence] = []
    for repository in code:
        for item in artifacts.extract(repository):
            if isinstance(item.payload, ArtifactFact) and item.payload.kind in _CODE_KINDS:
                where = replace(item.provenance, path=f"{repository.id}:{item.provenance.path}")
                found.append(replace(item, provenance=where, status=Status.VERIFIED))
    return tuple(found)


def code_licensing(repository: ReleaseSnapshot) -> tuple[Licensing, tuple[Evidence, ...]]:
    """The licenses of a linked code repository, re-scoped to the release's code."""
    evidence = tuple(license_files.extract(repository))
    licensing, identified = conclude(repository, evidence)
    uses = tuple(
        replace(
            use,
            scope=Scope.CODE,
            raw=f"{repository.id}:{use.raw}",
            provenance=replace(use.provenance, path=f"{repository.id}:{use.provenance.path}"),
            open=None if use.key is None or is_policy(use.key) else is_open(use.key, Scope.CODE),
        )
        for use in licensing.uses
        if use.scope in (Scope.RELEASE, Scope.CODE)
    )
    prefixed = tuple(
        replace(
            item,
            payload=(
                replace(item.payload, scope=Scope.CODE)
                if isinstance(item.payload, IdentifiedLicense)
                else item.payload
            ),
            provenance=replace(item.provenance, path=f"{repository.id}:{item.provenance.path}"),
        )
        for item in identified
    )
    return Licensing(uses=uses), prefixed


def with_inherited(
    licensing: Licensing, binding: Sequence[InheritedLicense], evidence: Sequence[Evidence]
) -> Licensing:
    """``licensing`` plus, for the weights, each base license that binds the release."""
    declared_at = {
        item.payload.base.lower(): item.provenance
        for item in evidence
        if isinstance(item.payload, Lineage)
    }
    inherited = tuple(
        LicenseUse(
            key=base.license,
            scope=Scope.WEIGHTS,
            source=LicenseSource.DECLARED,
            raw=f"inherited from {base.base} ({base.clause})",
            provenance=declared_at.get(base.base.lower(), Provenance(url=base.reference)),
            open=is_open(base.license, Scope.WEIGHTS) if base.license else None,
            via=INHERITED_VIA,
        )
        for base in binding
    )
    return Licensing(licensing.uses + inherited, licensing.conflicts)
