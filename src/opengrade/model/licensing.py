"""The licenses concluded for a release: each use with its scope, how we know, and a conflict
when the card's declaration and the license text disagree."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengrade.model.evidence import Provenance, Scope


class LicenseSource(StrEnum):
    """``declared``: card metadata, prose or a manifest says so. ``identified``: we read the text."""

    DECLARED = "declared"
    IDENTIFIED = "identified"


@dataclass(frozen=True, slots=True)
class LicenseUse:
    """One license that applies to part of a release. ``key`` is None when unknown.

    ``open`` is True when the license is open for its scope (OSD-conformant for weights,
    OSI-approved for code, an open data or content license for data and documents), False when
    it is not, None when the license or its terms are unknown. ``via`` says which card field or
    text a declaration came from (``license``, ``license_name``, ``prose``, ``manifest``...).
    """

    key: str | None
    scope: Scope
    source: LicenseSource
    raw: str
    provenance: Provenance
    open: bool | None
    confidence: float | None = None
    via: str = ""


@dataclass(frozen=True, slots=True)
class LicenseConflict:
    """The card declares one license and the license text says another, for the same scope."""

    scope: Scope
    declared: tuple[str, ...]
    identified: tuple[str, ...]
    declared_at: Provenance
    identified_at: Provenance


@dataclass(frozen=True, slots=True)
class Licensing:
    """Every license use found, and the conflicts between declarations and texts."""

    uses: tuple[LicenseUse, ...]
    conflicts: tuple[LicenseConflict, ...] = ()

    def for_scope(self, scope: Scope) -> tuple[LicenseUse, ...]:
        """Uses that cover ``scope``: the scope itself, else the release-wide ones."""
        own = tuple(use for use in self.uses if use.scope is scope)
        return own or tuple(use for use in self.uses if use.scope is Scope.RELEASE)

    def concluded(self, scope: Scope) -> tuple[LicenseUse, ...]:
        """The uses we trust for ``scope``: identified texts first, declarations otherwise."""
        uses = self.for_scope(scope)
        identified = tuple(use for use in uses if use.source is LicenseSource.IDENTIFIED)
        return identified or uses
