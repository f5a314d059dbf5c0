"""The loopback Hub's listing speaks the real API: the real client pages through it."""

from __future__ import annotations

import math
from pathlib import Path

import httpx2 as httpx
import pytest
from fakehub import FakeHub
from fakehub_listing import RateLimit
from huggingface_hub import HfApi

EXPAND = ["sha", "cardData", "siblings", "gated", "tags", "library_name", "pipeline_tag"]


def test_the_client_pages_through_every_release(small_hub: FakeHub) -> None:
    api = HfApi(endpoint=small_hub.endpoint)
    before = small_hub.listing_requests()
    listed = list(api.list_models(expand=EXPAND, limit=None))  # type: ignore[arg-type]
    assert [model.id for model in listed] == sorted(small_hub.catalogue.releases)
    assert all(model.sha and len(model.sha) == 40 for model in listed)
    assert small_hub.listing_requests() - before == 1  # under 1,000: one page
    llama = next(model for model in listed if model.id == "meta-llama/Llama-2-7b-hf")
    assert llama.card_data is not None and llama.siblings


def test_pages_of_at_most_1000_linked_by_cursor(hub_env: Path, corpus: Path) -> None:
    from hubscale_support import start_hub

    with start_hub(corpus) as hub:
        total = len(hub.catalogue)
        assert total > 3400
        url = f"{hub.endpoint}/api/models"
        response = httpx.get(url, params={"limit": "5000", "expand[]": "sha"}, timeout=120)
        assert len(response.json()) == 1000  # the Hub's maximum page
        pages, next_url = 1, response.links["next"]["url"]
        assert "cursor=" in next_url
        seen = [entry["id"] for entry in response.json()]
        while next_url:
            response = httpx.get(next_url, timeout=120)
            seen += [entry["id"] for entry in response.json()]
            pages += 1
            next_url = response.links.get("next", {}).get("url")
        assert pages == math.ceil(total / 1000)
        assert len(seen) == len(set(seen)) == total
        assert set(response.json()[0]) == {"_id", "id", "sha"}  # only what expand asked


def test_author_search_filter_and_sort(small_hub: FakeHub) -> None:
    api = HfApi(endpoint=small_hub.endpoint)
    meta = [model.id for model in api.list_models(author="meta-llama")]
    assert meta and all(item.startswith("meta-llama/") for item in meta)
    found = [model.id for model in api.list_models(search="pythia")]
    assert found == ["EleutherAI/pythia-6.9b"]
    mit = list(api.list_models(filter="license:mit", expand=["tags"]))  # type: ignore[list-item]
    assert mit and all("license:mit" in (model.tags or []) for model in mit)
    by_downloads = [
        model.downloads
        for model in api.list_models(sort="downloads", expand=["downloads"])  # type: ignore[list-item]
    ]
    assert by_downloads == sorted(by_downloads, reverse=True)


def test_rate_limit_headers_and_429(small_hub: FakeHub) -> None:
    small_hub.rate_limit = RateLimit(limit=2, window=60)
    url = f"{small_hub.endpoint}/api/models"
    first = httpx.get(url, params={"limit": "1"})
    assert first.headers["RateLimit"] == '"api";r=1;t=60'
    assert first.headers["RateLimit-Policy"] == '"fixed window";"api";q=2;w=60'
    httpx.get(url, params={"limit": "1"})
    refused = httpx.get(url, params={"limit": "1"})
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    assert small_hub.rate_limit.most_in_a_window == 2


@pytest.mark.parametrize("fault", ["server-error", "truncated"])
def test_listing_faults(small_hub: FakeHub, fault: str) -> None:
    if fault == "server-error":
        small_hub.listing_faults.server_errors = 1
        response = httpx.get(f"{small_hub.endpoint}/api/models")
        assert response.status_code == 503
    else:
        small_hub.listing_faults.truncated = 1
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{small_hub.endpoint}/api/models")
    assert httpx.get(f"{small_hub.endpoint}/api/models").status_code == 200
