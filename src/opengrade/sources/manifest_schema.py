"""The rules of MOT's schema (``schema/mof_schema.json`` in lfai/model_openness_tool), as code.

:func:`build_manifest` checks the plain data of a MOT YAML against them and types it; anything
that breaks them raises :class:`~opengrade.errors.ManifestError` naming the field.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

import yaml

from opengrade.model.release import Manifest, ManifestComponent, ManifestLicense
from opengrade.sources.manifest_yaml import Node, child, field_error, line_of

logger = logging.getLogger(__name__)

MAX_COMPONENTS = 17
FRAMEWORK_NAME = "Model Openness Framework"
LICENSE_SCOPES = ("distribution", "code", "data", "document")
COMPONENT_FIELDS = ("name", "description", "license", "license_path", "component_path")
TYPES = ("", "language", "vision", "image", "audio", "video", "3d", "code", "multimodal", "other")
ARCHITECTURES = (
    "", "transformer", "transformer decoder", "transformer encoder-decoder", "decoder",
    "encoder", "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid", "undisclosed", "other",
)  # fmt: skip
TREATMENTS = ("pre-trained", "instruct fine-tuned", "chat fine-tuned")


def _string(data: Mapping[str, object], key: str, field: str, origin: str, **rules: object) -> str:
    """The string at ``key`` ('' when absent), checked against the schema's rules."""
    if key not in data:
        if rules.get("required"):
            raise field_error(origin, f"{field}.{key}", "required field missing")
        return ""
    value = data[key]
    if not isinstance(value, str):
        raise field_error(origin, f"{field}.{key}", f"expected a string, got {_kind(value)}")
    if rules.get("nonempty") and not value:
        raise field_error(origin, f"{field}.{key}", "expected a non-empty string")
    allowed = rules.get("allowed")
    if isinstance(allowed, tuple) and value not in allowed:
        raise field_error(origin, f"{field}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
    if rules.get("date"):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise field_error(
                origin, f"{field}.{key}", f"{value!r} is not a date (YYYY-MM-DD)"
            ) from None
    return value


def _mapping(value: object, field: str, origin: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise field_error(origin, field, f"expected a mapping, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number"}
    names |= {list: "a list", dict: "a mapping", dt.date: "a date", dt.datetime: "a timestamp"}
    return names.get(type(value), type(value).__name__)


def build_manifest(data: object, node: Node, origin: str) -> Manifest:
    """``data`` (constructed from ``node``) checked against the schema and typed."""
    top = _mapping(data, "(document)", origin)
    for key in ("framework", "release"):
        if key not in top:
            raise field_error(origin, key, "required field missing")
    framework = _mapping(top["framework"], "framework", origin)
    _string(framework, "name", "framework", origin, required=True, allowed=(FRAMEWORK_NAME,))
    framework_version = _string(framework, "version", "framework", origin, required=True)
    _string(framework, "date", "framework", origin, required=True, date=True)
    release = _mapping(top["release"], "release", origin)
    release_node = child(node, "release")
    name = _string(release, "name", "release", origin, required=True, nonempty=True)
    producer = _string(release, "producer", "release", origin, required=True)
    for key in ("license", "components"):
        if key not in release:
            raise field_error(origin, f"release.{key}", "required field missing")
    return Manifest(
        name=name,
        producer=producer,
        framework_version=framework_version,
        version=_string(release, "version", "release", origin),
        date=_string(release, "date", "release", origin, date=True),
        type=_string(release, "type", "release", origin, allowed=TYPES),
        architecture=_string(release, "architecture", "release", origin, allowed=ARCHITECTURES),
        treatment=_string(release, "treatment", "release", origin, allowed=TREATMENTS),
        origin=_string(release, "origin", "release", origin),
        contact=_string(release, "contact", "release", origin),
        repository=_loose_string(release.get("repository")),
        huggingface=_loose_string(release.get("huggingface")),
        licenses=_licenses(release["license"], child(release_node, "license"), origin),
        components=_components(release["components"], child(release_node, "components"), origin),
    )


def _loose_string(value: object) -> str:
    """Fields the schema does not type: kept when they are text, else dropped."""
    return value if isinstance(value, str) else ""


def _licenses(value: object, node: Node | None, origin: str) -> tuple[ManifestLicense, ...]:
    licenses = _mapping(value, "release.license", origin)
    found = []
    for scope in LICENSE_SCOPES:
        if scope not in licenses:
            continue
        field = f"release.license.{scope}"
        entry = _mapping(licenses[scope], field, origin)
        texts: dict[str, str | None] = {}
        for key in ("name", "path"):
            item = entry.get(key)
            if item is not None and not isinstance(item, str):
                raise field_error(
                    origin, f"{field}.{key}", f"expected a string or null, got {_kind(item)}"
                )
            texts[key] = item
        found.append(
            ManifestLicense(scope, texts["name"], texts["path"], line_of(child(node, scope)))
        )
    unknown = sorted(str(key) for key in licenses if key not in LICENSE_SCOPES)
    if unknown:
        logger.debug("%s: release.license has extra keys %s", origin, unknown)
    return tuple(found)


def _components(value: object, node: Node | None, origin: str) -> tuple[ManifestComponent, ...]:
    if not isinstance(value, list):
        raise field_error(origin, "release.components", f"expected a list, got {_kind(value)}")
    if len(value) > MAX_COMPONENTS:
        raise field_error(
            origin, "release.components", f"{len(value)} items; MOT allows at most {MAX_COMPONENTS}"
        )
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    components = []
    for index, raw in enumerate(value):
        field = f"release.components[{index}]"
        entry = _mapping(raw, field, origin)
        texts = {key: _string(entry, key, field, origin) for key in COMPONENT_FIELDS}
        components.append(
            ManifestComponent(
                name=texts["name"],
                description=texts["description"],
                license=texts["license"] if "license" in entry else None,
                license_path=texts["license_path"] if "license_path" in entry else None,
                component_path=texts["component_path"] if "component_path" in entry else None,
                line=line_of(items[index]) if index < len(items) else None,
            )
        )
    return tuple(components)
