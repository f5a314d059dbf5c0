"""OSAID 1.0: is the release open source AI? Data Information, Code and Parameters, from evidence.

The requirements are rules in ``data/osaid.yaml`` run by the rules engine over named predicates.
Verdict: ``not-conformant`` when a requirement is not met, ``unverified`` when none fails but
one is only declared (a linked repository not read, license terms not known), else
``conformant``. A release that neither includes nor links what a requirement needs fails it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from opengrade.errors import FrameworkError
from opengrade.evidence.facts import derive_facts
from opengrade.frameworks.engine import PredicateRegistry, RuleSet, Verdict, parse_rules
from opengrade.frameworks.release_facts import (
    TermsLookup,
    combine,
    declared_component,
    evidence_label,
    license_verdict,
    read_document,
    trusted_uses,
)
from opengrade.frameworks.training_data import DatasetRules, classify_datasets
from opengrade.model.assessment import Outcome, RuleResult
from opengrade.model.evidence import ArtifactKind, Evidence, Scope, Status, payloads
from opengrade.model.evidence_payloads import (
    ArtifactFact,
    CardField,
    CardSection,
    Link,
    SectionCategory,
)
from opengrade.model.facts import DerivedFacts, WeightsPresence
from opengrade.model.findings import (
    DataAvailability,
    DatasetClassification,
    OsaidResult,
    OsaidVerdict,
)
from opengrade.model.licensing import Licensing

# Which artifacts make up each part of the code OSAID asks for.
_CODE_PARTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("training", frozenset({ArtifactKind.TRAINING_CODE})),
    ("data-processing", frozenset({ArtifactKind.PREPROCESSING_CODE})),
    ("inference", frozenset({ArtifactKind.INFERENCE_CODE, ArtifactKind.ARCHITECTURE_CODE})),
)
# The MOF components a MOT manifest declares for each part (self-reported, never verified).
_CODE_COMPONENTS = {
    "training": ("Training code",),
    "data-processing": ("Data preprocessing code",),
    "inference": ("Inference code", "Model architecture"),
}


@dataclass(frozen=True, slots=True)
class InferenceLibrary:
    """A library that runs a model named by the card's ``library_name``, with its license."""

    name: str
    license: str
    source: str


@dataclass(frozen=True, slots=True)
class OsaidRules:
    """The OSAID rules file: the engine's rule set plus the data the predicates consult."""

    rules: RuleSet
    datasets: DatasetRules
    inference_libraries: Mapping[str, InferenceLibrary]


@dataclass(frozen=True, slots=True)
class _Subject:
    """What the OSAID predicates look at."""

    evidence: tuple[Evidence, ...]
    licensing: Licensing
    terms_for: TermsLookup
    datasets: tuple[DatasetClassification, ...]
    libraries: Mapping[str, InferenceLibrary] = field(default_factory=dict)
    release_id: str = ""
    facts: DerivedFacts = field(default_factory=lambda: DerivedFacts(WeightsPresence.ABSENT))


_PREDICATES: PredicateRegistry[_Subject] = PredicateRegistry()


@functools.cache
def load_osaid_rules() -> OsaidRules:
    """The packaged OSAID 1.0 rules (read once)."""
    document = read_document("osaid.yaml")
    rules = parse_rules(document, origin="osaid.yaml")
    _PREDICATES.check(rules)
    libraries = {}
    raw_libraries = document.get("inference_libraries") or {}
    if not isinstance(raw_libraries, Mapping):
        raise FrameworkError("osaid.yaml: inference_libraries: expected a mapping")
    for name, entry in raw_libraries.items():
        if not isinstance(entry, Mapping) or not isinstance(entry.get("license"), str):
            raise FrameworkError(f"osaid.yaml: inference_libraries.{name}: expected a license")
        libraries[str(name)] = InferenceLibrary(
            str(name), str(entry["license"]), str(entry.get("source", ""))
        )
    return OsaidRules(rules, DatasetRules.from_document(document, "osaid.yaml"), libraries)


