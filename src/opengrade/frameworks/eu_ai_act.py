"""EU AI Act Art. 53(2) pre-check: could the open-source exemption apply to this release?

Guidance, not legal advice. Conditions are rules in ``data/eu_ai_act.yaml``: an open license
allowing access, use, modification and distribution; public weights, architecture and usage
information; not monetised (which a release cannot show, so it stays ``unknown``). The systemic
risk limit is stated as out of scope.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from opengrade.errors import FrameworkError
from opengrade.evidence.facts import derive_facts
from opengrade.frameworks.engine import PredicateRegistry, RuleSet, Verdict, parse_rules
from opengrade.frameworks.release_facts import (
    TermsLookup,
    declared_component,
    evidence_label,
    license_verdict,
    of_kind,
    read_document,
    trusted_uses,
)
from opengrade.model.assessment import Outcome
from opengrade.model.evidence import ArtifactKind, Evidence, EvidenceKind, Scope, payloads
from opengrade.model.evidence_payloads import ArtifactFact, CardSection, Gating, Link
from opengrade.model.facts import DerivedFacts, WeightsPresence
from opengrade.model.findings import ExemptionResult, ExemptionStatus
from opengrade.model.licensing import Licensing

_NOT_MONETISED = "not-monetised"
_ARCHITECTURE_ARTIFACTS = frozenset(
    {ArtifactKind.CONFIG, ArtifactKind.ARCHITECTURE_CODE, ArtifactKind.INFERENCE_CODE}
)


@dataclass(frozen=True, slots=True)
class ExemptionRules:
    """The Art. 53(2) conditions, the out-of-scope notes and the disclaimer."""

    rules: RuleSet
    notes: tuple[str, ...]
    disclaimer: str


@dataclass(frozen=True, slots=True)
class _Subject:
    evidence: tuple[Evidence, ...]
    licensing: Licensing
    terms_for: TermsLookup
    release_id: str = ""
    facts: DerivedFacts = field(default_factory=lambda: DerivedFacts(WeightsPresence.ABSENT))


_PREDICATES: PredicateRegistry[_Subject] = PredicateRegistry()


@functools.cache
def load_exemption_rules() -> ExemptionRules:
    """The packaged Art. 53(2) rules (read once)."""
    document = read_document("eu_ai_act.yaml")
    rules = parse_rules(document, origin="eu_ai_act.yaml")
    _PREDICATES.check(rules)
    notes = document.get("notes") or []
    disclaimer = document.get("disclaimer")
    if not isinstance(notes, list) or not isinstance(disclaimer, str) or not disclaimer:
        raise FrameworkError("eu_ai_act.yaml: notes (a list) and disclaimer (text) are required")
    return ExemptionRules(rules, tuple(str(note).strip() for note in notes), disclaimer.strip())


def assess_exemption(
    evidence: Sequence[Evidence],
    licensing: Licensing,
    *,
    terms_for: TermsLookup,
    release_id: str = "",
    rules: ExemptionRules | None = None,
    facts: DerivedFacts | None = None,
) -> ExemptionResult:
    """Pre-check the Art. 53(2) open-source exemption for a release (guidance only).

    ``release_id`` (``org/name``) recognises links to the release's own weights; ``facts`` are
    the facts the pipeline derived (derived here when a caller grades evidence alone)."""
    rules = rules or load_exemption_rules()
    items = tuple(evidence)
    derived = facts or derive_facts(items, release_id)
    subject = _Subject(items, licensing, terms_for, release_id, derived)
    conditions = _PREDICATES.evaluate(rules.rules.rules, subject)
    checkable = [result.outcome for result in conditions if result.rule != _NOT_MONETISED]
    if Outcome.NOT_MET in checkable:
        status = ExemptionStatus.NOT_ELIGIBLE
    elif Outcome.UNKNOWN in checkable:
        status = ExemptionStatus.UNKNOWN
    else:
        status = ExemptionStatus.INDICATED
    return ExemptionResult(
        version=rules.rules.version,
        source=rules.rules.source,
        status=status,
        conditions=conditions,
        notes=rules.notes,
        disclaimer=rules.disclaimer,
    )


@_PREDICATES.register("eu-open-license")
def _open_license(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    uses = trusted_uses(subject.licensing, Scope.WEIGHTS)
    return license_verdict(uses, "weights", subject.terms_for)


@_PREDICATES.register("eu-weights-public")
def _weights_public(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    weights = subject.facts.weights_evidence
    if not weights:
        links = list(payloads(subject.facts.own_model_links, Link))
        if subject.facts.weights is WeightsPresence.LINKED:
            target, item = links[0]
            return Verdict(
                Outcome.UNKNOWN,
                f"weights not in this copy; linked at {target.target}, not read",
                (str(item.provenance),),
            )
        return Verdict(Outcome.NOT_MET, "no weights in the release, and none linked")
    evidence = (str(weights[0].provenance),)
    if subject.facts.weights is not WeightsPresence.SEEN:
        return Verdict(
            Outcome.UNKNOWN,
            f"weights only declared ({evidence_label(weights[0])}), not read",
            evidence,
        )
    gates = list(payloads(subject.evidence, Gating))
    published = weights[0].payload.value_text()
    if gates:
        gate, gate_item = gates[0]
        return Verdict(
            Outcome.UNKNOWN,
            f"weights published ({published}) but access is gated ({gate.field}); "
            "whether gated access counts as public is for the provider to assess",
            (*evidence, str(gate_item.provenance)),
        )
    return Verdict(Outcome.MET, f"weights published: {published}", evidence)


@_PREDICATES.register("eu-architecture-public")
def _architecture_public(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    candidates = []
    for fact, item in payloads(subject.evidence, ArtifactFact):
        described = fact.architecture or fact.model_type or ""
        if fact.kind in _ARCHITECTURE_ARTIFACTS or described:
            candidates.append((not described, fact.path, described, item))
    if not candidates:
        manifest = declared_component(subject.evidence, "Model architecture")
        return manifest or Verdict(
            Outcome.NOT_MET, "no configuration or model code describes the architecture"
        )
    _, path, described, item = min(candidates, key=lambda candidate: candidate[:2])
    what = f"{path} ({described})" if described else path
    return Verdict(Outcome.MET, f"architecture published: {what}", (str(item.provenance),))


@_PREDICATES.register("eu-usage-public")
def _usage_public(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    wanted = {name.strip() for name in str(params.get("sections", "")).split(",") if name}
    cards = of_kind(subject.evidence, EvidenceKind.CARD)
    if not cards:
        manifest = declared_component(subject.evidence, "Model card")
        return manifest or Verdict(
            Outcome.NOT_MET, "no model card: no usage information is published"
        )
    for section, item in payloads(subject.evidence, CardSection):
        if section.category in wanted:
            return Verdict(
                Outcome.MET,
                f"the card's section {section.heading!r} gives usage information",
                (str(item.provenance),),
            )
    return Verdict(
        Outcome.UNKNOWN,
        "the card has no section on intended use or limitations; a reader must judge its text",
        (str(cards[0].provenance),),
    )


@_PREDICATES.register("eu-not-monetised")
def _not_monetised(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    for use in trusted_uses(subject.licensing, Scope.WEIGHTS):
        terms = subject.terms_for(use.key) if use.key else None
        if terms is not None and terms.charges_for_use:
            return Verdict(
                Outcome.NOT_MET,
                f"the weights' license {use.key} charges for use ({terms.charges_for_use})",
                (str(use.provenance),),
            )
    return Verdict(
        Outcome.UNKNOWN,
        "whether the model is provided against a price or otherwise monetised cannot be seen "
        "in a release; the provider must confirm it",
    )
