"""OSAID 1.0: is the release open source AI? Data Information, Code and Parameters, from evidence.

The requirements are rules in ``data/osaid.yaml`` run by the rules engine over named predicates.
Verdict: ``not-conformant`` when a requirement is not met, ``unverified`` when none fails but
one is only declared (a linked repository not read, license terms not known), else
``conformant``. A release that neither includes nor links what a requirement needs fails it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from opengrade.errors import FrameworkError
from opengrade.frameworks.engine import PredicateRegistry, RuleSet, Verdict, parse_rules
from opengrade.model.assessment import Outcome, RuleResult
from opengrade.model.evidence import ArtifactKind, Evidence, EvidenceKind, LinkKind, Scope
from opengrade.model.findings import (
    DataAvailability,
    DatasetClassification,
    OsaidResult,
    OsaidVerdict,
)
from opengrade.model.license import LicenseTerms
from opengrade.model.licensing import LicenseSource, LicenseUse, Licensing

TermsLookup = Callable[[str], LicenseTerms | None]

DATA_DIRECTORY = Path(__file__).parent / "data"

# Which artifacts make up each part of the code OSAID asks for.
_CODE_PARTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("training", frozenset({ArtifactKind.TRAINING_CODE})),
    ("data-processing", frozenset({ArtifactKind.PREPROCESSING_CODE})),
    ("inference", frozenset({ArtifactKind.INFERENCE_CODE, ArtifactKind.ARCHITECTURE_CODE})),
)
_PARAMETERS_COMPONENT = "Model parameters (Final)"
_REPOSITORY = re.compile(
    r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/([^/#?]+)/([^/#?]+)"
)


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


_PREDICATES: PredicateRegistry[_Subject] = PredicateRegistry()


def read_document(filename: str) -> Mapping[str, object]:
    """Load one of the frameworks' YAML data files; FrameworkError when it is broken."""
    path = DATA_DIRECTORY / filename
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FrameworkError(f"{path}: cannot read: {error}") from error
    if not isinstance(document, Mapping):
        raise FrameworkError(f"{path}: expected a mapping at the top level")
    return document


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
) -> OsaidResult:
    """Grade a release against OSAID 1.0.

    ``release_id`` (``org/name``) tells the release's own code repositories from code of other
    projects the card merely mentions. ``dataset_licenses`` maps a dataset id to its license key
    where a caller knows it (a dataset card read); ``terms_for`` gives a license key's terms
    (the license catalogue).
    """
    rules = rules or load_osaid_rules()
    items = tuple(evidence)
    datasets = classify_datasets(items, rules.datasets, terms_for, dataset_licenses or {})
    subject = _Subject(items, licensing, terms_for, datasets, rules.inference_libraries, release_id)
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


def combine(parts: Sequence[Verdict]) -> Verdict:
    """One verdict from several: not met wins, then unknown; reasons and evidence joined."""
    outcomes = {part.outcome for part in parts}
    outcome = (
        Outcome.NOT_MET
        if Outcome.NOT_MET in outcomes
        else Outcome.UNKNOWN
        if Outcome.UNKNOWN in outcomes or not parts
        else Outcome.MET
    )
    evidence = tuple(dict.fromkeys(item for part in parts for item in part.evidence))
    return Verdict(outcome, "; ".join(part.reason for part in parts), evidence)


def trusted_uses(licensing: Licensing, scope: Scope) -> tuple[LicenseUse, ...]:
    """The license uses that decide ``scope`` (its own uses, else the release-wide ones).

    Identified texts win. A text that could not be identified does not hide a declaration that
    names a known license: both are kept. Among declarations the card's metadata wins over
    sentences in its prose, which often quote the licenses of other models.
    """
    uses = licensing.for_scope(scope)
    texts = [use for use in uses if use.source is LicenseSource.IDENTIFIED]
    if any(use.key for use in texts):
        return tuple(texts)
    declared = [use for use in uses if use.source is LicenseSource.DECLARED and use.key]
    firm = [use for use in declared if use.via != "prose"] or declared
    return (*texts, *firm) if firm else uses


def license_verdict(uses: Sequence[LicenseUse], what: str, terms_for: TermsLookup) -> Verdict:
    """Whether every license use is open for ``what`` (``weights``, ``code``)."""
    uses = _one_per_key(use for use in uses if not (use.key or "").endswith("use-policy"))
    if not uses:
        return Verdict(Outcome.NOT_MET, f"no license covers the {what}: nobody may use or share it")
    parts = []
    for use in uses:
        where = (str(use.provenance),)
        is_open = _open_for(use, what, terms_for)
        if use.key is None:
            parts.append(Verdict(Outcome.UNKNOWN, f"license of the {what} not known", where))
        elif is_open is None:
            parts.append(
                Verdict(Outcome.UNKNOWN, f"{use.key}: terms not known for the {what}", where)
            )
        elif is_open:
            parts.append(Verdict(Outcome.MET, f"{use.key} ({use.source}) is open", where))
        else:
            parts.append(Verdict(Outcome.NOT_MET, why_not_open(use.key, what, terms_for), where))
    return combine(parts)