def assess_osaid(
    evidence: Sequence[Evidence],
    licensing: Licensing,
    *,
    terms_for: TermsLookup,
    release_id: str = "",
    dataset_licenses: Mapping[str, str] | None = None,
    rules: OsaidRules | None = None,
    facts: DerivedFacts | None = None,
) -> OsaidResult:
    """Grade a release against OSAID 1.0.

    ``release_id`` (``org/name``) tells the release's own code repositories from code of other
    projects the card merely mentions. ``dataset_licenses`` maps a dataset id to its license key
    where a caller knows it (a dataset card read); ``terms_for`` gives a license key's terms
    (the license catalogue). ``facts`` are the facts the pipeline derived from the evidence
    (derived here when a caller grades evidence alone).
    """
    rules = rules or load_osaid_rules()
    items = tuple(evidence)
    datasets = classify_datasets(items, rules.datasets, terms_for, dataset_licenses or {})
    subject = _Subject(
        items,
        licensing,
        terms_for,
        datasets,
        rules.inference_libraries,
        release_id,
        facts or derive_facts(items, release_id),
    )
    results = _PREDICATES.evaluate(rules.rules.rules, subject)
    return OsaidResult(
        version=rules.rules.version,
        source=rules.rules.source,
        verdict=verdict_of(results),
        requirements=results,
        datasets=datasets,
    )


def verdict_of(results: Iterable[RuleResult]) -> OsaidVerdict:
    """not-conformant if any requirement fails, unverified if any is unknown, else conformant."""
    outcomes = {result.outcome for result in results}
    if Outcome.NOT_MET in outcomes:
        return OsaidVerdict.NOT_CONFORMANT
    if Outcome.UNKNOWN in outcomes or not outcomes:
        return OsaidVerdict.UNVERIFIED
    return OsaidVerdict.CONFORMANT


