"""Lineage: the license terms a release inherits from the base models it declares.

A base release that was read (``--base DIR``) gives its own license keys; otherwise the curated,
sourced table of well-known base families (``data/base_families.yaml``) answers; otherwise the
inherited terms are unknown. The table is about bases, never about the release being graded.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from opengrade.errors import FrameworkError
from opengrade.frameworks.release_facts import TermsLookup, read_document
from opengrade.licenses.conclude import is_policy
from opengrade.model.evidence import Evidence, payloads
from opengrade.model.evidence_payloads import Lineage
from opengrade.model.findings import BaseFamily, InheritedLicense, LineageSource

_HUB_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RelicensingPolicy:
    """Whether a derivative may change the terms of a base under a license category."""

    allowed: bool
    clause: str


@dataclass(frozen=True, slots=True)
class FamilyTable:
    """The curated base-family table and the per-category relicensing policy."""

    version: str
    families: tuple[BaseFamily, ...]
    by_category: Mapping[str, RelicensingPolicy]


@functools.cache
def load_family_table() -> FamilyTable:
    """The packaged table of well-known base model families (read once)."""
    document = read_document("base_families.yaml")
    return parse_family_table(document, origin="base_families.yaml")


def parse_family_table(document: Mapping[str, object], *, origin: str) -> FamilyTable:
    """Build the table from its parsed YAML; FrameworkError names the broken row."""
    rows = document.get("families")
    if not isinstance(rows, list):
        raise FrameworkError(f"{origin}: families: expected a list")
    families = []
    for index, row in enumerate(rows):
        where = f"{origin}: families[{index}]"
        if not isinstance(row, Mapping):
            raise FrameworkError(f"{where}: expected a mapping")
        values = {key: row.get(key) for key in ("pattern", "license", "clause", "source")}
        for key, value in values.items():
            if not isinstance(value, str) or not value:
                raise FrameworkError(f"{where}.{key}: expected a non-empty string")
        if not isinstance(row.get("relicensing"), bool):
            raise FrameworkError(f"{where}.relicensing: expected true or false")
        families.append(
            BaseFamily(
                pattern=str(values["pattern"]),
                license=str(values["license"]),
                relicensing_allowed=bool(row["relicensing"]),
                clause=str(values["clause"]),
                source=str(values["source"]),
                note=str(row.get("note") or ""),
            )
        )
    policies = {}
    raw_policies = document.get("relicensing_by_category") or {}
    if not isinstance(raw_policies, Mapping):
        raise FrameworkError(f"{origin}: relicensing_by_category: expected a mapping")
    for category, entry in raw_policies.items():
        if not isinstance(entry, Mapping) or not isinstance(entry.get("allowed"), bool):
            raise FrameworkError(f"{origin}: relicensing_by_category.{category}: expected allowed")
        policies[str(category)] = RelicensingPolicy(
            bool(entry["allowed"]), str(entry.get("clause", ""))
        )
    return FamilyTable(str(document.get("version", "")), tuple(families), policies)


def normalise_model_id(model_id: str) -> str:
    """A Hub id from what a card wrote (a URL, surrounding spaces, a trailing slash)."""
    return _HUB_PREFIX.sub("", model_id.strip()).strip("/")


def lookup_base(model_id: str, table: FamilyTable | None = None) -> BaseFamily | None:
    """The first family whose pattern matches ``model_id`` (case-insensitive), if any.

    A bare name without an organisation (``Qwen2.5-32B``, from prose) matches a pattern's part
    after the slash.
    """
    table = table or load_family_table()
    wanted = normalise_model_id(model_id).lower()
    if not wanted:
        return None
    for family in table.families:
        pattern = family.pattern.lower()
        if "/" not in wanted:
            pattern = pattern.split("/", 1)[-1]
        if fnmatchcase(wanted, pattern):
            return family
    return None


def inherited_terms(
    lineage_evidence: Iterable[Evidence],
    terms_for: TermsLookup,
    *,
    base_licenses: Mapping[str, Sequence[str]] | None = None,
    table: FamilyTable | None = None,
) -> list[InheritedLicense]:
    """The terms each declared base passes on, one entry per base and license.

    ``base_licenses`` maps a base id to the weights license keys read from that base's own
    release (``--base DIR``); it wins over the table.
    """
    table = table or load_family_table()
    read = {normalise_model_id(key).lower(): value for key, value in (base_licenses or {}).items()}
    inherited: list[InheritedLicense] = []
    seen: set[tuple[str, str | None]] = set()
    for lineage, item in payloads(lineage_evidence, Lineage):
        base = normalise_model_id(lineage.base)
        for entry in _terms_of(base, lineage.relation, item, read, terms_for, table):
            if (entry.base.lower(), entry.license) not in seen:
                seen.add((entry.base.lower(), entry.license))
                inherited.append(entry)
    return inherited


def _terms_of(
    base: str,
    relation: str,
    item: Evidence,
    read: Mapping[str, Sequence[str]],
    terms_for: TermsLookup,
    table: FamilyTable,
) -> list[InheritedLicense]:
    evidence = (str(item.provenance),)
    keys = read.get(base.lower())
    if keys:
        return [
            _from_release(base, relation, key, terms_for, table, evidence)
            for key in keys
            if not is_policy(key)
        ]
    family = lookup_base(base, table)
    if family is not None:
        return [
            InheritedLicense(
                base=base,
                relation=relation,
                license=family.license,
                relicensing_allowed=family.relicensing_allowed,
                clause=family.clause,
                source=LineageSource.FAMILY_TABLE,
                reference=family.source,
                evidence=evidence,
                organisation=_organisation(base) or _organisation(family.pattern),
            )
        ]
    return [
        InheritedLicense(
            base=base,
            relation=relation,
            license=None,
            relicensing_allowed=None,
            clause="",
            source=LineageSource.UNKNOWN,
            reference="",
            evidence=evidence,
            organisation=_organisation(base),
        )
    ]


def _from_release(
    base: str,
    relation: str,
    key: str,
    terms_for: TermsLookup,
    table: FamilyTable,
    evidence: tuple[str, ...],
) -> InheritedLicense:
    """Inherited terms from a base release that was read: relicensing follows the category."""
    terms = terms_for(key)
    allowed: bool | None = None
    clause = f"{key}: terms not known"
    if terms is not None:
        policy = table.by_category.get(str(terms.category))
        if terms.share_alike:
            allowed, clause = False, f"{key} is share-alike: derivatives keep the license"
        elif policy is not None:
            allowed, clause = policy.allowed, f"{key}: {policy.clause}"
    return InheritedLicense(
        base=base,
        relation=relation,
        license=key,
        relicensing_allowed=allowed,
        clause=clause,
        source=LineageSource.BASE_RELEASE,
        reference=base,
        evidence=evidence,
        organisation=_organisation(base),
    )


def _organisation(model_id: str) -> str:
    """The publisher part of ``org/name`` ("" for a bare name)."""
    return model_id.split("/", 1)[0] if "/" in model_id else ""


def binding_terms(inherited: Iterable[InheritedLicense], release_id: str) -> list[InheritedLicense]:
    """The inherited licenses that bind the release: known terms that forbid relicensing, from
    a base published by another organisation (a publisher may relicense its own base)."""
    publisher = release_id.split("/", 1)[0].lower() if "/" in release_id else None
    return [
        base
        for base in inherited
        if base.relicensing_allowed is False
        and base.license is not None
        and not (publisher is not None and base.organisation.lower() == publisher)
    ]
