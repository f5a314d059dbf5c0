"""AI bill of materials: CycloneDX 1.6/1.7 and SPDX 3.0.1, validated before writing.

Build a :class:`BomInput`, hash the release's files with :func:`release_hashes` (or
:func:`hash_files`), then ``build_cyclonedx`` / ``build_spdx`` and ``write_bom``.
The SPDX builder (spdx-python-model) and the validators (jsonschema) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opengrade.bom.context import BomInput, release_hashes
from opengrade.bom.cyclonedx import build_cyclonedx
from opengrade.bom.hashing import HashCache, HashProgress, hash_files

if TYPE_CHECKING:
    from opengrade.bom.validate import BomKind

__all__ = [
    "BomInput",
    "BomKind",
    "HashCache",
    "HashProgress",
    "build_cyclonedx",
    "build_spdx",
    "hash_files",
    "release_hashes",
    "validate_cyclonedx",
    "validate_spdx",
    "write_bom",
]

_LAZY = {
    "build_spdx": "opengrade.bom.spdx",
    "BomKind": "opengrade.bom.validate",
    "validate_cyclonedx": "opengrade.bom.validate",
    "validate_spdx": "opengrade.bom.validate",
    "write_bom": "opengrade.bom.validate",
}


def __getattr__(name: str) -> Any:
    """Import the heavy modules (spdx-python-model, jsonschema) only when asked for."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
