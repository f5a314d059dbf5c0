"""The Model Openness Tool's own license semantics, as facts read from data/mot_licenses.yaml.

MOT calls a license string open when it is, exactly as written, an OSI-approved or FSF-libre
SPDX id or one of its open-data ids; it is type-appropriate when it is on MOT's list for the
component's content type. A component's license is its own when the YAML gives one (an empty
or ``unlicensed`` value means "no license", without falling back), else the global license for
its content type, else the global ``distribution`` license.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from opengrade.errors import FrameworkError
from opengrade.model.assessment import ContentType
from opengrade.model.release import Manifest, ManifestComponent
from opengrade.parsing.yaml_data import load_yaml

UNLICENSED = "unlicensed"
DISTRIBUTION = "distribution"


@dataclass(frozen=True, slots=True)
class MotLicenseFacts:
    """MOT's license lists: open ids and type-appropriate ids per content type."""

    osi_approved: frozenset[str]
    fsf_libre: frozenset[str]
    open_data: frozenset[str]
    type_appropriate: Mapping[ContentType, frozenset[str]]
    version: str

    def is_open(self, key: str) -> bool:
        """MOT's test: OSI-approved, FSF-libre or on the open-data list (exact id)."""
        return key in self.osi_approved or key in self.fsf_libre or key in self.open_data

    def is_type_appropriate(self, key: str, content_type: ContentType) -> bool:
        """Whether MOT lists ``key`` as appropriate for ``content_type``."""
        return key in self.type_appropriate.get(content_type, frozenset())

    def why_open(self, key: str) -> str:
        """A short reason for ``is_open``."""
        reasons = [
            label
            for label, keys in (
                ("OSI-approved", self.osi_approved),
                ("FSF-libre", self.fsf_libre),
                ("on MOT's open-data list", self.open_data),
            )
            if key in keys
        ]
        if reasons:
            return f"{key} is " + " and ".join(reasons)
        return f"{key!r} is not an open license id in MOT's lists"


@cache
def mot_license_facts() -> MotLicenseFacts:
    """Load the facts table shipped in ``frameworks/data``."""
    text = (
        resources.files("opengrade.frameworks")
        .joinpath("data/mot_licenses.yaml")
        .read_text(encoding="utf-8")
    )
    data: Any = load_yaml(text)
    try:
        source = data["source"]
        by_type = {
            ContentType(kind): frozenset(keys) for kind, keys in data["type_appropriate"].items()
        }
        return MotLicenseFacts(
            osi_approved=frozenset(data["osi_approved"]),
            fsf_libre=frozenset(data["fsf_libre"]),
            open_data=frozenset(data["open_data"]),
            type_appropriate=by_type,
            version=f"spdx {source['spdx_list_version']}, mot {source['commit'][:7]}",
        )
    except (KeyError, TypeError, ValueError) as error:
        raise FrameworkError(f"mot_licenses.yaml is broken: {error!r}") from error


@dataclass(frozen=True, slots=True)
class ResolvedLicense:
    """The license MOT would apply to a component, and where it came from."""

    license: str | None
    origin: str


def resolve_component_license(
    manifest: Manifest, component: ManifestComponent, content_type: ContentType
) -> ResolvedLicense:
    """MOT's resolution: the component's own license, else the global one by content type,
    else the global distribution license. None when there is no license at any level."""
    if component.license is not None:
        own = component.license
        if own == UNLICENSED or own == "":
            return ResolvedLicense(None, "component (declared unlicensed)")
        return ResolvedLicense(own, "component")
    globals_by_scope = {item.scope: item for item in manifest.licenses}
    for scope in (str(content_type), DISTRIBUTION):
        item = globals_by_scope.get(scope)
        if item is not None and item.name:
            return ResolvedLicense(item.name, f"release.license.{scope}")
    return ResolvedLicense(None, "none")
