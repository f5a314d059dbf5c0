"""The catalogue of license terms: opengrade's own facts, each with the clause it comes from.

The data lives in ``data/catalog.yaml`` (one entry per license key) and is parsed once, on
first use. ``terms(key)`` finds an entry by key, case-insensitively, or by one of its aliases.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opengrade.model.license import LicenseCategory, LicenseTerms
from opengrade.parsing.yaml_data import load_yaml

CATALOG_RESOURCE = "catalog.yaml"
CONTENT_TYPES = frozenset({"code", "data", "document"})
_OPTIONAL_TEXT = (
    "spdx_id",
    "acceptable_use_policy",
    "user_threshold",
    "field_of_use",
    "attribution",
    "naming_requirement",
    "osd_breaking_clause",
    "charges_for_use",
    "hub_tag",
    "notes",
)
_OPTIONAL_FLAGS = (
    "osi_approved",
    "fsf_libre",
    "commercial_use",
    "use_restrictions",
    "share_alike",
    "osd_conformant",
)


@dataclass(frozen=True, slots=True)
class Catalog:
    """All entries, and lookups by lowercase key and by alias."""

    entries: tuple[LicenseTerms, ...]
    by_key: Mapping[str, LicenseTerms]
    by_alias: Mapping[str, LicenseTerms]


def _text(entry: Mapping[str, Any], name: str) -> str | None:
    value = entry.get(name)
    return None if value is None else str(value)


def _flag(entry: Mapping[str, Any], name: str) -> bool | None:
    value = entry.get(name)
    return value if isinstance(value, bool) else None


def _terms(key: str, entry: Mapping[str, Any]) -> LicenseTerms:
    """One catalogue entry as typed terms (the parser edge: raw YAML stops here)."""
    mof_types = frozenset(str(kind) for kind in entry.get("mof_types", ())) & CONTENT_TYPES
    sources = {str(fact): str(clause) for fact, clause in dict(entry.get("sources", {})).items()}
    texts = {name: _text(entry, name) for name in _OPTIONAL_TEXT}
    flags = {name: _flag(entry, name) for name in _OPTIONAL_FLAGS}
    return LicenseTerms(
        key=key,
        name=str(entry.get("name", key)),
        category=LicenseCategory(entry["category"]),
        mof_types=mof_types,
        sources=sources,
        aliases=tuple(str(alias) for alias in entry.get("aliases", ())),
        urls=tuple(str(url) for url in entry.get("urls", ())),
        **texts,  # type: ignore[arg-type]
        **flags,  # type: ignore[arg-type]
    )


@functools.cache
def catalog() -> Catalog:
    """Parse the packaged catalogue (once)."""
    text = (Path(__file__).parent / "data" / CATALOG_RESOURCE).read_text(encoding="utf-8")
    document: Any = load_yaml(text)
    entries = tuple(_terms(str(key), entry) for key, entry in sorted(document["licenses"].items()))
    by_key = {terms.key.lower(): terms for terms in entries}
    by_alias: dict[str, LicenseTerms] = {}
    for terms in entries:
        for alias in terms.aliases:
            by_alias.setdefault(alias.lower(), terms)
    return Catalog(entries, by_key, by_alias)


def terms(key: str) -> LicenseTerms | None:
    """The terms of a license key (SPDX id, Hub tag or slug; any case), or None if unknown."""
    lookup = key.strip().lower()
    if lookup.startswith("licenseref-"):
        lookup = lookup.removeprefix("licenseref-")
    found = catalog().by_key.get(lookup)
    return found if found is not None else catalog().by_alias.get(lookup)


def all_terms() -> tuple[LicenseTerms, ...]:
    """Every catalogue entry, sorted by key."""
    return catalog().entries


def is_open_for(key: str, content_type: str) -> bool | None:
    """Whether a license is open for one MOF content type (``code``, ``data``, ``document``).

    Code: OSI-approved. Data: an open data license. Document: an open content license. MOT's
    list of type-appropriate licenses counts too. None when the key or the answer is unknown.
    """
    if content_type not in CONTENT_TYPES:
        raise ValueError(f"content type must be one of {sorted(CONTENT_TYPES)}: {content_type!r}")
    found = terms(key)
    if found is None:
        return None
    if content_type in found.mof_types:
        return True
    if content_type == "code":
        return found.osi_approved
    wanted = LicenseCategory.OPEN_DATA if content_type == "data" else LicenseCategory.OPEN_CONTENT
    if found.category is wanted:
        return found.osd_conformant
    if found.osd_conformant is None and found.osi_approved is None:
        return None
    return False


def open_for_scope(key: str, scope: str) -> bool | None:
    """Whether ``key`` is open for a part of a release: OSI-approved for ``code``; an open data
    or content license for ``data`` and ``docs``; OSD-conformant for ``weights`` and
    ``release``. None when the key or the answer is unknown."""
    found = terms(key)
    if found is None:
        return None
    if scope == "code":
        return found.osi_approved
    if scope in ("data", "docs"):
        return is_open_for(key, "data" if scope == "data" else "document")
    return found.osd_conformant


def open_in_any_sense(key: str) -> bool | None:
    """Open as MOF counts it before type-appropriateness: OSI-approved or OSD-conformant."""
    found = terms(key)
    if found is None:
        return None
    if found.osi_approved or found.osd_conformant:
        return True
    if found.osi_approved is None and found.osd_conformant is None:
        return None
    return False


@functools.cache
def url_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Where each license's text is published (host and path patterns, no scheme or "www."),
    from the catalogue's ``urls``: a ``license_link`` to one of them names that license."""
    return tuple(
        (re.compile(pattern), found.key) for found in all_terms() for pattern in found.urls
    )
