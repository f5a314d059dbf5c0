"""Evidence from a Model Openness Tool YAML: declared components and release-wide licenses."""

from __future__ import annotations

from pathlib import PurePath

from opengrade.model import (
    Evidence,
    FileKind,
    Provenance,
    ReleaseSnapshot,
    Scope,
)
from opengrade.model.evidence_payloads import Component, DeclarationVia, DeclaredLicense

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
                DeclaredLicense(
                    _SCOPE_OF_MOT_LICENSE.get(item.scope, Scope.RELEASE),
                    item.name,
                    DeclarationVia.MANIFEST,
                    mot_scope=item.scope,
                    url=item.path,
                ),
                Provenance(path=path, line=item.line, field=f"release.license.{item.scope}.name"),
            )
        )
    for index, component in enumerate(manifest.components):
        found.append(
            Evidence(
                Component(
                    component.name,
                    component.license or "",
                    license_path=component.license_path,
                    component_path=component.component_path,
                ),
                Provenance(path=path, line=component.line, field=f"release.components[{index}]"),
            )
        )
    return found
