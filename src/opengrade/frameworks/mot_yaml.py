"""MOT model YAML: what the Model Openness Tool accepts, for a manifest or observed components.

The document follows MOT's schema (``framework`` and ``release`` with its components), so a
result can be submitted to MOT. Components MOF does not know are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from opengrade.errors import FormatError
from opengrade.frameworks.mof_framework import MOF_NAME, MofFramework, load_mof
from opengrade.frameworks.mot_licenses import UNLICENSED
from opengrade.model.assessment import ComponentObservation
from opengrade.model.release import Manifest


def to_mot_yaml(
    source: Manifest | Sequence[ComponentObservation],
    *,
    name: str = "",
    producer: str = "",
    framework: MofFramework | None = None,
) -> str:
    """A MOT model YAML (accepted by MOT's schema) for a manifest or for observed components.

    From observations, only present MOF components are written, with their license (or
    ``unlicensed``); ``name`` is required then. Components MOF does not know are left out.
    """
    framework = framework or load_mof()
    if isinstance(source, Manifest):
        release = _manifest_release(source, framework)
        version = source.framework_version or framework.version
    else:
        if not name:
            raise FormatError("a MOT YAML needs a release name; pass name=...")
        components = [
            _component_entry(framework, o.name, o.license or UNLICENSED, _url(o.evidence))
            for o in source
            if o.present and framework.component(o.name) is not None
        ]
        release = {"name": name, "producer": producer, "license": {}, "components": components}
        version = framework.version
    document = {
        "framework": {"name": MOF_NAME, "version": version, "date": framework.date},
        "release": release,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _manifest_release(manifest: Manifest, framework: MofFramework) -> dict[str, object]:
    release: dict[str, object] = {"name": manifest.name}
    optional = ("version", "date", "type", "architecture", "treatment", "origin")
    release |= {key: getattr(manifest, key) for key in optional if getattr(manifest, key)}
    release["producer"] = manifest.producer
    extra = ("contact", "repository", "huggingface")
    release |= {key: getattr(manifest, key) for key in extra if getattr(manifest, key)}
    release["license"] = {
        item.scope: {"name": item.name, "path": item.path} for item in manifest.licenses
    }
    known = [c for c in manifest.components if framework.component(c.name) is not None]
    release["components"] = [
        _component_entry(
            framework, c.name, c.license, c.component_path, c.license_path, c.description
        )
        for c in known
    ]
    return release


def _component_entry(
    framework: MofFramework,
    name: str,
    license_key: str | None,
    component_path: str | None = None,
    license_path: str | None = None,
    description: str = "",
) -> dict[str, str]:
    component = framework.component(name)
    entry = {
        "name": name,
        "description": description or (component.description if component else ""),
    }
    if component_path:
        entry["component_path"] = component_path
    if license_key is not None:  # None: no own license, the global ones apply
        entry["license"] = license_key
    if license_path:
        entry["license_path"] = license_path
    return entry


def _url(evidence: Sequence[str]) -> str | None:
    return next((item for item in evidence if item.startswith(("https://", "http://"))), None)
