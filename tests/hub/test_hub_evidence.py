"""Dataset and checkpoint evidence from releases read across the loopback Hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakehub import FakeHub
from fakehub_content import FakeRepo, real_file

from opengrade.evidence import checkpoints, datasets, model_card
from opengrade.model import EvidenceKind, Status
from opengrade.sources.hub import HubSource


@pytest.mark.parametrize(
    ("repo_id", "count", "first", "last"),
    [
        ("EleutherAI/pythia-6.9b", 154, "ref:step0", "ref:step99000"),
        ("LLM360/Amber", 360, "ref:ckpt_000", "ref:ckpt_359"),
        ("LLM360/K2", 1, "ref:ministage2_ckpt_380", "ref:ministage2_ckpt_380"),
    ],
)
def test_checkpoint_branches_of_corpus_releases(
    corpus_hub: FakeHub, repo_id: str, count: int, first: str, last: str
) -> None:
    items = checkpoints.extract(HubSource(repo_id).read())
    assert len(items) == count and (
        items[0].payload.value_text(),
        items[-1].payload.value_text(),
    ) == (first, last)
    assert all(
        item.status is Status.VERIFIED and item.payload.detail_values()["intermediate"]
        for item in items
    )
    name = first.removeprefix("ref:")
    assert items[0].provenance.url == f"{corpus_hub.endpoint}/{repo_id}/tree/{name}"


def test_no_other_corpus_release_has_checkpoint_evidence(corpus_hub: FakeHub, corpus: Path) -> None:
    with_branches = {"EleutherAI/pythia-6.9b", "LLM360/Amber", "LLM360/K2"}
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        repo_id = folder.name.replace("__", "/", 1)
        if repo_id in with_branches:
            continue
        snapshot = HubSource(repo_id).read()
        # TinyLlama's *name* says "intermediate-step": its refs say nothing of the kind
        assert snapshot.refs == ("main",) and checkpoints.extract(snapshot) == [], repo_id


def test_a_checkpoint_revision_is_graded_at_its_commit(corpus_hub: FakeHub) -> None:
    repo = corpus_hub.repos[("model", "EleutherAI/pythia-6.9b")]
    snapshot = HubSource(repo.repo_id, revision="step1000").read()
    assert snapshot.revision == repo.branches["step1000"]
    assert snapshot.location.endswith(f"/tree/{repo.branches['step1000']}")


def test_datasets_described_beside_the_cards_roles(empty_hub: FakeHub) -> None:
    model = empty_hub.add_repo(FakeRepo("test-org/model"))
    card = "---\nlicense: mit\ndatasets:\n- test-org/open-data\n- test-org/gone\n---\n# M\n"
    model.add(real_file("README.md", data=card.encode()))
    data = empty_hub.add_repo(FakeRepo("test-org/open-data", repo_type="dataset"))
    data.add(real_file("README.md", data=b"---\nlicense: cc-by-sa-4.0\n---\n# Words\n"))
    snapshot = HubSource("test-org/model").read()
    described = datasets.extract(snapshot)
    assert [(item.payload.subject_text(), item.status) for item in described] == [
        ("test-org/open-data", Status.VERIFIED),
        ("test-org/gone", Status.DECLARED),
    ]
    assert (
        described[0].payload.detail_values()["license"] == "cc-by-sa-4.0"
        and described[0].payload.detail_values()["has_card"]
    )
    assert described[1].payload.detail_values()["problem"] == "not found on the Hub"
    assert described[0].provenance.url == f"{empty_hub.endpoint}/datasets/test-org/open-data"
    roles = [item for item in model_card.extract(snapshot) if item.kind is EvidenceKind.DATASET]
    assert {item.payload.subject_text() for item in roles} == {
        item.payload.subject_text() for item in described
    }
    assert "described" not in {
        item.payload.value_text() for item in roles
    }  # each says its own thing


def test_corpus_dataset_evidence_is_declared_when_the_hub_lacks_the_dataset(
    corpus_hub: FakeHub,
) -> None:
    items = datasets.extract(HubSource("allenai/OLMo-7B").read())
    assert "allenai/dolma" in {item.payload.subject_text() for item in items}
    assert all(
        item.status is Status.DECLARED and item.payload.detail_values()["problem"] for item in items
    )
