"""SPDX license expressions: the only module that imports ``license_expression``.

A key that is not an SPDX id is written ``LicenseRef-<key>``; characters SPDX does not allow in
an id are spelled out (``openrail++`` becomes ``LicenseRef-openrail-plus-plus``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_REF_PREFIX = "LicenseRef-"
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9.\-]")
_OPERATOR = re.compile(r"\s(?:AND|OR|WITH)\s|[()]")


@dataclass(frozen=True, slots=True)
class ParsedExpression:
    """An expression as written, its canonical form and the license ids in it (or an error)."""

    raw: str
    expression: str | None
    ids: tuple[str, ...]
    error: str | None = None


def license_ref(key: str) -> str:
    """``LicenseRef-<key>`` with characters outside SPDX's id alphabet spelled out."""
    spelled = key.replace("+", "-plus")
    return _REF_PREFIX + _NOT_IN_ID.sub("-", spelled)


def to_expression(keys: Sequence[str], spdx_ids: Callable[[str], str | None]) -> str | None:
    """Keys joined with AND, each as its SPDX id or as a LicenseRef (None for no keys)."""
    parts = []
    for key in keys:
        spdx_id = spdx_ids(key)
        part = spdx_id if spdx_id else license_ref(key)
        if part not in parts:
            parts.append(part)
    return " AND ".join(parts) if parts else None


@functools.cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing  # type: ignore[import-untyped]

    return get_spdx_licensing()


def parse(raw: str) -> ParsedExpression:
    """Parse and validate an SPDX expression; unknown ids and syntax errors become ``error``."""
    licensing = _licensing()
    try:
        info = licensing.validate(raw.strip())
    except Exception as error:  # the library fails in several ways on odd input
        return ParsedExpression(raw, None, (), f"invalid expression: {error}")
    unknown = [symbol for symbol in info.invalid_symbols if not str(symbol).startswith(_REF_PREFIX)]
    syntax_errors = [e for e in info.errors if "Unknown license key" not in str(e)]
    if info.normalized_expression is None and not unknown and syntax_errors:
        return ParsedExpression(raw, None, (), "; ".join(str(e) for e in info.errors))
    try:
        parsed = licensing.parse(raw.strip(), validate=False)
    except Exception as error:
        return ParsedExpression(raw, None, (), f"invalid expression: {error}")
    if parsed is None:
        return ParsedExpression(raw, None, (), "empty expression")
    ids = tuple(str(key) for key in licensing.license_keys(parsed))
    if unknown:
        names = ", ".join(str(symbol) for symbol in unknown)
        return ParsedExpression(raw, str(parsed.render()), ids, f"unknown license ids: {names}")
    return ParsedExpression(raw, str(parsed.render()), ids)
