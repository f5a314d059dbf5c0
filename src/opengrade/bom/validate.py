"""Validate BOMs against the bundled official schemas, and write them only when they pass.

CycloneDX is checked with its draft-07 schema, formats included (``date-time``,
``iri-reference``...); the schemas it ``$ref``s (SPDX license ids, JSF, cryptography
definitions) are registered under their ``$id`` so nothing is fetched. SPDX 3.0.1
is checked with its JSON schema (2020-12) and then with the profile rules the schema and the
SHACL shapes cannot express (:func:`opengrade.bom.conformance.conformance_errors`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as JsonSchemaError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from opengrade.bom.conformance import conformance_errors
from opengrade.errors import ValidationError
from opengrade.model.bom import CycloneDxVersion

CYCLONEDX_FILES = (
    "spdx.schema.json",
    "jsf-0.82.schema.json",
    "cryptography-defs.schema.json",
)
CYCLONEDX_VERSIONS = tuple(CycloneDxVersion)
_SLOW_FORMATS = frozenset({"iri", "iri-reference"})


class BomKind(StrEnum):
    """The BOM formats opengrade writes."""

    CYCLONEDX = "cyclonedx"
    SPDX = "spdx"


def _schema(relative: str) -> dict[str, Any]:
    text = resources.files("opengrade.bom").joinpath("schemas", relative).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _format_checker() -> FormatChecker:
    """jsonschema's format checks, less the IRI ones: jsonschema-rs checks those (and every
    other format) first, while rfc3987-syntax, when installed, takes ~50 ms per URL."""
    return FormatChecker([name for name in FormatChecker.checkers if name not in _SLOW_FORMATS])


@cache
def _cyclonedx_validator(spec_version: str) -> Draft7Validator:
    if spec_version not in CYCLONEDX_VERSIONS:
        raise ValidationError(
            f"unsupported CycloneDX version {spec_version!r}; use 1.6 or 1.7", field="specVersion"
        )
    registry: Registry[Any] = Registry()
    for name in CYCLONEDX_FILES:
        contents = _schema(f"cyclonedx/{name}")
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        registry = registry.with_resource(str(contents["$id"]), resource)
    schema = _schema(f"cyclonedx/bom-{spec_version}.schema.json")
    return Draft7Validator(schema, registry=registry, format_checker=_format_checker())


@cache
def _cyclonedx_fast_validator(spec_version: str) -> Any:
    """jsonschema-rs for the CycloneDX schema, checking formats, when installed (it checks a
    document in microseconds; jsonschema with its format checkers takes up to seconds)."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    by_id = {}
    for name in CYCLONEDX_FILES:
        contents = _schema(f"cyclonedx/{name}")
        by_id[str(contents["$id"])] = contents

    def retrieve(uri: str) -> dict[str, Any]:
        return by_id[uri]

    schema = _schema(f"cyclonedx/bom-{spec_version}.schema.json")
    return jsonschema_rs.Draft7Validator(schema, validate_formats=True, retriever=retrieve)


def _instance_path(parts: Iterable[str | int]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)


@cache
def _spdx_schema() -> dict[str, Any]:
    return _schema("spdx3/spdx-json-schema.json")


@cache
def _spdx_validator() -> Draft202012Validator:
    return Draft202012Validator(_spdx_schema())


@cache
def _spdx_node_validator(type_name: str) -> Draft202012Validator:
    """Validates one ``@graph`` node of a known type exactly as the schema's ``AnyClass`` item
    would: only that type's branch can match, because each branch fixes ``type``."""
    definitions = _spdx_schema()["$defs"]
    if (
        type_name in definitions
        and {"$ref": f"#/$defs/{type_name}"} in definitions["AnyClass"]["anyOf"]
    ):
        reference = f"#/$defs/{type_name}"
    else:
        reference = "#/$defs/AnyClass"
    item = {
        "$defs": definitions,
        "type": "object",
        "$ref": reference,
        "unevaluatedProperties": False,
    }
    return Draft202012Validator(item)


