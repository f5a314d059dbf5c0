"""Rate limits and faults: the scan keeps within its budget, honours the Hub's 429s, retries
5xx and cut-short pages, reports how long it waited, and stops a failing listing cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakehub import FakeHub
from fakehub_listing import RateLimit

from opengrade.scan.engines.local import InProcessEngine
from opengrade.scan.hub_scan import scan_hub
from opengrade.sources.hub.budget import RequestBudget
from opengrade.sources.hub.lister import HubLister, ListingQuery
from opengrade.store import open_store

QUERY = ListingQuery(page_size=25)  # about 200 releases: 8 pages, so the limits bite


def test_own_budget_keeps_under_the_hub_limit(small_hub: FakeHub, tmp_path: Path) -> None:
    HubLister()  # the client fetches its agent registry once per process: not a scan request
    small_hub.rate_limit = RateLimit(limit=3, window=2.0)
    budget = RequestBudget(2, window=2.0)
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(QUERY, store, InProcessEngine(), budget=budget)
        assert result.added == store.count() == len(small_hub.catalogue)
    assert small_hub.rate_limit.refused == 0 and result.rate_limited == 0
    assert small_hub.rate_limit.most_in_a_window <= 2
    assert result.pages == result.listing_requests >= 8
    assert result.waited_seconds > 0  # 8 pages at 2 per 2 s take at least 6 s
    assert result.seconds >= 2.0 * (result.pages // 2 - 1)


def test_the_hubs_429_is_honoured_and_the_wait_reported(small_hub: FakeHub, tmp_path: Path) -> None:
    small_hub.rate_limit = RateLimit(limit=2, window=2.0)
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(QUERY, store, InProcessEngine())
        assert result.stopped is None
        assert result.added == store.count() == len(small_hub.catalogue)
    assert result.rate_limited >= 1 and small_hub.rate_limit.refused == result.rate_limited
    assert result.waited_seconds >= result.rate_limited  # the RateLimit header said t>=1 s
    assert small_hub.rate_limit.most_in_a_window <= 2


@pytest.mark.parametrize("fault", ["server_errors", "truncated"])
def test_server_errors_and_cut_short_pages_are_retried(
    small_hub: FakeHub, tmp_path: Path, fault: str
) -> None:
    setattr(small_hub.listing_faults, fault, 2)
    lister = HubLister(backoff=0.05)
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(QUERY, store, InProcessEngine(), lister=lister)
        assert result.stopped is None and store.count() == len(small_hub.catalogue)
    assert lister.counters.retries == 2
    assert result.listing_requests == result.pages + 2


def test_a_listing_that_keeps_failing_stops_with_what_to_do(
    small_hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_hub.listing_faults.server_errors = 10**6
    lister = HubLister(backoff=0.01, max_attempts=3)
    with open_store(str(tmp_path / "inventory.db")) as store:
        result = scan_hub(QUERY, store, InProcessEngine(), lister=lister)
        assert store.count() == 0
    assert result.stopped is not None
    assert "failed 3 times (HTTP 503)" in result.stopped and "run the scan again" in result.stopped
    assert result.listing_requests == 3


def test_waits_are_counted_as_wall_time_once_whatever_the_threads() -> None:
    """Two threads waiting through the same 0.3 s count 0.3 s, not 0.6 s; a budget on a fake
    clock (its 60 s wait takes no time) adds nothing and does not hide the waits that follow."""
    import threading

    from opengrade.sources.hub.budget import waited_here

    fake_now = [0.0]

    def fake_sleep(seconds: float) -> None:
        fake_now[0] += seconds

    before = waited_here()
    on_a_fake_clock = RequestBudget(1, 60.0, clock=lambda: fake_now[0], sleep=fake_sleep)
    on_a_fake_clock.acquire()
    on_a_fake_clock.acquire()  # a 60 s wait on the fake clock: no wall time passes

    def wait_for_the_window() -> None:
        budget = RequestBudget(1, 0.3)
        budget.acquire()
        budget.acquire()  # waits 0.3 s for its window

    threads = [threading.Thread(target=wait_for_the_window) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    waited = waited_here() - before
    assert 0.25 <= waited < 0.5, waited
