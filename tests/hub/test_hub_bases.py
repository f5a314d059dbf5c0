"""read_bases: the bases a Hub release's card names, read from the same Hub (the source that read
the release, or the functional form), without the release."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakehub import Behaviour, FakeHub
from fakehub_content import FakeFile, FakeRepo, real_file

from opengrade.evidence import extract_evidence
from opengrade.licenses.conclude import conclude
from opengrade.model import ReleaseSnapshot, Scope, SourceKind
from opengrade.model.findings import LineageSource
from opengrade.pipeline import assess_snapshot
from opengrade.sources.hub import HubSource, read_bases
from opengrade.sources.local import LocalDirSource

LLAMA_BASE = "meta-llama/Llama-3.1-8B"


def _model(hub: FakeHub, repo_id: str, front_matter: str) -> FakeRepo:
    repo = hub.add_repo(FakeRepo(repo_id))
    card = f"---\n{front_matter}\n---\n# {repo_id}\nA model for the base-chain tests.\n"
    repo.add(real_file("README.md", data=card.encode()))
    return repo


def _read(hub: FakeHub, repo_id: str) -> tuple[ReleaseSnapshot, int]:
    """The release as the pipeline reads it, and the requests served so far."""
    snapshot = HubSource(repo_id).read()
    return snapshot, len(hub.stats.requests)


def _paths_requested(hub: FakeHub, after: int) -> list[str]:
    return [path for _, path, _ in hub.stats.requests[after:]]


@pytest.mark.corpus
def test_a_derivative_yields_its_base_read_from_the_hub(corpus_hub: FakeHub) -> None:
    repo = _model(
        corpus_hub, "test-org/llama-tune", f"license: apache-2.0\nbase_model: {LLAMA_BASE}"
    )
    repo.add(FakeFile("model.safetensors", 16_000_000_000, lfs=True, sha256="ab" * 32))
    snapshot, before = _read(corpus_hub, repo.repo_id)
    bases, problems = read_bases(snapshot)
    assert problems == ()
    (base,) = bases
    assert base.id == LLAMA_BASE and base.source is SourceKind.HUB
    assert base.revision == corpus_hub.repos[("model", LLAMA_BASE)].branches["main"]
    assert base.text("LICENSE") is not None and base.text("USE_POLICY.md") is not None
    requested = _paths_requested(corpus_hub, before)
    assert requested and not [path for path in requested if "test-org/llama-tune" in path]
    # what the lineage step needs: the base's own weights terms, read from its own files
    licensing, _ = conclude(base, extract_evidence(base))
    assert "llama3.1" in {use.key for use in licensing.concluded(Scope.WEIGHTS)}
    (inherited,) = assess_snapshot(snapshot, bases=bases).lineage
    assert (inherited.base, inherited.license) == (LLAMA_BASE, "llama3.1")
    assert inherited.source is LineageSource.BASE_RELEASE  # read from the base, not a table


def test_bases_are_followed_breadth_first_from_the_sources_hub(
    empty_hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _model(empty_hub, "test-org/chat", "base_model:\n- test-org/base\n- test-org/other")
    base = _model(empty_hub, "test-org/base", "base_model: test-org/root")
    base.add(FakeFile("model.safetensors", 4_000_000_000, lfs=True, sha256="cd" * 32))
    _model(empty_hub, "test-org/other", "license: mit")
    _model(empty_hub, "test-org/root", "license: apache-2.0")
    source = HubSource("test-org/chat")
    snapshot = source.read()
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # unreachable: the source's Hub wins
    bases, problems = source.read_bases(snapshot)
    assert [base.id for base in bases] == ["test-org/base", "test-org/other", "test-org/root"]
    assert problems == ()
    weights = bases[0].file("model.safetensors")
    assert weights is not None and weights.size == 4_000_000_000 and weights.sha256 == "cd" * 32
    assert bases[0].headers == () and empty_hub.weight_bytes_served("test-org/base") == {}


def test_cycles_are_not_followed(empty_hub: FakeHub) -> None:
    _model(empty_hub, "test-org/a", "base_model: test-org/b")
    _model(empty_hub, "test-org/b", "base_model: test-org/c")
    _model(empty_hub, "test-org/c", "base_model: test-org/a")
    _model(empty_hub, "test-org/self", "base_model: test-org/self")
    snapshot, _ = _read(empty_hub, "test-org/a")
    requests_for_a = empty_hub.stats.requests_for("test-org/a")
    bases, problems = read_bases(snapshot)
    assert [base.id for base in bases] == ["test-org/b", "test-org/c"]
    (problem,) = problems
    assert "test-org/c names test-org/a" in problem and "cycle" in problem
    assert empty_hub.stats.requests_for("test-org/a") == requests_for_a  # never read again
    bases, problems = read_bases(_read(empty_hub, "test-org/self")[0])
    assert bases == () and len(problems) == 1 and "cycle" in problems[0]


def test_depth_is_bounded(empty_hub: FakeHub) -> None:
    for name, base in (("one", "two"), ("two", "three"), ("three", "four"), ("four", "five")):
        _model(empty_hub, f"test-org/{name}", f"base_model: test-org/{base}")
    snapshot, _ = _read(empty_hub, "test-org/one")
    bases, problems = read_bases(snapshot, max_depth=2)
    assert [base.id for base in bases] == ["test-org/two", "test-org/three"]
    assert problems == ("test-org/four (base of test-org/three) is beyond depth 2; not read",)
    assert empty_hub.stats.requests_for("test-org/four") == 0
    bases, problems = read_bases(snapshot)  # the default depth, 3, stops at a missing five
    assert [base.id for base in bases] == ["test-org/two", "test-org/three", "test-org/four"]
    assert len(problems) == 1 and "test-org/five" in problems[0]


def test_a_base_that_cannot_be_read_is_a_problem(empty_hub: FakeHub) -> None:
    _model(empty_hub, "test-org/tune", "base_model:\n- nobody/missing\n- test-org/gated-base")
    _model(empty_hub, "test-org/gated-base", "license: other")
    empty_hub.behave("test-org/gated-base", Behaviour(gated=True))
    bases, problems = read_bases(_read(empty_hub, "test-org/tune")[0])
    assert bases == ()
    missing, gated = problems
    assert "nobody/missing (base of test-org/tune)" in missing and "not found" in missing
    assert "test-org/gated-base" in gated and "HF_TOKEN" in gated


def test_nothing_to_follow(empty_hub: FakeHub, tmp_path: Path) -> None:
    _model(empty_hub, "test-org/plain", "license: mit")
    snapshot, before = _read(empty_hub, "test-org/plain")
    assert read_bases(snapshot) == ((), ())
    assert len(empty_hub.stats.requests) == before
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "README.md").write_text("---\nbase_model: test-org/plain\n---\n# Local\n")
    assert read_bases(LocalDirSource(folder).read()) == ((), ())  # local bases come from --base


def test_a_broken_card_says_bases_may_be_missing(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("test-org/broken"))
    repo.add(real_file("README.md", data=b"---\nlicense: [mit\nbase_model:\n  - {x\n---\n# B\n"))
    bases, problems = read_bases(_read(empty_hub, "test-org/broken")[0])
    assert bases == () and problems and "base models may be missing" in problems[0]
