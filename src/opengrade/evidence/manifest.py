"""Evidence from a Model Openness Tool YAML: declared components and release-wide licenses."""

from __future__ import annotations

from pathlib import PurePath

from opengrade.model import (
    Evidence,
    EvidenceKind,
    FileKind,
    Provenance,
    ReleaseSnapshot,
    Scope,
)

_SCOPE_OF_MOT_LICENSE = {
    "distribution": Scope.RELEASE,
    "code": Scope.CODE,
    "data": Scope.DATA,
    "document": Scope.DOCS,
}


def _manifest_name(snapshot: ReleaseSnapshot) -> str:
    """The YAML's file name (``Amber.yml``): the same however the path was typed."""
    listed = next((item.path for item in snapshot.files if item.kind is FileKind.LISTING), None)
    return listed or PurePath(snapshot.location).name


def extract(snapshot: ReleaseSnapshot) -> list[Evidence]:
    """COMPONENT evidence per declared component and LICENSE_DECLARED per global license."""
    manifest = snapshot.manifest
    if manifest is None:
        return []
    path = _manifest_name(snapshot)
    found: list[Evidence] = []
    for item in manifest.licenses:
        if not item.name:
            continue
        found.append(
            Evidence(
                kind=EvidenceKind.LICENSE_DECLARED,
                subject=_SCOPE_OF_MOT_LICENSE.get(item.scope, Scope.RELEASE),
                value=item.name,
                provenance=Provenance(
                    path=path, line=item.line, field=f"release.license.{item.scope}.name"
                ),
                details={"via": "manifest", "mot_scope": item.scope, "url": item.path},
            )
        )
    for index, component in enumerate(manifest.components):
        found.append(
            Evidence(
                kind=EvidenceKind.COMPONENT,
                subject=component.name,
                value=component.license or "",
                provenance=Provenance(
                    path=path, line=component.line, field=f"release.components[{index}]"
                ),
                details={
                    "license_path": component.license_path,
                    "component_path": component.component_path,
                },
            )
        )
    return found
