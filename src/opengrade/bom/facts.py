"""The facts a BOM records, read once from a ``BomInput`` so both formats say the same thing.

Only what the evidence supports becomes a fact: a missing task, architecture or version stays
None and the formats omit the field (no "unknown", "1.0.0" or "transformer" defaults).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from opengrade.bom.context import HASHED_KINDS, BomInput
from opengrade.bom.license_ids import spdx_id
from opengrade.bom.links import CardLinks, Link, as_url, card_links
from opengrade.evidence.facts import derive_facts
from opengrade.model.evidence import ArtifactKind, Evidence, LinkKind, payloads
from opengrade.model.evidence_payloads import (
    DESCRIBED,
    ArtifactFact,
    CardField,
    CardSection,
    Dataset,
    DeclarationVia,
    DeclaredLicense,
    EvalResult,
    Lineage,
)
from opengrade.model.release import ReleaseSnapshot, SourceKind

SECTION_TEXT_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class DatasetFact:
    """A dataset the release names, with its roles, a URL when the evidence links it, and the
    card's training-data links about it (its repository, paper...)."""

    name: str
    roles: tuple[str, ...]
    url: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class BaseModelFact:
    """A declared base model and how the release derives from it."""

    name: str
    relation: str


@dataclass(frozen=True, slots=True)
class MetricFact:
    """One evaluation result: ``metric`` = ``value`` on ``subject`` (task/dataset)."""

    subject: str
    metric: str
    value: str


@dataclass(frozen=True, slots=True)
class SectionFact:
    """A model card section: its category, heading and body text (bounded)."""

    category: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class FileFact:
    """A file the BOM lists, with its SHA-256 when known. ``present`` is False for a file known
    only from an upstream listing; ``header_error`` is the problem code of a weights header
    that could not be read."""

    path: str
    kind: str
    size: int | None
    sha256: str | None
    present: bool = True
    header_error: str | None = None


@dataclass(frozen=True, slots=True)
class LicenseFact:
    """A license key, its SPDX id when it is one, and a URL when the release gives one."""

    key: str
    spdx_id: str | None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ReleaseFacts:
    """What the BOM says about the release."""

    name: str
    version: str | None
    task: str | None
    architecture_family: str | None
    architecture: str | None
    datasets: tuple[DatasetFact, ...]
    base_models: tuple[BaseModelFact, ...]
    metrics: tuple[MetricFact, ...]
    sections: tuple[SectionFact, ...]
    links: tuple[Link, ...]
    data_sources: tuple[Link, ...]
    files: tuple[FileFact, ...]
    declared: tuple[LicenseFact, ...]
    concluded: tuple[LicenseFact, ...]
    card_url: str | None


def read_facts(bom_input: BomInput) -> ReleaseFacts:
    """Collect the facts of ``bom_input``."""
    evidence = bom_input.evidence
    snapshot = bom_input.snapshot
    derived = bom_input.facts or derive_facts(evidence, snapshot.id)
    links = card_links(derived, _dataset_roles(evidence))
    license_url = _license_url(evidence)
    family, architecture = _architecture(evidence)
    return ReleaseFacts(
        name=snapshot.id,
        version=snapshot.revision,
        task=_first_field(evidence, "pipeline_tag"),
        architecture_family=family,
        architecture=architecture,
        datasets=_datasets(evidence, links),
        base_models=_base_models(evidence),
        metrics=_metrics(evidence),
        sections=_sections(evidence, snapshot),
        links=links.release,
        data_sources=links.data_sources,
        files=_files(bom_input),
        declared=_licenses(bom_input.declared_licenses, license_url),
        concluded=_licenses(bom_input.concluded_licenses, license_url),
        card_url=_card_url(snapshot),
    )


def _first_field(evidence: Iterable[Evidence], name: str) -> str | None:
    for field, _ in payloads(evidence, CardField):
        if field.field == name and field.text.strip():
            return field.text.strip()
    return None


def _architecture(evidence: Iterable[Evidence]) -> tuple[str | None, str | None]:
    """(model_type, architecture) from the config artifact; the top-level config.json first."""
    configs = [
        fact
        for fact, _ in payloads(evidence, ArtifactFact)
        if fact.kind is ArtifactKind.CONFIG and (fact.architecture or fact.model_type)
    ]
    configs.sort(key=lambda fact: (fact.path != "config.json", fact.path))
    if not configs:
        return None, None
    return configs[0].model_type or None, configs[0].architecture or None


def _dataset_roles(evidence: Iterable[Evidence]) -> dict[str, set[str]]:
    """Dataset name -> the roles the card gives it."""
    roles: dict[str, set[str]] = {}
    for dataset, _ in payloads(evidence, Dataset):
        name = dataset.name.strip()
        if dataset.role == DESCRIBED:
            continue  # the dataset's own description (Hub), not a role the card gives it
        if name:
            roles.setdefault(name, set()).add(dataset.role.strip() or "unknown")
    return roles