def _one_per_key(uses: Iterable[LicenseUse]) -> list[LicenseUse]:
    """The first use of each license key (unknown keys kept apart, one per place)."""
    seen: dict[str, LicenseUse] = {}
    for use in uses:
        seen.setdefault(use.key or f"?{use.provenance}", use)
    return list(seen.values())


def _open_for(use: LicenseUse, what: str, terms_for: TermsLookup) -> bool | None:
    """Open for weights: OSD-conformant (as concluded). Open for code: OSI-approved."""
    if what != "code" or use.key is None:
        return use.open
    terms = terms_for(use.key)
    if terms is None:
        return use.open if use.scope is Scope.CODE else None
    return terms.osi_approved


def why_not_open(key: str, what: str, terms_for: TermsLookup) -> str:
    """A sentence naming the term that keeps ``key`` from being open."""
    terms = terms_for(key)
    if terms is None:
        return f"{key} is not an open license for the {what}"
    clause = f": {terms.osd_breaking_clause}" if terms.osd_breaking_clause else ""
    test = "OSI-approved" if what == "code" else "OSD-conformant"
    return f"{key} ({terms.category}) is not {test}{clause}"


def weights_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Final weights files of the release (not intermediate checkpoints), or a manifest's
    declared final parameters."""
    return [
        item
        for item in evidence
        if (
            item.kind is EvidenceKind.ARTIFACT
            and item.subject == ArtifactKind.WEIGHTS
            and not item.details.get("intermediate")
        )
        or (item.kind is EvidenceKind.COMPONENT and item.subject == _PARAMETERS_COMPONENT)
    ]


def of_kind(evidence: Iterable[Evidence], kind: EvidenceKind) -> list[Evidence]:
    """The evidence items of one kind."""
    return [item for item in evidence if item.kind is kind]


@_PREDICATES.register("osaid-parameters")
def _parameters(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    weights = weights_evidence(subject.evidence)
    uses = trusted_uses(subject.licensing, Scope.WEIGHTS)
    terms = license_verdict(uses, "weights", subject.terms_for)
    if weights:
        found = Verdict(Outcome.MET, f"weights: {weights[0].value}", (str(weights[0].provenance),))
        return combine([found, terms])
    links = [
        item
        for item in of_kind(subject.evidence, EvidenceKind.LINK)
        if item.subject == LinkKind.MODEL and _is_own_model(item.value, subject.release_id)
    ]
    if links:
        where = ", ".join(item.value for item in links[:2])
        linked = Verdict(
            Outcome.UNKNOWN,
            f"weights not in the release; linked at {where}, not read",
            tuple(str(item.provenance) for item in links[:2]),
        )
        return combine([linked, terms])
    missing = Verdict(Outcome.NOT_MET, "the release neither includes nor links its weights")
    return combine([missing, terms]) if uses else missing


def _is_own_model(link: str, release_id: str) -> bool:
    """A Hub model link (``hf:org/name``) to this very release (its weights' home)."""
    return link.removeprefix("hf:").strip("/").lower() == release_id.lower() != ""


@_PREDICATES.register("osaid-code")
def _code(subject: _Subject, params: Mapping[str, object]) -> Verdict:
    artifacts = of_kind(subject.evidence, EvidenceKind.ARTIFACT)
    links = [
        item
        for item in of_kind(subject.evidence, EvidenceKind.LINK)
        if item.subject == LinkKind.CODE and is_own_repository(item.value, subject.release_id)
    ]
    generic = [item for item in artifacts if item.subject == ArtifactKind.CODE]
    code_uses = trusted_uses(subject.licensing, Scope.CODE)
    parts = []
    for part, kinds in _CODE_PARTS:
        found = [item for item in artifacts if item.subject in kinds]
        if found:
            verdict = license_verdict(code_uses, "code", subject.terms_for)
            evidence = tuple(str(item.provenance) for item in found[:3]) + verdict.evidence
            parts.append(Verdict(verdict.outcome, f"{part} code: {verdict.reason}", evidence))
        elif part == "inference" and (library := _inference_library(subject)) is not None:
            parts.append(library)
        elif generic:
            names = ", ".join(item.value for item in generic[:3])
            parts.append(
                Verdict(
                    Outcome.UNKNOWN,
                    f"{part} code: none of the {len(generic)} code files ({names}...) is "
                    f"recognisably {part} code by its name",
                    tuple(str(item.provenance) for item in generic[:3]),
                )
            )
        elif links:
            urls = ", ".join(item.value for item in links[:3])
            parts.append(
                Verdict(
                    Outcome.UNKNOWN,
                    f"{part} code: not in the release; the card links {urls}, which was not "
                    "read (pass it with --code)",
                    tuple(str(item.provenance) for item in links[:3]),
                )
            )
        else:
            parts.append(Verdict(Outcome.NOT_MET, f"{part} code: neither included nor linked"))
    return combine(parts)


def is_own_repository(url: str, release_id: str) -> bool:
    """Whether a code link looks like the release's own repository, not another project's.

    Own: the repository owner matches the release's organisation, or the repository name
    contains the release name's first word. Unparseable links and an unknown release count as
    own (not read, so unknown rather than failed).
    """
    match = _REPOSITORY.search(url)
    if not match or "/" not in release_id:
        return True
    owner, repository = (_squash(part) for part in match.groups())
    organisation, name = release_id.split("/", 1)
    organisation = _squash(organisation)
    first_word = _squash(re.split(r"[-_.\s]", name, maxsplit=1)[0])
    if len(organisation) >= 3 and (organisation in owner or owner in organisation):
        return True
    return len(first_word) >= 3 and first_word in repository


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _inference_library(subject: _Subject) -> Verdict | None:
    """Inference code from the library the card names, when its license is known to be open."""
    for item in of_kind(subject.evidence, EvidenceKind.CARD_FIELD):
        if item.subject != "library_name":
            continue
        library = subject.libraries.get(item.value.strip().lower())
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
        item
        for item in of_kind(subject.evidence, EvidenceKind.CARD_SECTION)
        if item.subject == "training-data"
    ]
    size = sum(int(item.details.get("chars") or 0) for item in sections)
    section_evidence = tuple(str(item.provenance) for item in sections)
    datasets = subject.datasets
    dataset_evidence = tuple(item for dataset in datasets for item in dataset.evidence)
    if not datasets and size < minimum:
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


