"""Intermediate-checkpoint refs as evidence, from snapshots built by hand."""

from __future__ import annotations

import pytest

from opengrade.evidence import checkpoints
from opengrade.model import ArtifactKind, EvidenceKind, ReleaseSnapshot, SourceKind, Status

ENDPOINT = "http://127.0.0.1:8123"


def _snapshot(*refs: str, source: SourceKind = SourceKind.HUB) -> ReleaseSnapshot:
    location = f"{ENDPOINT}/test-org/model/tree/{'b' * 40}"
    return ReleaseSnapshot("test-org/model", source, location, refs=refs, endpoint=ENDPOINT)


@pytest.mark.parametrize(
    "ref",
    [
        "step0",
        "step143000",
        "Step-2000",
        "stage1-step140000-tokens588B",
        "ckpt_000",
        "ministage2_ckpt_380",
        "checkpoint-500",
        "iter_0001000",
        "epoch3",
        "stage2",
    ],
)
def test_checkpoint_names_are_recognised(ref: str) -> None:
    assert checkpoints.is_intermediate(ref)


@pytest.mark.parametrize(
    "ref", ["main", "v1.0", "refs/pr/3", "staging", "backstage", "steps", "iterative", "epochal"]
)
def test_other_names_are_not(ref: str) -> None:
    assert not checkpoints.is_intermediate(ref)


def test_each_checkpoint_ref_is_verified_intermediate_weights() -> None:
    items = checkpoints.extract(_snapshot("main", "step1000", "v1.0", "stage1/step 2"))
    assert [item.payload.value_text() for item in items] == ["ref:step1000", "ref:stage1/step 2"]
    for item in items:
        assert (item.kind, item.payload.subject_text()) == (
            EvidenceKind.ARTIFACT,
            ArtifactKind.WEIGHTS,
        )
        assert item.status is Status.VERIFIED and dict(item.payload.detail_values()) == {
            "intermediate": True
        }
        assert item.provenance.field == "refs"
    assert items[0].provenance.url == f"{ENDPOINT}/test-org/model/tree/step1000"
    assert items[1].provenance.url == f"{ENDPOINT}/test-org/model/tree/stage1%2Fstep%202"


def test_a_code_checkouts_branch_is_not_a_checkpoint() -> None:
    assert checkpoints.extract(_snapshot("checkpoint-loader", source=SourceKind.GIT)) == []


def test_refs_beyond_the_bound_become_one_problem() -> None:
    names = [f"step{number}" for number in range(checkpoints.MAX_REFS + 5)]
    items = checkpoints.extract(_snapshot(*names))
    assert len(items) == checkpoints.MAX_REFS + 1
    problem = items[-1]
    assert (problem.kind, problem.payload.subject_text()) == (EvidenceKind.PROBLEM, "too-many-refs")
    assert str(checkpoints.MAX_REFS + 5) in problem.payload.value_text()