def _datasets(evidence: Iterable[Evidence], links: CardLinks) -> tuple[DatasetFact, ...]:
    roles = _dataset_roles(evidence)
    every_link = [*links.release, *links.data_sources]
    every_link += [link for named in links.by_dataset.values() for link in named]
    dataset_urls = sorted({url for kind, url in every_link if kind == LinkKind.DATASET})
    facts = []
    for name in sorted(roles):
        url = next((u for u in dataset_urls if u.rstrip("/").endswith("/" + name)), None)
        known = sorted(roles[name] - {"unknown"}) or ["unknown"]
        own = tuple(link for link in links.by_dataset.get(name, ()) if link[1] != url)
        facts.append(DatasetFact(name, tuple(known), url, own))
    return tuple(facts)


def _base_models(evidence: Iterable[Evidence]) -> tuple[BaseModelFact, ...]:
    relations: dict[str, set[str]] = {}
    for lineage, _ in payloads(evidence, Lineage):
        name = lineage.base.strip()
        if name:
            relations.setdefault(name, set()).add(lineage.relation.strip() or "unknown")
    facts = []
    for name in sorted(relations):
        known = sorted(relations[name] - {"unknown"})
        facts.append(BaseModelFact(name, known[0] if known else "unknown"))
    return tuple(facts)


def _metrics(evidence: Iterable[Evidence]) -> tuple[MetricFact, ...]:
    facts = set()
    for result, _ in payloads(evidence, EvalResult):
        metric, _, value = result.value_text().partition("=")
        if metric.strip() and value.strip():
            facts.add(MetricFact(result.subject_text().strip(), metric.strip(), value.strip()))
    return tuple(sorted(facts, key=lambda fact: (fact.subject, fact.metric, fact.value)))


def _sections(evidence: Iterable[Evidence], snapshot: ReleaseSnapshot) -> tuple[SectionFact, ...]:
    """Card sections with their body text, read from the snapshot at the evidence's lines."""
    facts = set()
    for section, item in payloads(evidence, CardSection):
        where = item.provenance
        text_file = snapshot.text(where.path) if where.path else None
        if text_file is None or where.line is None or where.end_line is None:
            continue
        lines = text_file.text.splitlines()[where.line : where.end_line]
        body = "\n".join(lines).strip()[:SECTION_TEXT_LIMIT].strip()
        if body:
            facts.add(SectionFact(str(section.category), section.heading.strip(), body))
    return tuple(sorted(facts, key=lambda fact: (fact.category, fact.heading, fact.text)))


def _header_errors(evidence: Iterable[Evidence]) -> dict[str, str]:
    """Weights path -> the problem code of its unreadable header."""
    return {
        fact.path: fact.header_error
        for fact, _ in payloads(evidence, ArtifactFact)
        if fact.kind is ArtifactKind.WEIGHTS and fact.header_error
    }


def _files(bom_input: BomInput) -> tuple[FileFact, ...]:
    header_errors = _header_errors(bom_input.evidence)
    facts = []
    for item in bom_input.snapshot.files:
        if item.kind in HASHED_KINDS:
            digest = bom_input.file_hashes.get(item.path) or item.sha256
            fact = FileFact(
                item.path,
                str(item.kind),
                item.size,
                digest,
                item.present,
                header_errors.get(item.path),
            )
            facts.append(fact)
    return tuple(sorted(facts, key=lambda fact: fact.path))


def _license_url(evidence: Iterable[Evidence]) -> str | None:
    """The license link the release declares, when it gives exactly one URL."""
    urls = {
        declared.text.strip()
        for declared, _ in payloads(evidence, DeclaredLicense)
        if declared.via is DeclarationVia.LICENSE_LINK and as_url(declared.text)
    }
    return urls.pop() if len(urls) == 1 else None


def _licenses(keys: Iterable[str], license_url: str | None) -> tuple[LicenseFact, ...]:
    """License facts, unique and sorted. A release's license URL goes to its non-SPDX license
    only when there is exactly one (an SPDX id needs none)."""
    unique = sorted({key.strip() for key in keys if key.strip()})
    custom = [key for key in unique if spdx_id(key) is None]
    facts = []
    for key in unique:
        identifier = spdx_id(key)
        url = license_url if identifier is None and len(custom) == 1 else None
        facts.append(LicenseFact(key, identifier, url))
    return tuple(facts)


def _card_url(snapshot: ReleaseSnapshot) -> str | None:
    """The model card's public page, for releases read from the Hub."""
    if snapshot.source is SourceKind.HUB and "/" in snapshot.id:
        return f"https://huggingface.co/{snapshot.id}"
    return None
