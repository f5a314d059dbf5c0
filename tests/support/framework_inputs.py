"""Grading inputs for the framework tests, built the way the pipeline builds them.

A corpus release (or any release directory) is read with the real source, its evidence
extracted and its licenses concluded against the real license catalogue. Small evidence items
and license declarations for unit tests are written here too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from opengrade.evidence import extract_evidence
from opengrade.frameworks.release_facts import TermsLookup
from opengrade.licenses import catalog
from opengrade.licenses.conclude import conclude
from opengrade.model import Evidence, EvidenceKind, Provenance, Scope, Status
from opengrade.model.evidence import DetailValue
from opengrade.model.licensing import LicenseSource, LicenseUse, Licensing
from opengrade.sources.local import LocalDirSource
from support.snapshots import record


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the frameworks take for one release."""

    release_id: str
    evidence: tuple[Evidence, ...]
    licensing: Licensing
    terms_for: TermsLookup


def release_inputs(corpus: Path, folder: str) -> Inputs:
    """Read a corpus release and conclude its licenses, as the pipeline would."""
    return directory_inputs(corpus / "models" / folder)


def directory_inputs(directory: Path) -> Inputs:
    """Read a release directory and conclude its licenses, as the pipeline does."""
    snapshot = LocalDirSource(directory).read()
    evidence = extract_evidence(snapshot)
    licensing, found = conclude(snapshot, evidence)
    return Inputs(snapshot.id, (*evidence, *found), licensing, catalog.terms)


def evidence_item(
    kind: EvidenceKind, subject: str, value: str, path: str = "README.md", **details: DetailValue
) -> Evidence:
    """A small evidence item for unit tests."""
    return record(kind, subject, value, Provenance(path=path, line=1), details=details)


def seen_file(subject: str, path: str, **details: DetailValue) -> Evidence:
    """ARTIFACT evidence of a file present in the release (verified), for unit tests."""
    item = evidence_item(EvidenceKind.ARTIFACT, subject, path, path, **details)
    return dataclasses.replace(item, status=Status.VERIFIED)


def declared(key: str, scope: Scope = Scope.RELEASE) -> LicenseUse:
    """A card's declaration of ``key`` (open as the catalogue says) for unit tests."""
    terms = catalog.terms(key)
    open_ = terms.osd_conformant if terms is not None else None
    where = Provenance(path="README.md", line=2, field="license")
    return LicenseUse(key, scope, LicenseSource.DECLARED, key, where, open_, via="license")