@_PREDICATES.register("osaid-parameters")
def _parameters(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    weights = subject.facts.weights_evidence
    uses = trusted_uses(subject.licensing, Scope.WEIGHTS)
    terms = license_verdict(uses, "weights", subject.terms_for)
    seen = [item for item in weights if item.status is Status.VERIFIED]
    if subject.facts.weights is WeightsPresence.SEEN:
        first = seen[0]
        found = Verdict(
            Outcome.MET, f"weights: {first.payload.value_text()}", (str(first.provenance),)
        )
        return combine([found, terms])
    if weights:  # named by an upstream listing, an LFS pointer or a manifest: not seen
        listed = Verdict(
            Outcome.UNKNOWN,
            f"weights only declared ({evidence_label(weights[0])}), not read",
            (str(weights[0].provenance),),
        )
        return combine([listed, terms])
    links = subject.facts.own_model_links
    if subject.facts.weights is WeightsPresence.LINKED:
        where = ", ".join(link.target for link, _ in payloads(links[:2], Link))
        linked = Verdict(
            Outcome.UNKNOWN,
            f"weights not in the release; linked at {where}, not read",
            tuple(str(item.provenance) for item in links[:2]),
        )
        return combine([linked, terms])
    missing = Verdict(Outcome.NOT_MET, "the release neither includes nor links its weights")
    return combine([missing, terms]) if uses else missing


@_PREDICATES.register("osaid-code")
def _code(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    artifacts = list(payloads(subject.evidence, ArtifactFact))
    links = subject.facts.own_code_links
    generic = [item for fact, item in artifacts if fact.kind is ArtifactKind.CODE]
    code_uses = trusted_uses(subject.licensing, Scope.CODE)
    parts = []
    links_named = False
    for part, kinds in _CODE_PARTS:
        found = [item for fact, item in artifacts if fact.kind in kinds]
        if found:
            verdict = license_verdict(code_uses, "code", subject.terms_for)
            evidence = _places(found) + verdict.evidence
            parts.append(Verdict(verdict.outcome, f"{part} code: {verdict.reason}", evidence))
        elif part == "inference" and (library := _inference_library(subject)) is not None:
            parts.append(library)
        elif generic:
            names = ", ".join(item.payload.value_text() for item in generic[:3])
            reason = (
                f"none of the {len(generic)} code files ({names}...) is recognisably {part} "
                "code by its name"
            )
            parts.append(Verdict(Outcome.UNKNOWN, f"{part} code: {reason}", _places(generic)))
        elif links:
            if links_named:
                reason = "not in the release; the repositories linked above were not read"
            else:
                urls = ", ".join(link.target for link, _ in payloads(links[:3], Link))
                reason = f"not in the release; the card links {urls}, not read"
                reason += " (pass a checkout with --code)"
                links_named = True
            parts.append(Verdict(Outcome.UNKNOWN, f"{part} code: {reason}", _places(links)))
        elif (
            manifest := declared_component(subject.evidence, *_CODE_COMPONENTS[part])
        ) is not None:
            parts.append(
                Verdict(manifest.outcome, f"{part} code: {manifest.reason}", manifest.evidence)
            )
        else:
            parts.append(Verdict(Outcome.NOT_MET, f"{part} code: neither included nor linked"))
    return combine(parts)


def _places(items: Sequence[Evidence]) -> tuple[str, ...]:
    """Where the first three items were found."""
    return tuple(str(item.provenance) for item in items[:3])


def _inference_library(subject: _Subject) -> Verdict | None:
    """Inference code from the library the card names, when its license is known to be open."""
    for card_field, item in payloads(subject.evidence, CardField):
        if card_field.field != "library_name":
            continue
        library = subject.libraries.get(card_field.text.strip().lower())
        if library is None:
            return None
        terms = subject.terms_for(library.license)
        approved = terms.osi_approved if terms is not None else None
        outcome = (
            Outcome.UNKNOWN if approved is None else Outcome.MET if approved else Outcome.NOT_MET
        )
        return Verdict(
            outcome,
            f"inference code: the {library.name} library ({library.license}), named by the card",
            (str(item.provenance), library.source),
        )
    return None


@_PREDICATES.register("osaid-data-information")
def _data_information(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    minimum = params.get("min_section_chars", 200)
    minimum = minimum if isinstance(minimum, int) else 200
    sections = [
        (section, item)
        for section, item in payloads(subject.evidence, CardSection)
        if section.category is SectionCategory.TRAINING_DATA
    ]
    size = sum(section.chars for section, _ in sections)
    section_evidence = tuple(str(item.provenance) for _, item in sections)
    datasets = subject.datasets
    dataset_evidence = tuple(item for dataset in datasets for item in dataset.evidence)
    if not datasets and size < minimum:
        manifest = declared_component(subject.evidence, "Datasets", "Data card")
        if manifest is not None:
            return manifest
        described = f"a {size}-character training-data section" if sections else "no section"
        return Verdict(
            Outcome.NOT_MET,
            f"training data neither described nor named ({described}, no dataset)",
            section_evidence,
        )
    unlocated = [
        dataset.name
        for dataset in datasets
        if dataset.where is None and dataset.availability is not DataAvailability.UNSHAREABLE
    ]
    evidence = section_evidence + dataset_evidence
    summary = ", ".join(f"{dataset.name} ({dataset.availability})" for dataset in datasets)
    if size < minimum:
        return Verdict(
            Outcome.UNKNOWN,
            f"datasets named ({summary}) but no training-data section of {minimum}+ characters "
            "describes how they were selected and processed",
            evidence,
        )
    if not datasets:
        return Verdict(
            Outcome.UNKNOWN,
            f"training data described in prose ({size} characters) but no dataset is named; "
            "whether a skilled person could rebuild it needs a reader",
            evidence,
        )
    if unlocated:
        return Verdict(
            Outcome.UNKNOWN,
            f"no location given for: {', '.join(unlocated)}",
            evidence,
        )
    return Verdict(
        Outcome.MET, f"training data described ({size} characters); datasets: {summary}", evidence
    )
