"""The licenses concluded for a release: each use with its scope, how we know, and a conflict
when the card's declaration and the license text disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from opengrade.model.evidence import Provenance, Scope
from opengrade.model.license import is_policy_key

NOTICE_VIA = "notice"
NESTED_VIA = "nested"
SUBORDINATE_VIAS = frozenset({NOTICE_VIA, NESTED_VIA})
"""Texts that do not decide the release: third-party notices, licenses of sub-folders."""
INHERITED_VIA = "inherited"
RESTRICTION_VIA = "prose-restriction"
"""A restriction stated in a sentence of the card: terms that are not open, license unknown."""
_ADDED_VIAS = frozenset({INHERITED_VIA, RESTRICTION_VIA})


def _is_policy_use(use: LicenseUse) -> bool:
    return bool(use.key and is_policy_key(use.key))


class LicenseSource(StrEnum):
    """``declared``: card metadata, prose or a manifest says so.
    ``identified``: we read the license text."""

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
    _concluded: dict[Scope, tuple[LicenseUse, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_concluded", {})  # concluded() per scope, asked many times

    def for_scope(self, scope: Scope) -> tuple[LicenseUse, ...]:
        """Uses that cover ``scope``: the scope's own, else the release-wide ones; plus the
        terms inherited from a base model and the restrictions stated in prose for that scope,
        which bind whatever else applies."""
        added = tuple(u for u in self.uses if u.via in _ADDED_VIAS and u.scope is scope)
        direct = [use for use in self.uses if use.via not in _ADDED_VIAS]
        own = tuple(use for use in direct if use.scope is scope)
        return (own or tuple(use for use in direct if use.scope is Scope.RELEASE)) + added

    def concluded(self, scope: Scope) -> tuple[LicenseUse, ...]:
        """The uses that decide ``scope``.

        Identified texts win over declarations, but a declaration of terms that are not open is
        never hidden: a card that says "CC-BY-NC" beside a re-hoster's MIT file keeps both, and
        a restriction stated in prose (no license key, not open) is kept unless a known license
        already makes the terms not open. With no
        identified text, the card's metadata wins over prose sentences, which may quote
        other models' licenses. Third-party notices and licenses of sub-folders count only when
        nothing else speaks.
        """
        known = self._concluded.get(scope)
        if known is None:
            known = self._concluded[scope] = self._conclude(scope)
        return known

    def _conclude(self, scope: Scope) -> tuple[LicenseUse, ...]:
        uses = [use for use in self.for_scope(scope) if use.via not in SUBORDINATE_VIAS]
        if not uses:
            return self.for_scope(scope)
        texts = [use for use in uses if use.source is LicenseSource.IDENTIFIED]
        declared = [use for use in uses if use.source is LicenseSource.DECLARED and use.key]
        restrictive = [use for use in declared if use.open is False]
        if any(use.key for use in texts):
            chosen = [use for use in texts if use.key] + restrictive
        else:
            firm = [use for use in declared if use.via != "prose"]
            chosen = texts + (
                firm + [u for u in restrictive if u not in firm] if firm else declared
            )
        stated = [use for use in uses if use.via == RESTRICTION_VIA and use.open is False]
        if any(use.key and use.open is False for use in chosen):
            stated = []  # a known license already says the terms are not open
        return tuple(chosen + [use for use in stated if use not in chosen]) or tuple(uses)

    def openness(self, scope: Scope) -> bool | None:
        """False when a concluded license for ``scope`` is not open, None when one is unknown."""
        values = [use.open for use in self.concluded(scope) if not _is_policy_use(use)]
        if False in values:
            return False
        if not values or None in values:
            return None
        return True


@dataclass(frozen=True, slots=True)
class ConcludedLicense:
    """The answer for one scope: which licenses govern it and whether they are open.

    ``keys`` are the catalogue keys of the concluded licenses (acceptable-use policies left out:
    they are obligations of the license they accompany; terms inherited from a base model are
    included with the weights). ``expression`` is the keys as one SPDX expression
    (``LicenseRef-<key>`` for keys that are not SPDX ids), None when nothing is known.
    ``open`` is None when no license speaks for the scope or one of them is unknown.
    ``evidence`` holds the provenance of each concluded license.
    """

    scope: Scope
    expression: str | None
    keys: tuple[str, ...]
    open: bool | None
    evidence: tuple[str, ...]