def _deepest(errors: Iterable[JsonSchemaError]) -> JsonSchemaError | None:
    """The most specific error: the leaf (following ``context``) with the longest path."""
    leaves: list[JsonSchemaError] = []
    pending = list(errors)
    while pending:
        error = pending.pop(0)
        if error.context:
            pending.extend(error.context)
        else:
            leaves.append(error)
    if not leaves:
        return None
    return max(leaves, key=lambda error: len(error.absolute_path))


def _raise_first(
    validator: Draft7Validator | Draft202012Validator,
    document: Any,
    what: str,
    prefix: str = "$",
    *,
    deepest: bool = False,
) -> None:
    """Raise for the most relevant error (``best_match``, or the deepest leaf when asked)."""
    errors = list(validator.iter_errors(document))
    error = _deepest(errors) if deepest else best_match(errors)
    if error is not None:
        field = prefix + error.json_path.removeprefix("$")
        raise ValidationError(f"{what} fails its schema at {field}: {error.message}", field=field)


@cache
def _spdx_fast_validator() -> Any:
    """jsonschema-rs for the SPDX schema when installed (milliseconds instead of seconds)."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.Draft202012Validator(_spdx_schema())


def _validate_spdx_schema(document: dict[str, Any]) -> None:
    """The SPDX JSON schema. A valid document passes the fast validator when it is installed;
    otherwise, or to name the failing field, the document is checked node by node with
    jsonschema (the whole-document check with unevaluatedProperties takes seconds)."""
    what = "the SPDX 3.0.1 document"
    fast = _spdx_fast_validator()
    if fast is not None and fast.is_valid(document):
        return
    graph = document.get("@graph")
    if not isinstance(graph, list):
        _raise_first(_spdx_validator(), document, what, deepest=True)
        return
    _raise_first(_spdx_validator(), {**document, "@graph": []}, what, deepest=True)
    for index, node in enumerate(graph):
        type_name = str(node.get("type", "")) if isinstance(node, dict) else ""
        validator = _spdx_node_validator(type_name)
        _raise_first(validator, node, what, f"$['@graph'][{index}]", deepest=True)
    if fast is not None:  # the validators disagree: say what the fast one saw
        message = next(iter(fast.iter_errors(document))).message
        raise ValidationError(f"{what} fails its schema: {message[:500]}", field="$")


def validate_cyclonedx(document: dict[str, Any], spec_version: str | None = None) -> None:
    """Raise ValidationError (naming the field) unless ``document`` is valid CycloneDX.

    ``spec_version`` defaults to the document's own ``specVersion``.
    """
    version = spec_version or str(document.get("specVersion", ""))
    what = f"the CycloneDX {version} document"
    validator = _cyclonedx_validator(version)
    fast = _cyclonedx_fast_validator(version)
    if fast is not None and fast.is_valid(document):
        return
    _raise_first(validator, document, what)
    if fast is not None:  # a format only the fast validator checks: name its field
        error = next(iter(fast.iter_errors(document)))
        field = _instance_path(error.instance_path)
        raise ValidationError(f"{what} fails its schema at {field}: {error.message}", field=field)


def validate_spdx(document: dict[str, Any]) -> None:
    """Raise ValidationError (naming the field) unless ``document`` is valid SPDX 3.0.1 JSON-LD
    that also meets the AI and Dataset profiles' conformance rules."""
    _validate_spdx_schema(document)
    problems = conformance_errors(document)
    if problems:
        field, message = problems[0]
        raise ValidationError(
            f"the SPDX 3.0.1 document breaks a profile rule: {message}", field=field
        )


def validate_bom(document: dict[str, Any], kind: BomKind | str) -> None:
    """Validate ``document`` as a BOM of ``kind``."""
    if BomKind(kind) is BomKind.CYCLONEDX:
        validate_cyclonedx(document)
    else:
        validate_spdx(document)


def serialize(document: dict[str, Any]) -> str:
    """The document as JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_bom(document: dict[str, Any], path: Path, kind: BomKind | str) -> None:
    """Validate, then write atomically. On a validation failure nothing is written (an existing
    file at ``path`` is left as it was) and ValidationError names the field."""
    validate_bom(document, kind)
    text = serialize(document)
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=".opengrade-", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
