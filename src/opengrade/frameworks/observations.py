"""What the evidence says about each MOF component of a release read from its files.

Only what we saw counts as present (a file, the card itself, a Hub branch). What the card merely
declares or links (a code repository not read, a dataset named) is ``present=None``: unknown,
with the link or line that would settle it. Licenses come from the concluded licensing for the
component's scope; ``license_open`` is whether the license is open at all (OSI-approved or
OSD-conformant) and ``type_appropriate`` whether it suits the content type, as MOF asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from opengrade.evidence.facts import derive_facts
from opengrade.frameworks.library_architectures import library_architecture
from opengrade.frameworks.papers import own_documents
from opengrade.licenses import catalog
from opengrade.licenses.conclude import is_policy
from opengrade.model import (
    ArtifactKind,
    Evidence,
    LinkKind,
    ReleaseSnapshot,
    Scope,
    Status,
)
from opengrade.model.assessment import (
    RESTRICTED_TERMS,
    UNIDENTIFIED_LICENSE,
    ComponentObservation,
    ObservationHow,
)
from opengrade.model.evidence import payloads
from opengrade.model.evidence_payloads import (
    ArtifactFact,
    CardFact,
    CardField,
    CardSection,
    Dataset,
    EvalResult,
    Link,
    SectionCategory,
)
from opengrade.model.facts import DerivedFacts
from opengrade.model.licensing import Licensing

_CODE_COMPONENTS = {
    "Model architecture": ArtifactKind.ARCHITECTURE_CODE,
    "Data preprocessing code": ArtifactKind.PREPROCESSING_CODE,
    "Training code": ArtifactKind.TRAINING_CODE,
    "Inference code": ArtifactKind.INFERENCE_CODE,
    "Evaluation code": ArtifactKind.EVALUATION_CODE,
}
_CONTENT_TYPE = {Scope.CODE: "code", Scope.WEIGHTS: "data", Scope.DOCS: "document"}


@dataclass(frozen=True, slots=True)
class _Facts:
    """The evidence, licensing and release identity every component reading needs."""

    snapshot: ReleaseSnapshot
    evidence: tuple[Evidence, ...]
    licensing: Licensing
    derived: DerivedFacts
    by_kind: Mapping[ArtifactKind, list[tuple[ArtifactFact, Evidence]]]
    """The release's artifacts by kind, in their order (grouped once: a dozen readings ask)."""

    def artifacts(self, kind: ArtifactKind) -> list[tuple[ArtifactFact, Evidence]]:
        """The artifacts of ``kind``, each with its evidence."""
        return list(self.by_kind.get(kind, ()))

    def sections(self, category: SectionCategory) -> list[Evidence]:
        """The card's sections of ``category``."""
        return [
            item
            for section, item in payloads(self.evidence, CardSection)
            if section.category is category
        ]


def observe(
    snapshot: ReleaseSnapshot,
    evidence: Sequence[Evidence],
    licensing: Licensing,
    derived: DerivedFacts | None = None,
) -> tuple[ComponentObservation, ...]:
    """One observation per MOF component, from the release's evidence and the facts derived
    from it (derived here when not given)."""
    items = tuple(evidence)
    by_kind: dict[ArtifactKind, list[tuple[ArtifactFact, Evidence]]] = {}
    for pair in payloads(items, ArtifactFact):
        by_kind.setdefault(pair[0].kind, []).append(pair)
    derived = derived or derive_facts(items, snapshot.id)
    facts = _Facts(snapshot, items, licensing, derived, by_kind)
    observations = [_code_component(facts, name, kind) for name, kind in _CODE_COMPONENTS.items()]
    observations += [
        _library_component(facts),
        _final_parameters(facts),
        _intermediate_parameters(facts),
        _metadata(facts),
        _datasets(facts, "Datasets", "training"),
        _datasets(facts, "Evaluation data", "evaluation"),
        _evaluation_results(facts),
        _model_card(facts),
        _data_card(facts),
        _document_link(facts, "Technical report", (LinkKind.REPORT,), with_files=True),
        _document_link(facts, "Research paper", (LinkKind.PAPER,), with_files=False),
        _sample_outputs(facts),
    ]
    return tuple(observations)


