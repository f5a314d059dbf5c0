"""The adapter between a report and the policy: per scope, the concluded license keys, their
catalogue categories and openness, with the evidence behind them; and the fingerprint of the
concluded terms that waivers are approved for.

This is the one place that reads licensing from a :class:`Report`. It reads the report's
``concluded`` block (one :class:`~opengrade.model.licensing.ConcludedLicense` per scope the
release has: the weights always; code, data and docs when present).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from opengrade.licenses.catalog import open_for_scope
from opengrade.licenses.catalog import terms as catalogue_terms
from opengrade.model import Provenance, Scope
from opengrade.model.report import Report
from opengrade.policy.citations import citations

FINGERPRINT_PREFIX = "sha256:"
FINGERPRINT_HEX = 16
POLICY_SCOPES = (Scope.WEIGHTS, Scope.CODE, Scope.DATA, Scope.DOCS)
"""The scopes a policy can set license rules for: the scopes a report concludes."""


@dataclass(frozen=True, slots=True)
class ConcludedKey:
    """One concluded license key for a scope; ``category`` is None when the catalogue does not
    know the key, ``open`` when its openness for the scope is unknown."""

    key: str
    category: str | None
    open: bool | None


@dataclass(frozen=True, slots=True)
class ScopeTerms:
    """The licenses concluded for one scope.

    ``present`` is False when the release has nothing of the scope (no such files, no license
    naming it). ``unidentified`` is True when a license speaks for the scope whose terms nobody
    could identify. ``open`` is the report's answer for the whole scope (None: unknown).
    """

    scope: Scope
    present: bool
    keys: tuple[ConcludedKey, ...]
    unidentified: bool
    open: bool | None
    expression: str | None
    evidence: tuple[Provenance, ...]


def scope_terms(report: Report, scope: Scope) -> ScopeTerms:
    """The concluded terms of ``scope`` in ``report``."""
    concluded = report.concluded_for(scope)
    if concluded is None:
        return ScopeTerms(scope, False, (), False, None, None, ())
    keys = tuple(
        ConcludedKey(key, _category(key), open_for_scope(key, str(scope))) for key in concluded.keys
    )
    known = all(item.open is not None for item in keys)
    unidentified = (not keys and bool(concluded.evidence)) or (
        bool(keys) and concluded.open is None and known
    )
    return ScopeTerms(
        scope=scope,
        present=True,
        keys=keys,
        unidentified=unidentified,
        open=concluded.open,
        expression=concluded.expression,
        evidence=citations(concluded.evidence),
    )


def _category(key: str) -> str | None:
    found = catalogue_terms(key)
    return str(found.category) if found is not None else None


def all_scope_terms(report: Report) -> tuple[ScopeTerms, ...]:
    """The concluded terms of every policy scope, in order."""
    return tuple(scope_terms(report, scope) for scope in POLICY_SCOPES)


def terms_fingerprint(report: Report) -> str:
    """A short, stable fingerprint of the concluded terms: for each scope the report
    concludes, its sorted license keys and whether an unidentified license speaks for it. It
    changes when a release's terms change, and only then; a waiver records it so that it stops
    applying once they do."""
    document = {
        str(item.scope): {
            "keys": sorted({entry.key.lower() for entry in item.keys}),
            "unidentified": item.unidentified,
        }
        for item in all_scope_terms(report)
        if item.present
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return FINGERPRINT_PREFIX + digest[:FINGERPRINT_HEX]
