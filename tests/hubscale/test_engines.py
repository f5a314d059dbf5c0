"""The engines grade the same listing entries into byte-identical reports: in this process, in a
local process pool, and as Ray tasks on a local Ray (CI installs the ``ray`` extra)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fakehub_listing import Catalogue

from opengrade.scan.engines import Engine, open_engine
from opengrade.scan.hub_worker import Depth, HubJob
from opengrade.sources.hub.listing_entry import EXPANDED_FIELDS, parse_listing_entry

RELEASES = 1000


def _entries(corpus: Path, count: int) -> list[str]:
    catalogue = Catalogue()
    catalogue.add_cards(corpus / "cards", limit=count)
    raws = []
    for release in catalogue.releases.values():
        entry = parse_listing_entry(release.entry(EXPANDED_FIELDS))
        assert entry is not None
        raws.append(entry.raw)
    return raws


def _reports(engine: Engine, raws: list[str]) -> dict[str, str]:
    with engine:
        for start in range(0, len(raws), 50):
            job = HubJob(
                tuple(raws[start : start + 50]), Depth.METADATA, "http://hub.invalid", True
            )
            engine.submit(job)
        outcomes = []
        while engine.pending():
            for batch in engine.finished(block=True):
                outcomes += batch
    assert all(item.status == "graded" for item in outcomes)
    return {item.target: item.report_json for item in outcomes}


def test_local_pool_matches_this_process(corpus: Path) -> None:
    raws = _entries(corpus, 120)
    alone = _reports(open_engine("local", jobs=1), raws)
    pooled = _reports(open_engine("local", jobs=2), raws)
    assert len(alone) == 120 and pooled == alone


def test_ray_matches_local_on_1000_releases(corpus: Path) -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the ray extra; Ray is missing")
        pytest.skip("Ray is not installed (pip install 'opengrade[ray]')")
    raws = _entries(corpus, RELEASES)
    local = _reports(open_engine("local", jobs=2), raws)
    on_ray = _reports(open_engine("ray", jobs=2), raws)
    assert len(local) == RELEASES
    assert on_ray == local
