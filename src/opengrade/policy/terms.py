"""The adapter between a report and the policy: per scope, the concluded license keys, their
catalogue categories and openness, each with where it was found; and the fingerprint of the
concluded terms that waivers are approved for.

This is the one place that reads licensing from a :class:`Report`. It uses
``report.licensing.concluded(scope)`` and ``openness(scope)``; when the report carries its own
``concluded`` block (issue 9), only this module changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from opengrade.licenses.catalog import terms as catalogue_terms
from opengrade.model import Provenance, Scope
from opengrade.model.report import Report

FINGERPRINT_PREFIX = "sha256:"
FINGERPRINT_HEX = 16


@dataclass(frozen=True, slots=True)
class ConcludedLicense:
    """One concluded license for a scope. ``key`` is None when the terms are unidentified;
    ``category`` is None when the catalogue does not know the key."""

    key: str | None
    category: str | None
    open: bool | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class ScopeTerms:
    """The licenses concluded for one scope and whether, together, they are open (None:
    unknown). ``licenses`` is empty when nothing was concluded for the scope."""

    scope: Scope
    licenses: tuple[ConcludedLicense, ...]
    open: bool | None

    @property
    def keys(self) -> tuple[str, ...]:
        """The distinct identified keys, sorted."""
        return tuple(sorted({item.key for item in self.licenses if item.key}))


def scope_terms(report: Report, scope: Scope) -> ScopeTerms:
    """The concluded terms of ``scope`` in ``report``."""
    licenses: list[ConcludedLicense] = []
    seen: set[tuple[str | None, str]] = set()
    for use in report.licensing.concluded(scope):
        marker = (use.key, str(use.provenance))
        if marker in seen:
            continue
        seen.add(marker)
        found = catalogue_terms(use.key) if use.key else None
        category = str(found.category) if found is not None else None
        licenses.append(ConcludedLicense(use.key, category, use.open, use.provenance))
    return ScopeTerms(scope, tuple(licenses), report.licensing.openness(scope))


def all_scope_terms(report: Report) -> tuple[ScopeTerms, ...]:
    """The concluded terms of every scope, in the order of :class:`Scope`."""
    return tuple(scope_terms(report, scope) for scope in Scope)


def terms_fingerprint(report: Report) -> str:
    """A short, stable fingerprint of the concluded terms: the sorted license keys of every
    scope (an unidentified license counts as ``?``). It changes when a release's terms change,
    and only then; a waiver records it to stop applying once they do."""
    document = {
        str(item.scope): sorted(
            {entry.key.lower() if entry.key else "?" for entry in item.licenses}
        )
        for item in all_scope_terms(report)
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return FINGERPRINT_PREFIX + digest[:FINGERPRINT_HEX]
