"""The training datasets a release names, sorted into OSAID 1.0's four kinds of data.

Open (an open data or content license that allows commercial use), public (published where
others can see it, license not read), obtainable (available under other terms), unshareable
(data nobody else may have; only its description is owed), or unknown when the release does not
say where to get it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from opengrade.errors import FrameworkError
from opengrade.frameworks.release_facts import TermsLookup
from opengrade.model.evidence import Evidence, LinkKind, payloads
from opengrade.model.evidence_payloads import Dataset, Link
from opengrade.model.findings import DataAvailability, DatasetClassification


@dataclass(frozen=True, slots=True)
class DatasetRules:
    """How training datasets are sorted into OSAID's four kinds (``kinds`` says what each is)."""

    unshareable_words: tuple[str, ...]
    hub_dataset_url: str
    open_categories: frozenset[str]
    kinds: Mapping[DataAvailability, str] = field(default_factory=dict)

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
        return cls(
            tuple(str(word) for word in words),
            url,
            frozenset(map(str, categories)),
            _kinds(document.get("data_classes") or {}, origin),
        )


def _kinds(raw: object, origin: str) -> dict[DataAvailability, str]:
    """The ``data_classes`` mapping: each OSAID kind of data and what it means."""
    if not isinstance(raw, Mapping):
        raise FrameworkError(f"{origin}: data_classes: expected a mapping")
    try:
        return {DataAvailability(str(kind)): str(text).strip() for kind, text in raw.items()}
    except ValueError as error:
        raise FrameworkError(f"{origin}: data_classes: {error}") from error


def classify_datasets(
    evidence: Sequence[Evidence],
    rules: DatasetRules,
    terms_for: TermsLookup,
    dataset_licenses: Mapping[str, str],
) -> tuple[DatasetClassification, ...]:
    """Each training dataset the release names: open, public, obtainable, unshareable or unknown."""
    links = [
        (link.target, item)
        for link, item in payloads(evidence, Link)
        if link.kind is LinkKind.DATASET
    ]
    named: dict[str, list[Evidence]] = {}
    for dataset, item in payloads(evidence, Dataset):
        if dataset.role in ("training", "unknown"):
            named.setdefault(dataset.name, []).append(item)
    return tuple(
        _classify(name, items, links, rules, terms_for, dataset_licenses.get(name))
        for name, items in sorted(named.items())
    )


def _classify(
    name: str,
    items: Sequence[Evidence],
    links: Sequence[tuple[str, Evidence]],
    rules: DatasetRules,
    terms_for: TermsLookup,
    license_key: str | None,
) -> DatasetClassification:
    evidence = tuple(str(item.provenance) for item in items)
    where = None
    if any(item.provenance.field == "datasets" for item in items):
        where = rules.hub_dataset_url.format(name=name)
    for target, link in links:
        if name.lower() in target.lower():
            where, evidence = where or target, (*evidence, str(link.provenance))
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
