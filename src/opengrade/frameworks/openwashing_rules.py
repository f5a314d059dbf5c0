"""Open-washing signals as data: codes, severities, message templates and what counts as a claim.

Read from ``data/openwashing.yaml``. A message template may only use the fields its signal's
detector fills; a broken file is a FrameworkError that names the field.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from opengrade.errors import FrameworkError
from opengrade.frameworks.release_facts import read_document
from opengrade.model.findings import Severity

# The fields each signal's message may use (filled by its detector in ``openwashing``).
SIGNAL_FIELDS = {
    "restricted-weights-claimed-open": {"claim", "license", "category", "clause"},
    "declared-license-contradicted": {"declared", "scope", "where", "identified"},
    "relicensed-against-base": {"license", "base", "base_license", "clause"},
    "open-weights-only": {"claim", "missing"},
    "gated-while-open": {"claim", "gate"},
    "claimed-open-terms-unknown": {"claim", "where"},
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One open-washing signal as data."""

    code: str
    severity: Severity
    message: str
    requires_claim: bool
    source: str
    severity_if_both_open: Severity | None = None
    severity_if_uncertain: Severity | None = None


@dataclass(frozen=True, slots=True)
class OpenwashingRules:
    """The signals and what counts as a claim of openness, with the sources they rest on."""

    version: str
    signals: Mapping[str, Signal]
    claim_classes: frozenset[str]
    claim_tags: frozenset[str]
    name_pattern: re.Pattern[str]
    source: str = ""
    references: tuple[str, ...] = ()
    claim_targets: frozenset[str] = frozenset({"weights", "release"})
    name_severity: Severity = Severity.LOW
    names_not_openness: Mapping[str, str] = dataclasses.field(default_factory=dict)


@functools.cache
def load_openwashing_rules() -> OpenwashingRules:
    """The packaged open-washing signals (read once)."""
    return parse_openwashing_rules(read_document("openwashing.yaml"), origin="openwashing.yaml")


def parse_openwashing_rules(document: Mapping[str, object], *, origin: str) -> OpenwashingRules:
    """Build the rules from their parsed YAML; FrameworkError names the broken field."""
    raw_signals = document.get("signals")
    claims = document.get("claims")
    if not isinstance(raw_signals, list) or not isinstance(claims, Mapping):
        raise FrameworkError(f"{origin}: signals (a list) and claims (a mapping) are required")
    signals = {}
    for index, raw in enumerate(raw_signals):
        where = f"{origin}: signals[{index}]"
        if not isinstance(raw, Mapping) or raw.get("code") not in SIGNAL_FIELDS:
            raise FrameworkError(f"{where}.code: expected one of {sorted(SIGNAL_FIELDS)}")
        code, message = str(raw["code"]), raw.get("message")
        if not isinstance(message, str):
            raise FrameworkError(f"{where}.message: expected a template")
        used = {field for _, field, _, _ in string.Formatter().parse(message) if field}
        if not used <= SIGNAL_FIELDS[code]:
            raise FrameworkError(
                f"{where}.message: unknown fields {sorted(used - SIGNAL_FIELDS[code])}"
            )
        try:
            severity = Severity(str(raw.get("severity")))
            both_open = raw.get("severity_if_both_open")
            lower = Severity(str(both_open)) if both_open else None
            uncertain = raw.get("severity_if_uncertain")
            if_uncertain = Severity(str(uncertain)) if uncertain else None
        except ValueError as error:
            raise FrameworkError(f"{where}.severity: {error}") from error
        signals[code] = Signal(
            code,
            severity,
            message,
            bool(raw.get("requires_claim")),
            str(raw.get("source", "")),
            lower,
            if_uncertain,
        )
    try:
        pattern = re.compile(str(claims.get("name_pattern", "$^")), re.IGNORECASE)
    except re.error as error:
        raise FrameworkError(f"{origin}: claims.name_pattern: {error}") from error
    not_openness = claims.get("names_not_openness") or {}
    if not isinstance(not_openness, Mapping):
        raise FrameworkError(f"{origin}: claims.names_not_openness: expected name: reason")
    try:
        name_severity = Severity(str(claims.get("name_severity", "low")))
    except ValueError as error:
        raise FrameworkError(f"{origin}: claims.name_severity: {error}") from error
    return OpenwashingRules(
        version=str(document.get("version", "")),
        signals=signals,
        claim_classes=frozenset(map(str, claims.get("classes") or [])),
        claim_tags=frozenset(str(tag).lower() for tag in claims.get("tags") or []),
        name_pattern=pattern,
        source=str(document.get("source", "")),
        references=_texts(document.get("references"), f"{origin}: references"),
        claim_targets=frozenset(map(str, claims.get("targets") or ["weights", "release"])),
        name_severity=name_severity,
        names_not_openness={str(k).lower(): str(v) for k, v in not_openness.items()},
    )


def _texts(raw: object, where: str) -> tuple[str, ...]:
    """A list of strings from the rules file (absent: none)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise FrameworkError(f"{where}: expected a list")
    return tuple(str(item) for item in raw)