def _licensed(
    facts: _Facts, name: str, scope: Scope, how: str, where: Sequence[str]
) -> ComponentObservation:
    """A present component under the licenses concluded for ``scope``."""
    uses = [use for use in facts.licensing.concluded(scope) if not (use.key and is_policy(use.key))]
    content_type = _CONTENT_TYPE[scope]
    known = [use for use in uses if use.key]
    stated = [use for use in uses if use.key is None and use.open is False]
    if stated:  # restrictions stated in prose: not open, whatever license is also named
        keys = sorted({use.key for use in known if use.key})
        label = " AND ".join([*keys, RESTRICTED_TERMS])
        evidence = (*where, *(str(use.provenance) for use in stated[:2]))
        return ComponentObservation(name, True, label, False, False, how, evidence)
    if not known:
        unknown = UNIDENTIFIED_LICENSE if uses else None
        return ComponentObservation(name, True, unknown, None, None, how, tuple(where))
    expression, license_open, fits = _judged(
        sorted({use.key for use in known if use.key}), content_type
    )
    evidence = (*where, *(str(use.provenance) for use in known[:2]))
    return ComponentObservation(
        name=name,
        present=True,
        license=expression,
        license_open=license_open,
        type_appropriate=fits,
        how=how,
        evidence=evidence,
    )


def _judged(keys: Sequence[str], content_type: str) -> tuple[str, bool | None, bool | None]:
    """The keys joined with AND, whether all are open at all, whether all suit the content."""
    opens = [catalog.open_in_any_sense(key) for key in keys]
    fits = [catalog.is_open_for(key, content_type) for key in keys]
    return " AND ".join(keys), _all(opens), _all(fits)


def _all(values: Sequence[bool | None]) -> bool | None:
    """False if any is False, None if any is unknown, else True."""
    if any(value is False for value in values):
        return False
    if any(value is None for value in values):
        return None
    return True


def _unknown(name: str, how: str, where: Sequence[str]) -> ComponentObservation:
    return ComponentObservation(name, None, None, None, None, how, tuple(where))


def _missing(name: str) -> ComponentObservation:
    return ComponentObservation(name, False, None, None, None, ObservationHow.FILE, ())


def _code_component(facts: _Facts, name: str, kind: ArtifactKind) -> ComponentObservation:
    files = [fact.path for fact, _ in facts.artifacts(kind)]
    if files:
        return _licensed(facts, name, Scope.CODE, ObservationHow.FILE, files[:3])
    if kind is ArtifactKind.ARCHITECTURE_CODE:
        library = library_architecture(facts.snapshot, facts.evidence, name)
        if library is not None:
            return library
    links = [link.target for link, _ in payloads(facts.derived.own_code_links, Link)]
    if links:
        return _unknown(name, ObservationHow.LINK, links[:3])
    if kind is ArtifactKind.ARCHITECTURE_CODE:
        configs = [fact for fact, _ in facts.artifacts(ArtifactKind.CONFIG) if fact.architecture]
        if configs:
            where = f"{configs[0].path} names {configs[0].architecture}"
            return _unknown(name, ObservationHow.DECLARATION, [where])
    return _missing(name)


def _library_component(facts: _Facts) -> ComponentObservation:
    libraries = [
        (field, item)
        for field, item in payloads(facts.evidence, CardField)
        if field.field == "library_name"
    ]
    if libraries:
        field, item = libraries[0]
        where = f"{item.provenance} names {field.text}"
        return _unknown("Supporting libraries and tools", ObservationHow.DECLARATION, [where])
    return _missing("Supporting libraries and tools")


def _weights(facts: _Facts, intermediate: bool) -> list[ArtifactFact]:
    return [
        fact
        for fact, _ in facts.artifacts(ArtifactKind.WEIGHTS)
        if fact.intermediate is intermediate
    ]


def _final_parameters(facts: _Facts) -> ComponentObservation:
    name = "Model parameters (Final)"
    weights = list(payloads(facts.derived.weights_evidence, ArtifactFact))
    seen = [fact.path for fact, item in weights if item.status is Status.VERIFIED]
    if seen:
        return _licensed(facts, name, Scope.WEIGHTS, ObservationHow.FILE, seen[:3])
    if weights:
        where = [f"{fact.path} (listed, not read)" for fact, _ in weights[:3]]
        return _unknown(name, ObservationHow.DECLARATION, where)
    return _missing(name)


