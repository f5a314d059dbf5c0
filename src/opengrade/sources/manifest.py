"""Read a Model Openness Tool (MOT) model YAML into a snapshot holding a typed Manifest.

The file is read with a size bound, parsed with a safe loader that refuses alias bombs, and
checked against the rules of MOT's schema (``schema/mof_schema.json`` in lfai/model_openness_tool,
restated here as code). Anything that breaks them raises :class:`ManifestError` naming the field,
e.g. ``release.components[3].name: expected a string``. Component names MOF does not know are
kept as written; grading reports them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path

import yaml

from opengrade.errors import ManifestError, ReleaseNotFound
from opengrade.model.release import (
    FileKind,
    Manifest,
    ManifestComponent,
    ManifestLicense,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
)
from opengrade.sources.interface import Source

logger = logging.getLogger(__name__)

MAX_BYTES = 2_000_000
MAX_ALIASES = 50
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

Node = yaml.Node


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses documents with more than MAX_ALIASES aliases."""

    aliases_seen = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                raise ManifestError(
                    f"more than {MAX_ALIASES} YAML aliases: refusing a possible alias bomb",
                    field="(document)",
                )
        return super().compose_node(parent, index)


class ManifestSource(Source):
    """A MOT model YAML file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> ReleaseSnapshot:
        """Load, validate and type the manifest."""
        if not self.path.exists():
            raise ReleaseNotFound(f"{self.path}: no such file; give the path of a MOT YAML")
        if not self.path.is_file():
            raise ManifestError(f"{self.path}: not a file; give the path of a MOT YAML")
        size = self.path.stat().st_size
        if size > MAX_BYTES:
            raise ManifestError(f"{self.path}: {size} bytes is too large for a MOT YAML")
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise ManifestError(f"{self.path}: cannot read: {error.strerror}") from error
        manifest = parse_manifest(raw, origin=str(self.path))
        digest = hashlib.sha256(raw).hexdigest()
        listing = ReleaseFile(self.path.name, len(raw), FileKind.LISTING, sha256=digest)
        text = TextFile(self.path.name, raw.decode("utf-8-sig"))
        return ReleaseSnapshot(
            id=manifest.name,
            source=SourceKind.MANIFEST,
            location=str(self.path),
            files=(listing,),
            texts=(text,),
            manifest=manifest,
        )


def parse_manifest(raw: bytes, *, origin: str = "<manifest>") -> Manifest:
    """Parse and validate MOT YAML bytes into a Manifest."""
    if b"\x00" in raw:
        raise ManifestError(f"{origin}: binary file (NUL bytes), not a MOT YAML", field="(file)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(f"{origin}: not UTF-8 text ({error.reason})", field="(file)") from error
    node = _compose(text, origin)
    if not isinstance(node, yaml.MappingNode):
        raise ManifestError(
            f"{origin}: (document): expected a mapping with 'framework' and 'release'",
            field="(document)",
        )
    return _build(_construct(node, origin), node, origin)


def _compose(text: str, origin: str) -> Node | None:
    loader = _BoundedLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except ManifestError as error:
        raise ManifestError(f"{origin}: {error}", field=error.field) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ManifestError(f"{origin}: invalid YAML{where}: {error.problem}") from error
    except yaml.YAMLError as error:
        raise ManifestError(f"{origin}: invalid YAML: {error}") from error
    except RecursionError as error:
        raise ManifestError(f"{origin}: YAML nested too deeply to be a MOT YAML") from error
    finally:
        loader.dispose()


_CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)
"""What building Python values from composed YAML raises: unknown tags (``!!python/...``),
unhashable keys (``? [a, b]``), impossible timestamps (``!!timestamp 2020-13-45``), deep nesting."""


def _construct(node: Node, origin: str) -> object:
    """The plain data of ``node``; a ManifestError naming the field that cannot be built."""
    try:
        return _construct_node(node)
    except _CONSTRUCT_ERRORS as error:
        field, culprit = _failing_field(node, "", 0)
        if isinstance(error, yaml.MarkedYAMLError) and error.problem:
            reason = error.problem
        elif isinstance(error, RecursionError):
            reason = "nested too deeply"
        else:
            reason = str(error) or type(error).__name__
        where = f" (line {_line(culprit)})" if culprit is not None else ""
        raise _fail(
            origin, field or "(document)", f"cannot read this value{where}: {reason}"
        ) from None


def _construct_node(node: Node) -> object:
    loader = _BoundedLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _builds(node: Node) -> bool:
    try:
        _construct_node(node)
    except _CONSTRUCT_ERRORS:
        return False
    return True


def _failing_field(node: Node, path: str, depth: int) -> tuple[str, Node]:
    """The dotted path of the deepest node under ``node`` that cannot be built, and that node."""
    children: list[tuple[str, Node]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not _builds(key_node):
                return path, key_node
            key = str(key_node.value)
            children.append((f"{path}.{key}" if path else key, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [(f"{path}[{index}]", item) for index, item in enumerate(node.value)]
    if depth < 20:
        for child_path, child in children:
            if not _builds(child):
                return _failing_field(child, child_path, depth + 1)
    return path, node


def _fail(origin: str, field: str, problem: str) -> ManifestError:
    return ManifestError(f"{origin}: {field}: {problem}", field=field)


def _child(node: Node | None, key: str) -> Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: Node = value_node
                return found
    return None


def _line(node: Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _string(data: Mapping[str, object], key: str, field: str, origin: str, **rules: object) -> str:
    """The string at ``key`` ('' when absent), checked against the schema's rules."""
    if key not in data:
        if rules.get("required"):
            raise _fail(origin, f"{field}.{key}", "required field missing")
        return ""
    value = data[key]
    if not isinstance(value, str):
        raise _fail(origin, f"{field}.{key}", f"expected a string, got {_kind(value)}")
    if rules.get("nonempty") and not value:
        raise _fail(origin, f"{field}.{key}", "expected a non-empty string")
    allowed = rules.get("allowed")
    if isinstance(allowed, tuple) and value not in allowed:
        raise _fail(origin, f"{field}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
    if rules.get("date"):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _fail(origin, f"{field}.{key}", f"{value!r} is not a date (YYYY-MM-DD)") from None
    return value


def _mapping(value: object, field: str, origin: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _fail(origin, field, f"expected a mapping, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number"}
    names |= {list: "a list", dict: "a mapping", dt.date: "a date", dt.datetime: "a timestamp"}
    return names.get(type(value), type(value).__name__)


def _build(data: object, node: Node, origin: str) -> Manifest:
    top = _mapping(data, "(document)", origin)
    for key in ("framework", "release"):
        if key not in top:
            raise _fail(origin, key, "required field missing")
    framework = _mapping(top["framework"], "framework", origin)
    _string(framework, "name", "framework", origin, required=True, allowed=(FRAMEWORK_NAME,))
    framework_version = _string(framework, "version", "framework", origin, required=True)
    _string(framework, "date", "framework", origin, required=True, date=True)
    release = _mapping(top["release"], "release", origin)
    release_node = _child(node, "release")
    name = _string(release, "name", "release", origin, required=True, nonempty=True)
    producer = _string(release, "producer", "release", origin, required=True)
    for key in ("license", "components"):
        if key not in release:
            raise _fail(origin, f"release.{key}", "required field missing")
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
        licenses=_licenses(release["license"], _child(release_node, "license"), origin),
        components=_components(release["components"], _child(release_node, "components"), origin),
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
                raise _fail(
                    origin, f"{field}.{key}", f"expected a string or null, got {_kind(item)}"
                )
            texts[key] = item
        found.append(
            ManifestLicense(scope, texts["name"], texts["path"], _line(_child(node, scope)))
        )
    unknown = sorted(str(key) for key in licenses if key not in LICENSE_SCOPES)
    if unknown:
        logger.debug("%s: release.license has extra keys %s", origin, unknown)
    return tuple(found)


def _components(value: object, node: Node | None, origin: str) -> tuple[ManifestComponent, ...]:
    if not isinstance(value, list):
        raise _fail(origin, "release.components", f"expected a list, got {_kind(value)}")
    if len(value) > MAX_COMPONENTS:
        raise _fail(
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
                line=_line(items[index]) if index < len(items) else None,
            )
        )
    return tuple(components)
