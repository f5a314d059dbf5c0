"""Typed evidence: every corpus item's payload reads back from its record (the report's subject,
value and details) unchanged, and each kind's closed sets are enums."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence import extract_evidence
from opengrade.licenses.conclude import conclude
from opengrade.model import ArtifactKind, EvidenceKind, Provenance, Scope
from opengrade.model.evidence import Evidence
from opengrade.model.evidence_payloads import (
    PAYLOAD_TYPES,
    ArtifactFact,
    CardSection,
    DeclarationVia,
    DeclaredLicense,
    EvalResult,
    LicenseFile,
    LicenseFileRole,
    SectionCategory,
)
from opengrade.sources.local import LocalDirSource
from support.corpus import corpus_release_folders


@pytest.mark.parametrize("folder", corpus_release_folders())
def test_every_payload_reads_back_from_its_record(corpus: Path, folder: str) -> None:
    snapshot = LocalDirSource(corpus / "models" / folder).read()
    evidence = extract_evidence(snapshot)
    _, identified = conclude(snapshot, evidence)
    for item in (*evidence, *identified):
        payload = item.payload
        assert type(payload) is PAYLOAD_TYPES[item.kind]
        again = type(payload).from_record(
            payload.subject_text(), payload.value_text(), payload.detail_values()
        )
        assert again == payload, item


@pytest.mark.parametrize("folder", corpus_release_folders())
def test_closed_sets_are_enums(corpus: Path, folder: str) -> None:
    snapshot = LocalDirSource(corpus / "models" / folder).read()
    for item in extract_evidence(snapshot):
        payload = item.payload
        if isinstance(payload, DeclaredLicense):
            assert isinstance(payload.via, DeclarationVia) and isinstance(payload.scope, Scope)
        elif isinstance(payload, CardSection):
            assert isinstance(payload.category, SectionCategory)
        elif isinstance(payload, LicenseFile):
            assert isinstance(payload.role, LicenseFileRole)


def test_a_record_keeps_the_details_each_kind_writes() -> None:
    code = ArtifactFact(ArtifactKind.CODE, "run.py", size=None, present=True)
    assert code.detail_values() == {"size": None, "present": True, "language": None}
    checkpoint = ArtifactFact(ArtifactKind.WEIGHTS, "ref:step-1", intermediate=True)
    assert checkpoint.detail_values() == {"intermediate": True}
    result = EvalResult("qa", "squad/v2", "f1", "88.5", None, False, None)
    assert (result.subject_text(), result.value_text()) == ("qa/squad/v2", "f1=88.5")
    loaded = EvalResult.from_record("qa/squad/v2", "f1=88.5", result.detail_values())
    assert (loaded.task, loaded.dataset, loaded.metric, loaded.value) == (
        "qa",
        "squad/v2",
        "f1",
        "88.5",
    )


def test_the_envelope_takes_its_kind_from_the_payload() -> None:
    item = Evidence(DeclaredLicense(Scope.WEIGHTS, "MIT", DeclarationVia.LICENSE), Provenance())
    assert item.kind is EvidenceKind.LICENSE_DECLARED
    assert hash(item) == hash(
        Evidence(DeclaredLicense(Scope.WEIGHTS, "MIT", DeclarationVia.LICENSE), Provenance())
    )