def _intermediate_parameters(facts: _Facts) -> ComponentObservation:
    name = "Model parameters (Intermediate)"
    checkpoints = [fact.path for fact in _weights(facts, intermediate=True)]
    if checkpoints:
        return _licensed(facts, name, Scope.WEIGHTS, ObservationHow.FILE, checkpoints[:3])
    return _missing(name)


def _metadata(facts: _Facts) -> ComponentObservation:
    configs = [
        fact.path
        for fact, item in facts.artifacts(ArtifactKind.CONFIG)
        if item.status is Status.VERIFIED and fact.path.rsplit("/", 1)[-1].endswith("config.json")
    ]
    if configs:
        return _licensed(facts, "Model metadata", Scope.WEIGHTS, ObservationHow.FILE, configs[:3])
    return _missing("Model metadata")


def _datasets(facts: _Facts, name: str, role: str) -> ComponentObservation:
    named = [pair for pair in payloads(facts.evidence, Dataset) if pair[0].role == role]
    if not named:
        return _missing(name)
    read = {info.id: info for info in facts.snapshot.datasets if info.found}
    licenses = [read[dataset.name].license for dataset, _ in named if dataset.name in read]
    where = [str(named[0][1].provenance)] + [dataset.name for dataset, _ in named[:3]]
    if len(licenses) < len(named) or not all(licenses):
        return _unknown(name, ObservationHow.DECLARATION, where)
    expression, license_open, fits = _judged(sorted({str(key) for key in licenses}), "data")
    return ComponentObservation(
        name, True, expression, license_open, fits, ObservationHow.LINK, tuple(where)
    )


def _evaluation_results(facts: _Facts) -> ComponentObservation:
    first = next((item for _, item in payloads(facts.evidence, EvalResult)), None)
    results = [first] if first is not None else facts.sections(SectionCategory.EVALUATION)
    if results:
        where = [str(results[0].provenance)]
        return _licensed(facts, "Evaluation results", Scope.DOCS, ObservationHow.FILE, where)
    return _missing("Evaluation results")


def _model_card(facts: _Facts) -> ComponentObservation:
    cards = [card.path for card, _ in payloads(facts.evidence, CardFact)]
    if cards:
        return _licensed(facts, "Model card", Scope.DOCS, ObservationHow.FILE, cards[:1])
    return _missing("Model card")


def _data_card(facts: _Facts) -> ComponentObservation:
    name = "Data card"
    described = [info for info in facts.snapshot.datasets if info.has_card]
    if described and len(described) == len({i.id for i in facts.snapshot.datasets}):
        keys = sorted({info.license for info in described if info.license})
        if keys and len(keys) == len({info.license for info in described}):
            expression, license_open, fits = _judged(keys, "document")
            where = tuple(f"dataset card {info.id}" for info in described[:3])
            return ComponentObservation(
                name, True, expression, license_open, fits, ObservationHow.LINK, where
            )
    sections = facts.sections(SectionCategory.TRAINING_DATA)
    if sections or described:
        notes = [f"{item.provenance} describes training data" for item in sections[:1]]
        return _unknown(name, ObservationHow.DECLARATION, notes or ["dataset cards"])
    return _missing(name)


def _document_link(
    facts: _Facts, name: str, kinds: tuple[LinkKind, ...], *, with_files: bool
) -> ComponentObservation:
    if with_files:
        papers = [fact.path for fact, _ in facts.artifacts(ArtifactKind.PAPER)]
        if papers:
            return _licensed(facts, name, Scope.DOCS, ObservationHow.FILE, papers[:3])
    wanted = frozenset(kinds)
    own = [
        item for link, item in payloads(facts.derived.release_links, Link) if link.kind in wanted
    ]
    links = [
        link.target
        for link, _ in payloads(own_documents(facts.snapshot, facts.evidence, own), Link)
    ]
    if links:
        return _unknown(name, ObservationHow.LINK, links[:3])
    return _missing(name)


def _sample_outputs(facts: _Facts) -> ComponentObservation:
    samples = [fact.path for fact, _ in facts.artifacts(ArtifactKind.SAMPLE_OUTPUTS)]
    if samples:
        name = "Sample model outputs"
        return _licensed(facts, name, Scope.DOCS, ObservationHow.FILE, samples[:3])
    return _missing("Sample model outputs")
