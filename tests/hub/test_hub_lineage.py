"""Datasets a release names and base-model chains, read across the loopback Hub."""

from __future__ import annotations

import pytest
from fakehub import Behaviour, FakeHub
from fakehub_content import FakeRepo, real_file

from opengrade.model import DatasetInfo
from opengrade.sources.hub import HubSource, read_base_chain


def _model(hub: FakeHub, repo_id: str, front_matter: str, body: str = "") -> FakeRepo:
    repo = hub.add_repo(FakeRepo(repo_id))
    card = f"---\n{front_matter}\n---\n# {repo_id}\n{body}\n"
    repo.add(real_file("README.md", data=card.encode()))
    return repo


def _dataset(hub: FakeHub, repo_id: str, card: str | None, *, gated: bool = False) -> None:
    repo = hub.add_repo(FakeRepo(repo_id, repo_type="dataset", gated=gated))
    repo.add(real_file("data/train.parquet", data=b"PAR1" + bytes(64)))
    if card is not None:
        repo.add(real_file("README.md", data=card.encode()))


def test_datasets_named_in_metadata_and_linked_in_the_text(empty_hub: FakeHub) -> None:
    _model(
        empty_hub,
        "test-org/model",
        "license: mit\ndatasets:\n- test-org/with-card\n- test-org/no-card",
        "Also trained on https://huggingface.co/datasets/test-org/missing for a while.",
    )
    _dataset(empty_hub, "test-org/with-card", "---\nlicense: cc-by-4.0\n---\n# Data\n")
    _dataset(empty_hub, "test-org/no-card", None, gated=True)
    snapshot = HubSource("test-org/model").read()
    assert snapshot.datasets == (
        DatasetInfo("test-org/with-card", found=True, license="cc-by-4.0", has_card=True),
        DatasetInfo("test-org/no-card", found=True, license=None, has_card=False, gated=True),
        DatasetInfo("test-org/missing", found=False, problem="not found on the Hub"),
    )
    assert not HubSource("test-org/model", follow_datasets=False).read().datasets


def test_corpus_dataset_metadata_is_followed(corpus_hub: FakeHub) -> None:
    snapshot = HubSource("allenai/OLMo-7B").read()
    assert snapshot.datasets and all(not item.found for item in snapshot.datasets)
    assert "allenai/dolma" in {item.id for item in snapshot.datasets}


def test_an_unreadable_dataset_does_not_fail_the_release(empty_hub: FakeHub) -> None:
    _model(empty_hub, "test-org/model", "datasets: test-org/limited")
    _dataset(empty_hub, "test-org/limited", "---\nlicense: mit\n---\n")
    empty_hub.behave("test-org/limited", Behaviour(rate_limited=True))
    (info,) = HubSource("test-org/model", backoff=0.0).read().datasets
    assert not info.found and info.problem is not None and "429" in info.problem


def test_base_chain_follows_base_model_breadth_first(empty_hub: FakeHub) -> None:
    _model(empty_hub, "test-org/chat", "base_model:\n- test-org/base\n- test-org/other")
    _model(empty_hub, "test-org/base", "base_model: test-org/root")
    _model(empty_hub, "test-org/other", "license: mit")
    _model(empty_hub, "test-org/root", "license: apache-2.0")
    chain = read_base_chain("test-org/chat")
    assert [(link.repo_id, link.depth, link.derived) for link in chain.links] == [
        ("test-org/chat", 0, None),
        ("test-org/base", 1, "test-org/chat"),
        ("test-org/other", 1, "test-org/chat"),
        ("test-org/root", 2, "test-org/base"),
    ]
    assert [snapshot.id for snapshot in chain.snapshots][-1] == "test-org/root"
    assert [link.base_models for link in chain.links] == [
        ("test-org/base", "test-org/other"),
        ("test-org/root",),
        (),
        (),
    ]
    assert chain.problems == ()


def test_base_chain_is_cycle_safe_and_depth_bounded(empty_hub: FakeHub) -> None:
    _model(empty_hub, "test-org/a", "base_model: test-org/b")
    _model(empty_hub, "test-org/b", "base_model: test-org/c")
    _model(empty_hub, "test-org/c", "base_model: test-org/a")
    chain = read_base_chain("test-org/a")
    assert [link.repo_id for link in chain.links] == ["test-org/a", "test-org/b", "test-org/c"]
    assert [problem.code for problem in chain.problems] == ["base-cycle"]
    shallow = HubSource("test-org/a", max_base_depth=1).read_base_chain()
    assert [link.repo_id for link in shallow.links] == ["test-org/a", "test-org/b"]
    assert [problem.code for problem in shallow.problems] == ["base-too-deep"]


def test_an_unreadable_base_is_a_problem_not_a_failure(corpus_hub: FakeHub) -> None:
    chain = read_base_chain("Qwen/Qwen2.5-7B-Instruct")
    assert [link.repo_id for link in chain.links] == ["Qwen/Qwen2.5-7B-Instruct"]
    (problem,) = chain.problems
    assert problem.code == "base-unreadable" and "Qwen/Qwen2.5-7B" in problem.message


@pytest.mark.parametrize(
    ("repo_id", "base"),
    [
        ("google/medgemma-27b-it", "google/gemma-3-27b-pt"),
        ("Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-3B"),
    ],
)
def test_corpus_base_models_come_from_card_metadata(
    corpus_hub: FakeHub, repo_id: str, base: str
) -> None:
    first = HubSource(repo_id, max_base_depth=0).read_base_chain().links[0]
    assert first.snapshot.id == repo_id and first.base_models == (base,)
