"""Open-washing: where a release presents itself as open source and its evidence contradicts it.

Signals (codes, severities, messages) are data in ``data/openwashing.yaml`` (read by
``openwashing_rules``); the detectors here decide when each one fires. A claim
(``openwashing_claims``) is a sentence calling the release or its weights open, an open-source
tag, or, weakly, a name that calls the release open: findings resting on the name alone are
capped at a low severity. A mention of other open-source models or of code is not a claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from opengrade.errors import FrameworkError
from opengrade.frameworks.lineage import binding_terms
from opengrade.frameworks.openwashing_claims import Claim, ClaimStrength, excerpt, find_claims
from opengrade.frameworks.openwashing_rules import OpenwashingRules, Signal, load_openwashing_rules
from opengrade.frameworks.release_facts import TermsLookup, trusted_uses
from opengrade.licenses.conclude import is_policy
from opengrade.licenses.relicensing import keeps_obligations, relation_for
from opengrade.model.assessment import Outcome
from opengrade.model.evidence import Evidence, Scope, payloads
from opengrade.model.evidence_payloads import Gating, Lineage
from opengrade.model.findings import Finding, InheritedLicense, OsaidResult, Severity
from opengrade.model.licensing import INHERITED_VIA, Licensing


def find_openwashing(
    evidence: Sequence[Evidence],
    licensing: Licensing,
    *,
    release_id: str,
    terms_for: TermsLookup,
    inherited: Sequence[InheritedLicense] = (),
    osaid: OsaidResult,
    rules: OpenwashingRules | None = None,
) -> list[Finding]:
    """The open-washing findings for a release, high severity first, in a stable order.

    Signals marked ``requires_claim`` fire only when the release presents itself as open.
    """
    rules = rules or load_openwashing_rules()
    items = tuple(evidence)
    claims = find_claims(items, release_id, rules)
    explicit = [item for item in claims if item.strength is ClaimStrength.EXPLICIT]
    strongest = explicit or claims
    claim = None
    if strongest:
        where = tuple(where for item in strongest for where in item.evidence)
        claim = Claim(strongest[0].text, where, strongest[0].strength)
    context = _Context(items, licensing, terms_for, release_id, tuple(inherited), claim, osaid)
    findings = []
    for code, signal in rules.signals.items():
        if signal.requires_claim and claim is None:
            continue
        found = _DETECTORS[code](context, signal)
        if signal.requires_claim and not explicit:
            found = [_capped(finding, rules.name_severity) for finding in found]
        findings += found
    return sorted(findings, key=lambda finding: (_RANK[finding.severity], finding.code))


_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
PROSE_VIA = "prose"
"""How a declaration or a base found in a sentence of the card is marked (``via``)."""


def _capped(finding: Finding, cap: Severity) -> Finding:
    """The finding at no more than ``cap`` (a claim resting only on the release's name)."""
    if _RANK[finding.severity] >= _RANK[cap]:
        return finding
    return Finding(finding.code, cap, finding.message, finding.evidence)


@dataclass(slots=True)
class _Context:
    """What the detectors look at; the OSAID result is the one the assessment computed."""

    evidence: tuple[Evidence, ...]
    licensing: Licensing
    terms_for: TermsLookup
    release_id: str
    inherited: tuple[InheritedLicense, ...]
    claim: Claim | None
    osaid: OsaidResult

    @property
    def claimed(self) -> Claim:
        return self.claim or Claim("the release is presented as open", ())

    def osaid_result(self) -> OsaidResult:
        return self.osaid


Detector = Callable[["_Context", Signal], list[Finding]]
_DETECTORS: dict[str, Detector] = {}


def _detects(code: str) -> Callable[[Detector], Detector]:
    """Register the detector of the signal ``code`` (one per code, like the other rules)."""

    def register(detector: Detector) -> Detector:
        if code in _DETECTORS:
            raise FrameworkError(f"open-washing signal {code!r} has two detectors")
        _DETECTORS[code] = detector
        return detector

    return register


def _finding(
    signal: Signal, evidence: Sequence[str], severity: Severity | None = None, **fields: str
) -> list[Finding]:
    """One finding from a signal, its message filled from ``fields``."""
    message = signal.message.format(**fields)
    unique = tuple(dict.fromkeys(item for item in evidence if item))
    return [Finding(signal.code, severity or signal.severity, message, unique)]


@_detects("declared-license-contradicted")
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


@_detects("relicensed-against-base")
def _relicensing(context: _Context, signal: Signal) -> list[Finding]:
    """The release's weights carry only terms that drop what its base binds derivatives to (no
    claim needed): Apache-2.0 over a Llama or RAIL base, not one RAIL license over another with
    the same use restrictions (``licenses/data/relicensing.yaml``). A publisher relicensing its own
    base (same organisation) is its right, not a finding.
    """
    findings = []
    uses = {
        use.key: use
        for use in reversed(trusted_uses(context.licensing, Scope.WEIGHTS))
        if use.key and not is_policy(use.key) and use.via != INHERITED_VIA
    }.values()
    for base in binding_terms(context.inherited, context.release_id):
        if not base.license or any(keeps_obligations(base.license, u.key or "") for u in uses):
            continue
        relation = relation_for(base.license)
        clause = f"{relation.clause}: {relation.binds}" if relation is not None else base.clause
        uncertain = not _declared_base(context.evidence, base.base)
        for use in uses:
            findings += _finding(
                signal,
                (str(use.provenance), *base.evidence, base.reference),
                signal.severity_if_uncertain if uncertain else None,
                license=use.key or "",
                base=base.base,
                base_license=base.license,
                clause=clause,
            )
    return findings


def _declared_base(evidence: Sequence[Evidence], base: str) -> bool:
    """Whether ``base`` is declared in the card's metadata (``base_model``, tags) or was read,
    not only named in a sentence (which may speak of a sibling or of the family)."""
    wanted = base.lower()
    return any(
        lineage.base.lower().strip("/") == wanted and lineage.via != PROSE_VIA
        for lineage, _ in payloads(evidence, Lineage)
    )


@_detects("restricted-weights-claimed-open")
def _restricted(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open, but the weights' terms are not OSD-conformant. Terms known only from prose
    while the card's metadata names other terms get the signal's lower severity (a sentence
    about a base, a dataset or an older license is not proof of the weights' terms)."""
    findings = []
    seen: set[str] = set()
    uses = trusted_uses(context.licensing, Scope.WEIGHTS)
    prose_bases = {
        (base.license or "").lower()
        for base in context.inherited
        if base.license and not _declared_base(context.evidence, base.base)
    }
    firm = {
        use.key
        for use in uses
        if use.key
        and use.via != PROSE_VIA
        and not (use.via == INHERITED_VIA and use.key.lower() in prose_bases)
    }
    specific = {key for key in firm if key and key.lower() != "other" and not is_policy(key)}
    for use in uses:
        if use.key is None or is_policy(use.key) or use.open is not False or use.key in seen:
            continue
        seen.add(use.key)
        terms = context.terms_for(use.key)
        category = str(terms.category) if terms is not None else "terms not open"
        clause = terms.osd_breaking_clause if terms is not None else None
        uncertain = use.key not in firm and bool(specific - {use.key})
        findings += _finding(
            signal,
            (*context.claimed.evidence, str(use.provenance)),
            signal.severity_if_uncertain if uncertain else None,
            claim=context.claimed.text,
            license=use.key,
            category=category,
            clause=f" ({clause})" if clause else "",
        )
    stated = [use for use in uses if use.key is None and use.open is False and use.raw]
    if findings or not stated:
        return findings
    quoted = next((use for use in stated if use.raw.isascii()), stated[0])
    return _finding(
        signal,
        (*context.claimed.evidence, *(str(use.provenance) for use in stated)),
        signal.severity_if_uncertain if specific else None,  # the metadata names other terms
        claim=context.claimed.text,
        license=f'terms the card states ("{excerpt(quoted.raw, 200)}", {quoted.provenance})',
        category="restrictions stated in prose",
        clause="",
    )


@_detects("claimed-open-terms-unknown")
def _terms_unknown(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open, and no concluded weights license is known to be open or restrictive."""
    uses = [
        use
        for use in trusted_uses(context.licensing, Scope.WEIGHTS)
        if not (use.key and is_policy(use.key))
    ]
    if any(use.open is not None for use in uses):
        return []  # decided either way: the restricted-weights signal covers "not open"
    where = "; ".join(str(use.provenance) for use in uses[:2]) or "no license found"
    evidence = (*context.claimed.evidence, *(str(use.provenance) for use in uses[:2]))
    return _finding(signal, evidence, claim=context.claimed.text, where=where)


_MISSING = {
    "code": "the code to train and run it is not published under OSI-approved licenses",
    "data-information": "the training data is not described",
}


@_detects("open-weights-only")
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


@_detects("gated-while-open")
def _gated(context: _Context, signal: Signal) -> list[Finding]:
    """Claimed open, but the weights sit behind an access gate."""
    gates = list(payloads(context.evidence, Gating))
    if not gates:
        return []
    gate, item = gates[0]
    return _finding(
        signal,
        (*context.claimed.evidence, str(item.provenance)),
        claim=context.claimed.text,
        gate=gate.field,
    )


def describe_detector(code: str) -> str:
    """When the signal ``code`` fires: its detector's docstring on one line ("" if unknown)."""
    detector = _DETECTORS.get(code)
    return " ".join((detector.__doc__ or "").split()) if detector is not None else ""
