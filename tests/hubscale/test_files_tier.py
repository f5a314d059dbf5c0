"""``scan --hub --depth files|auto``: each release read from the Hub by today's Hub source, in
a few requests, no weight bytes beyond headers, agreeing with local grading of the corpus."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakehub import FakeHub

from opengrade.pipeline import assess
from opengrade.scan.engines.local import InProcessEngine
from opengrade.scan.hub_scan import scan_hub
from opengrade.scan.hub_worker import Depth
from opengrade.sources.hub import HEADER_PREFETCH
from opengrade.sources.hub.lister import ListingQuery
from opengrade.store import open_store


@pytest.fixture
def corpus_only_hub(
    hub_env: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeHub]:
    with FakeHub() as hub:
        hub.add_corpus(corpus / "models")
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        yield hub


def test_files_tier_agrees_with_local_grading_in_few_requests(
    corpus_only_hub: FakeHub, corpus: Path, tmp_path: Path
) -> None:
    hub = corpus_only_hub
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(ListingQuery(), store, InProcessEngine(), depth=Depth.FILES)
        assert result.failed == 0 and result.added == len(hub.catalogue) == 49
        grades = {grade.summary.release_id: grade for grade in store.latest()}
    for repo_id, grade in grades.items():
        assert grade.revision == hub.catalogue.releases[repo_id].sha  # a files grade
        local = assess(str(corpus / "models" / repo_id.replace("/", "__", 1)))
        expected = next(item for item in local.concluded if str(item.scope) == "weights")
        stored = grade.summary.terms("weights")
        assert stored is not None and stored.keys == expected.keys, repo_id
    per_release = [hub.stats.requests_for(repo_id) for repo_id in grades]
    assert statistics.median(per_release) <= 5
    for repo_id in grades:
        assert all(count <= HEADER_PREFETCH for count in hub.weight_bytes_served(repo_id).values())


def test_auto_reads_files_only_where_the_metadata_leaves_doubt(
    hub_env: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeHub() as hub:
        hub.add_corpus(corpus / "models")
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        plain, other = "example-org/plain-mit", "example-org/other-terms"
        from fakehub_listing import ListedRelease

        hub.catalogue.add(ListedRelease(plain, ["README.md"], card=b"---\nlicense: mit\n---\n"))
        odd = b"---\nlicense: other\nlicense_name: example-terms\n---\n"
        hub.catalogue.add(ListedRelease(other, ["README.md"], card=odd))
        with open_store(str(tmp_path / "inventory.db")) as store:
            result = scan_hub(ListingQuery(), store, InProcessEngine(), depth=Depth.AUTO)
            revisions = {grade.summary.release_id: grade.revision for grade in store.latest()}
        assert result.failed == 0
        assert hub.stats.requests_for(plain) == 0
        assert revisions[plain].startswith("metadata:")
        assert hub.stats.requests_for(other) > 0
        assert not revisions[other].startswith("metadata:")


def test_a_release_that_keeps_failing_is_recorded_and_the_scan_goes_on(
    corpus_only_hub: FakeHub, tmp_path: Path
) -> None:
    from fakehub import Behaviour

    broken = "mistralai/Mistral-7B-v0.1"
    corpus_only_hub.behave(broken, Behaviour(server_error=503))
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(ListingQuery(), store, InProcessEngine(), depth=Depth.FILES)
        assert result.failed == 1 and result.added == 48
        assert [item.target for item in store.failures()] == [broken]
        assert "HTTP 503" in store.failures()[0].error


def test_files_tier_keeps_the_budget_split_between_listing_and_reading(
    corpus_only_hub: FakeHub, tmp_path: Path
) -> None:
    """The scan stays within its budget, and the workers' waits for it are in the reported
    wait."""
    from fakehub_listing import RateLimit

    from opengrade.sources.hub.budget import RequestBudget
    from opengrade.sources.hub.lister import HubLister

    HubLister()  # the client fetches its agent registry once per process: not a scan request
    corpus_only_hub.rate_limit = RateLimit(limit=8, window=1.0)
    query = ListingQuery(author="Qwen")
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(
            query, store, InProcessEngine(), depth=Depth.FILES, budget=RequestBudget(8, 1.0)
        )
        assert result.failed == 0 and result.added == store.count() >= 3
    assert len(corpus_only_hub.stats.requests) > 16  # the budget had to bite
    assert corpus_only_hub.rate_limit.refused == 0
    assert corpus_only_hub.rate_limit.most_in_a_window <= 8
    # the workers' share is 7 requests per second and they made more than 16: they waited
    assert result.workers_waited_seconds > 0.5
    assert result.waited_seconds >= result.workers_waited_seconds
    assert result.seconds >= result.workers_waited_seconds  # one worker: waits are wall time


def test_the_workers_waits_for_the_hubs_429s_are_in_the_reported_wait(
    corpus_only_hub: FakeHub, tmp_path: Path
) -> None:
    from fakehub_listing import RateLimit

    from opengrade.sources.hub.lister import HubLister

    HubLister()
    corpus_only_hub.rate_limit = RateLimit(limit=6, window=1.0)
    query = ListingQuery(author="Qwen")
    with open_store(str(tmp_path / "inventory.db")) as store:  # no budget of our own
        result = scan_hub(query, store, InProcessEngine(), depth=Depth.FILES)
        assert result.added + result.failed >= 3
    refused_reading = corpus_only_hub.rate_limit.refused - result.rate_limited
    assert refused_reading >= 1  # the Hub refused some of the workers' requests
    assert result.workers_waited_seconds > 0
    assert result.waited_seconds >= result.workers_waited_seconds
