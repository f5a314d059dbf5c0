"""Schemas and validation against them, the only module of ``policy/`` that imports jsonschema:
the policy schema (``data/policy.schema.json``, published as ``docs/policy.schema.json``) and the
bundled official SARIF 2.1.0 schema every SARIF log is checked against before it is written."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from opengrade.errors import PolicyError

SCHEMA_PATH = Path(__file__).parent / "data" / "policy.schema.json"


@functools.cache
def policy_schema() -> Mapping[str, Any]:
    """The packaged policy schema (parsed once)."""
    document: Mapping[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return document


def _as_json(value: Any) -> Any:
    """TOML values as JSON values: dates and times become ISO strings (a date-time where a
    date is expected then fails the ``date`` format, as it should)."""
    if isinstance(value, Mapping):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _where(path: Any) -> str:
    where = ""
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return where or "(top level)"


def validated(document: Mapping[str, Any]) -> Mapping[str, Any]:
    """``document`` as JSON values, checked against the schema; raises :class:`PolicyError`
    naming the first offending field."""
    import jsonschema

    plain = _as_json(document)
    validator = jsonschema.Draft202012Validator(
        policy_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(plain))
    if error is not None:
        field = _where(error.absolute_path)
        raise PolicyError(f"{field}: {error.message}", field=field)
    result: Mapping[str, Any] = plain
    return result


SARIF_SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


@functools.cache
def sarif_schema() -> Mapping[str, Any]:
    """The bundled official SARIF 2.1.0 schema (parsed once)."""
    document: Mapping[str, Any] = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
    return document


def sarif_problem(log: Mapping[str, Any]) -> str | None:
    """Why ``log`` breaks the SARIF 2.1.0 schema (the first error, with its field), or None."""
    import jsonschema

    validator = jsonschema.Draft4Validator(sarif_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(log))
    if error is None:
        return None
    return f"{_where(error.absolute_path)}: {error.message}"
