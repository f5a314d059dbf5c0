"""Open-washing: where a release presents itself as open source and its evidence contradicts it.

Signals (codes, severities, messages) are data in ``data/openwashing.yaml``; the detectors here
decide when each one fires. A claim is a self-claim about this release (CLAIM evidence with
``about_release``), an open-source tag, or a name that calls the release open; a mention of other
open-source models is not a claim.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from opengrade.errors import FrameworkError
from opengrade.frameworks.osaid import assess_osaid
from opengrade.frameworks.release_facts import TermsLookup, of_kind, read_document, trusted_uses
from opengrade.licenses.conclude import is_policy
from opengrade.model.assessment import Outcome
from opengrade.model.evidence import Evidence, EvidenceKind, Scope
from opengrade.model.findings import Finding, InheritedLicense, OsaidResult, Severity
from opengrade.model.licensing import Licensing

_FIELDS = {
    "restricted-weights-claimed-open": {"claim", "license", "category", "clause"},
    "declared-license-contradicted": {"declared", "scope", "where", "identified"},
    "relicensed-against-base": {"license", "base", "base_license", "clause"},
    "open-weights-only": {"claim", "missing"},
    "gated-while-open": {"claim", "gate"},
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


@dataclass(frozen=True, slots=True)
class OpenwashingRules:
    """The signals and what counts as a claim of openness."""

    version: str
    signals: Mapping[str, Signal]
    claim_classes: frozenset[str]
    claim_tags: frozenset[str]
    name_pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Claim:
    """Where the release presents itself as open source."""

    text: str
    evidence: tuple[str, ...]


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
        if not isinstance(raw, Mapping) or raw.get("code") not in _FIELDS:
            raise FrameworkError(f"{where}.code: expected one of {sorted(_FIELDS)}")
        code, message = str(raw["code"]), raw.get("message")
        if not isinstance(message, str):
            raise FrameworkError(f"{where}.message: expected a template")
        used = {field for _, field, _, _ in string.Formatter().parse(message) if field}
        if not used <= _FIELDS[code]:
            raise FrameworkError(f"{where}.message: unknown fields {sorted(used - _FIELDS[code])}")
        try:
            severity = Severity(str(raw.get("severity")))
            both_open = raw.get("severity_if_both_open")
            lower = Severity(str(both_open)) if both_open else None
        except ValueError as error:
            raise FrameworkError(f"{where}.severity: {error}") from error
        signals[code] = Signal(
            code,
            severity,
            message,
            bool(raw.get("requires_claim")),
            str(raw.get("source", "")),
            lower,
        )
    try:
        pattern = re.compile(str(claims.get("name_pattern", "$^")), re.IGNORECASE)
    except re.error as error:
        raise FrameworkError(f"{origin}: claims.name_pattern: {error}") from error
    return OpenwashingRules(
        version=str(document.get("version", "")),
        signals=signals,
        claim_classes=frozenset(map(str, claims.get("classes") or [])),
        claim_tags=frozenset(str(tag).lower() for tag in claims.get("tags") or []),
        name_pattern=pattern,
    )


def find_claims(
    evidence: Sequence[Evidence], release_id: str, rules: OpenwashingRules
) -> list[Claim]:
    """Every place the release calls itself open source (self-claims, tags, its own name)."""
    claims = []
    for item in of_kind(evidence, EvidenceKind.CLAIM):
        if item.details.get("about_release") is True and item.subject in rules.claim_classes:
            sentence = excerpt(item.value)
            claims.append(Claim(f'the card says "{sentence}"', (str(item.provenance),)))
    for item in of_kind(evidence, EvidenceKind.CARD_FIELD):
        if item.subject == "tags":
            tags = {tag.strip().lower() for tag in item.value.split(",")}
            for tag in sorted(tags & rules.claim_tags):
                claims.append(Claim(f"the card is tagged {tag!r}", (str(item.provenance),)))
    name = release_id.rstrip("/").rsplit("/", 1)[-1]
    if name and rules.name_pattern.search(name):
        claims.append(Claim(f"the release's name {name!r} calls it open", (release_id,)))
    return claims


def excerpt(sentence: str, width: int = 120) -> str:
    """The sentence, or ``width`` characters of it around its first "open"."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    found = re.search(r"open", text, re.IGNORECASE)
    start = max(0, min((found.start() if found else 0) - width // 3, len(text) - width))
    cut = text[start : start + width]
    return ("..." if start else "") + cut + ("..." if start + width < len(text) else "")


def find_openwashing(
    evidence: Sequence[Evidence],
    licensing: Licensing,
    *,
    release_id: str,
    terms_for: TermsLookup,
    inherited: Sequence[InheritedLicense] = (),
    osaid: OsaidResult | None = None,
    rules: OpenwashingRules | None = None,
) -> list[Finding]:
    """The open-washing findings for a release, high severity first, in a stable order.

    Signals marked ``requires_claim`` fire only when the release presents itself as open.
    """
    rules = rules or load_openwashing_rules()
    items = tuple(evidence)
    claims = find_claims(items, release_id, rules)
    claim = None
    if claims:
        claim = Claim(claims[0].text, tuple(where for item in claims for where in item.evidence))
    context = _Context(items, licensing, terms_for, release_id, tuple(inherited), claim, osaid)
    findings = []
    for code, signal in rules.signals.items():
        if signal.requires_claim and claim is None:
            continue
        findings += _DETECTORS[code](context, signal)
    order = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
    return sorted(findings, key=lambda finding: (order[finding.severity], finding.code))


@dataclass(slots=True)
class _Context:
    """What the detectors look at; the OSAID result is computed only if a detector needs it."""

    evidence: tuple[Evidence, ...]
    licensing: Licensing
    terms_for: TermsLookup
    release_id: str
    inherited: tuple[InheritedLicense, ...]
    claim: Claim | None
    osaid: OsaidResult | None

    @property
    def claimed(self) -> Claim:
        return self.claim or Claim("the release is presented as open", ())

    def osaid_result(self) -> OsaidResult:
        if self.osaid is None:
            self.osaid = assess_osaid(
                self.evidence, self.licensing, terms_for=self.terms_for, release_id=self.release_id
            )
        return self.osaid


def _finding(
    signal: Signal, evidence: Sequence[str], severity: Severity | None = None, **fields: str
) -> list[Finding]:
    """One finding from a signal, its message filled from ``fields``."""
    message = signal.message.format(**fields)
    unique = tuple(dict.fromkeys(item for item in evidence if item))
    return [Finding(signal.code, severity or signal.severity, message, unique)]


def _contradictions(context: _Context, signal: Signal) -> list[Finding]:
    """The card declares one license and the license text is another (no claim needed).

    Two OSD-conformant licenses that disagree get the signal's lower severity.
    """
    findings = []
    for conflict in context.licensing.conflicts:
        facts = [context.terms_for(key) for key in conflict.declared + conflict.identified]
        both_open = all(terms is not None and terms.osd_conformant for terms in facts)
        findings += _finding(
            signal,
            (str(conflict.declared_at), str(conflict.identified_at)),
            signal.severity_if_both_open if both_open else None,
            declared=" + ".join(conflict.declared),
            scope=str(conflict.scope),
            where=str(conflict.identified_at),
            identified=" + ".join(conflict.identified),
        )
    return findings


def _relicensing(context: _Context, signal: Signal) -> list[Finding]:
    """The release carries other terms than a base whose terms forbid it (no claim needed).

    A publisher relicensing its own base (same organisation) is its right, not a finding.
    """
    findings = []
    uses = {
        use.key: use
        for use in reversed(trusted_uses(context.licensing, Scope.WEIGHTS))
        if use.key and not is_policy(use.key)
    }.values()
    release_id = context.release_id
    publisher = release_id.split("/", 1)[0].lower() if "/" in release_id else None
    for base in context.inherited:
        if base.relicensing_allowed is not False or base.license is None:
            continue
        if publisher is not None and base.organisation.lower() == publisher:
            continue
        for use in uses:
            if use.key and use.key.lower() != base.license.lower():
                findings += _finding(
                    signal,
                    (str(use.provenance), *base.evidence, base.reference),
                    license=use.key,
                    base=base.base,
                    base_license=base.license,
                    clause=base.clause,
                )
    return findings


def _restricted(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open, but the weights' terms are not OSD-conformant."""
    findings = []
    seen: set[str] = set()
    for use in trusted_uses(context.licensing, Scope.WEIGHTS):
        if use.key is None or is_policy(use.key) or use.open is not False or use.key in seen:
            continue
        seen.add(use.key)
        terms = context.terms_for(use.key)
        category = str(terms.category) if terms is not None else "terms not open"
        clause = terms.osd_breaking_clause if terms is not None else None
        findings += _finding(
            signal,
            (*context.claimed.evidence, str(use.provenance)),
            claim=context.claimed.text,
            license=use.key,
            category=category,
            clause=f" ({clause})" if clause else "",
        )
    return findings


_MISSING = {
    "code": "the code to train and run it is not published under OSI-approved licenses",
    "data-information": "the training data is not described",
}


def _weights_only(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open source, but the training code or the data information is missing."""
    failed = [
        result
        for result in context.osaid_result().requirements
        if result.rule in _MISSING and result.outcome is Outcome.NOT_MET
    ]
    if not failed:
        return []
    return _finding(
        signal,
        (*context.claimed.evidence, *(item for result in failed for item in result.evidence)),
        claim=context.claimed.text,
        missing=" and ".join(_MISSING[result.rule] for result in failed),
    )


def _gated(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open, but the weights sit behind an access gate."""
    gates = of_kind(context.evidence, EvidenceKind.GATING)
    if not gates:
        return []
    return _finding(
        signal,
        (*context.claimed.evidence, str(gates[0].provenance)),
        claim=context.claimed.text,
        gate=gates[0].subject,
    )


_DETECTORS: dict[str, Callable[[_Context, Signal], list[Finding]]] = {
    "restricted-weights-claimed-open": _restricted,
    "declared-license-contradicted": _contradictions,
    "relicensed-against-base": _relicensing,
    "open-weights-only": _weights_only,
    "gated-while-open": _gated,
}