@dataclass(frozen=True, slots=True)
class DatasetRules:
    """How training datasets are sorted into OSAID's four kinds."""

    unshareable_words: tuple[str, ...]
    hub_dataset_url: str
    open_categories: frozenset[str]

    @classmethod
    def from_document(cls, document: Mapping[str, object], origin: str) -> DatasetRules:
        """Read the dataset settings of the OSAID rules file."""
        words = document.get("unshareable_words") or []
        categories = document.get("open_data_categories") or []
        url = document.get("hub_dataset_url")
        if not isinstance(words, list) or not isinstance(categories, list):
            raise FrameworkError(f"{origin}: unshareable_words, open_data_categories: lists")
        if not isinstance(url, str) or "{name}" not in url:
            raise FrameworkError(f"{origin}: hub_dataset_url: expected a URL with {{name}}")
        return cls(tuple(str(word) for word in words), url, frozenset(map(str, categories)))


def classify_datasets(
    evidence: Sequence[Evidence],
    rules: DatasetRules,
    terms_for: TermsLookup,
    dataset_licenses: Mapping[str, str],
) -> tuple[DatasetClassification, ...]:
    """Each training dataset the release names: open, public, obtainable, unshareable or unknown."""
    links = [
        item for item in of_kind(evidence, EvidenceKind.LINK) if item.subject == LinkKind.DATASET
    ]
    named: dict[str, list[Evidence]] = {}
    for item in of_kind(evidence, EvidenceKind.DATASET):
        if item.value in ("training", "unknown"):
            named.setdefault(item.subject, []).append(item)
    return tuple(
        _classify(name, items, links, rules, terms_for, dataset_licenses.get(name))
        for name, items in sorted(named.items())
    )


def _classify(
    name: str,
    items: Sequence[Evidence],
    links: Sequence[Evidence],
    rules: DatasetRules,
    terms_for: TermsLookup,
    license_key: str | None,
) -> DatasetClassification:
    evidence = tuple(str(item.provenance) for item in items)
    where = None
    if any(item.provenance.field == "datasets" for item in items):
        where = rules.hub_dataset_url.format(name=name)
    for link in links:
        if name.lower() in link.value.lower():
            where, evidence = where or link.value, (*evidence, str(link.provenance))
    terms = terms_for(license_key) if license_key else None
    if terms is not None and where is not None:
        if terms.category in rules.open_categories and terms.commercial_use is not False:
            return DatasetClassification(
                name, DataAvailability.OPEN, where, license_key, "open license", evidence
            )
        reason = f"available under {license_key} ({terms.category})"
        return DatasetClassification(
            name, DataAvailability.OBTAINABLE, where, license_key, reason, evidence
        )
    if where is not None:
        reason = "published, license not read"
        return DatasetClassification(
            name, DataAvailability.PUBLIC, where, license_key, reason, evidence
        )
    lowered = name.lower()
    if any(word in lowered for word in rules.unshareable_words):
        reason = "described as non-public data"
        return DatasetClassification(
            name, DataAvailability.UNSHAREABLE, None, license_key, reason, evidence
        )
    reason = "named, but where to obtain it is not said"
    return DatasetClassification(
        name, DataAvailability.UNKNOWN, None, license_key, reason, evidence
    )
