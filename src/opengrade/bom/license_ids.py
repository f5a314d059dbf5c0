"""Is a license key an SPDX license id? Decided by the SPDX list bundled with the CycloneDX schema.

The CycloneDX schema only accepts a license ``id`` from its own copy of the SPDX license list,
so that list is the authority for "write an id, never an invalid one". A key that is not on it
is written as a license name (CycloneDX) or ``LicenseRef-<key>`` (SPDX 3).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources

from opengrade.licenses.expression import license_ref


@cache
def _spdx_ids() -> dict[str, str]:
    """Lower-cased SPDX id -> its canonical spelling."""
    schema = resources.files("opengrade.bom").joinpath("schemas/cyclonedx/spdx.schema.json")
    identifiers = json.loads(schema.read_text(encoding="utf-8"))["enum"]
    return {str(identifier).lower(): str(identifier) for identifier in identifiers}


def spdx_id(key: str) -> str | None:
    """The canonical SPDX id for ``key`` (case-insensitive), or None when it is not one."""
    return _spdx_ids().get(key.strip().lower())


def expression_term(key: str) -> str:
    """The SPDX expression term for a license key: its SPDX id, else ``LicenseRef-<key>``
    (spelled by :func:`opengrade.licenses.expression.license_ref`)."""
    return spdx_id(key) or license_ref(key.strip() or "unnamed")


def license_expression(keys: Iterable[str]) -> str | None:
    """The keys ANDed as one SPDX expression (terms sorted and unique), or None for no keys."""
    terms = sorted({expression_term(key) for key in keys})
    return " AND ".join(terms) if terms else None
