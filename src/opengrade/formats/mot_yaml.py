"""MOT model YAML: what the Model Openness Tool accepts, for a manifest or observed components.

The document follows MOT's schema (``framework`` and ``release`` with its components), so a
result can be submitted to MOT. The framework's name, version, date and component descriptions
come from the MOF grade (:class:`~opengrade.model.assessment.MofResult`); components MOF does
not know are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from opengrade.errors import FormatError
from opengrade.model.assessment import ComponentObservation, ComponentResult, MofResult
from opengrade.model.release import Manifest

UNLICENSED = "unlicensed"
"""MOT's word for a component present without a license."""


def to_mot_yaml(
    source: Manifest | Sequence[ComponentObservation],
    mof: MofResult,
    *,
    name: str = "",
    producer: str = "",
) -> str:
    """A MOT model YAML (accepted by MOT's schema) for a manifest or for observed components,
    graded as ``mof``.

    From observations, only present MOF components are written, with their license (or
    ``unlicensed``); ``name`` is required then. Components MOF does not know are left out.
    """
    known = {item.name: item for item in mof.components}
    if isinstance(source, Manifest):
        release = _manifest_release(source, known)
        version = source.framework_version or mof.framework_version
    else:
        if not name:
            raise FormatError("a MOT YAML needs a release name; pass name=...")
        components = [
            _component_entry(known[o.name], o.license or UNLICENSED, _url(o.evidence))
            for o in source
            if o.present and o.name in known
        ]
        release = {"name": name, "producer": producer, "license": {}, "components": components}
        version = mof.framework_version
    if not mof.framework_name or not mof.framework_date:
        raise FormatError(
            "the MOF grade names no framework date (a report read back from JSON does not "
            "carry it); assess the release again to write MOT YAML"
        )
    document = {
        "framework": {"name": mof.framework_name, "version": version, "date": mof.framework_date},
        "release": release,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _manifest_release(
    manifest: Manifest, known: Mapping[str, ComponentResult]
) -> dict[str, object]:
    release: dict[str, object] = {"name": manifest.name}
    optional = ("version", "date", "type", "architecture", "treatment", "origin")
    release |= {key: getattr(manifest, key) for key in optional if getattr(manifest, key)}
    release["producer"] = manifest.producer
    extra = ("contact", "repository", "huggingface")
    release |= {key: getattr(manifest, key) for key in extra if getattr(manifest, key)}
    release["license"] = {
        item.scope: {"name": item.name, "path": item.path} for item in manifest.licenses
    }
    release["components"] = [
        _component_entry(known[c.name], c.license, c.component_path, c.license_path, c.description)
        for c in manifest.components
        if c.name in known
    ]
    return release


def _component_entry(
    component: ComponentResult,
    license_key: str | None,
    component_path: str | None = None,
    license_path: str | None = None,
    description: str = "",
) -> dict[str, str]:
    entry = {"name": component.name, "description": description or component.description}
    if component_path:
        entry["component_path"] = component_path
    if license_key is not None:  # None: no own license, the global ones apply
        entry["license"] = license_key
    if license_path:
        entry["license_path"] = license_path
    return entry


def _url(evidence: Sequence[str]) -> str | None:
    return next((item for item in evidence if item.startswith(("https://", "http://"))), None)
