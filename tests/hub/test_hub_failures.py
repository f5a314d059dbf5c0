"""Every way the Hub can fail gives a clear SourceError (never a partial snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakehub import VALID_TOKEN, Behaviour, FakeHub
from huggingface_hub import hf_hub_download

from opengrade.errors import ReleaseNotFound, SourceError
from opengrade.sources.hub import (
    HubAccessError,
    HubOfflineError,
    HubRateLimitError,
    HubResponseError,
    HubServerError,
    HubSource,
    HubTimeoutError,
)

LLAMA = "meta-llama/Llama-2-7b-hf"


def _statuses(hub: FakeHub) -> list[int]:
    return [status for _, _, status in hub.stats.requests]


def test_gated_without_token_says_how_to_get_access(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(gated=True))
    with pytest.raises(HubAccessError) as caught:
        HubSource(LLAMA).read()
    message = str(caught.value)
    assert "gated" in message and "HF_TOKEN" in message
    assert f"{corpus_hub.endpoint}/{LLAMA}" in message
    assert 401 in _statuses(corpus_hub)


def test_gated_with_a_token_lacking_access(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(gated=True))
    with pytest.raises(HubAccessError, match="token in use has no access"):
        HubSource(LLAMA, token="hf_not_granted").read()
    assert 403 in _statuses(corpus_hub)


def test_gated_with_access_reads_and_says_gated(
    corpus_hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_hub.behave(LLAMA, Behaviour(gated=True))
    monkeypatch.setenv("HF_TOKEN", VALID_TOKEN)
    snapshot = HubSource(LLAMA).read()
    assert snapshot.gated is True and snapshot.text("LICENSE.txt") is not None


def test_missing_repository(corpus_hub: FakeHub) -> None:
    with pytest.raises(ReleaseNotFound, match="not found on the Hub"):
        HubSource("nobody/nothing-here").read()
    corpus_hub.behave(LLAMA, Behaviour(missing=True))
    with pytest.raises(ReleaseNotFound):
        HubSource(LLAMA).read()


def test_private_repository_without_access_reads_as_not_found(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(private=True))
    with pytest.raises(ReleaseNotFound, match="private"):
        HubSource(LLAMA).read()
    assert HubSource(LLAMA, token=VALID_TOKEN).read().text("README.md") is not None


def test_rate_limit_is_retried_honouring_retry_after(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(rate_limited=True, retry_after="0", times=2))
    snapshot = HubSource(LLAMA).read()
    assert snapshot.text("README.md") is not None
    assert _statuses(corpus_hub).count(429) == 2


def test_rate_limit_that_does_not_end(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(rate_limited=True, retry_after="0"))
    with pytest.raises(HubRateLimitError, match="429"):
        HubSource(LLAMA).read()
    assert _statuses(corpus_hub) == [429] * 4  # bounded attempts, then a clear error


def test_server_errors_retried_then_reported(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(server_error=503, times=1))
    assert HubSource(LLAMA, backoff=0.01).read().revision is not None
    corpus_hub.behave(LLAMA, Behaviour(server_error=500))
    with pytest.raises(HubServerError, match="HTTP 500"):
        HubSource(LLAMA, backoff=0.01, max_attempts=3).read()
    assert _statuses(corpus_hub)[-3:] == [500, 500, 500], corpus_hub.stats.requests[-5:]


def test_slow_hub_times_out(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(slow_seconds=0.3))
    with pytest.raises(HubTimeoutError, match=r"within 0\.1 s"):
        HubSource(LLAMA, timeout=0.1, backoff=0.01, max_attempts=2).read()


def test_truncated_answers_are_retried_then_reported(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(truncating=True, times=3))
    assert HubSource(LLAMA, backoff=0.01).read().text("USE_POLICY.md") is not None
    corpus_hub.behave(LLAMA, Behaviour(truncating=True))
    with pytest.raises(HubResponseError, match=r"cut short|truncated"):
        HubSource(LLAMA, backoff=0.01).read()


def test_unreachable_hub(hub_env: Path) -> None:
    with pytest.raises(HubServerError, match="HF_ENDPOINT") as caught:
        HubSource(LLAMA, endpoint="http://127.0.0.1:9", timeout=0.5, backoff=0.01).read()
    assert ".." not in str(caught.value)


def test_offline_reads_only_the_cache(corpus_hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(HubOfflineError, match="not in the Hub cache"):
        HubSource(LLAMA).read()
    monkeypatch.delenv("HF_HUB_OFFLINE")
    for path in ("README.md", "LICENSE.txt"):
        hf_hub_download(LLAMA, path, endpoint=corpus_hub.endpoint)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    requests_before = len(corpus_hub.stats.requests)
    snapshot = HubSource(LLAMA).read()
    assert len(corpus_hub.stats.requests) == requests_before
    assert {item.path for item in snapshot.files} == {"README.md", "LICENSE.txt"}
    assert snapshot.text("LICENSE.txt") is not None
    assert "hub-offline" in {problem.code for problem in snapshot.problems}
    assert snapshot.gated is None and snapshot.datasets == ()  # the cache cannot say


def test_every_failure_is_a_source_error() -> None:
    for error in (HubAccessError, HubRateLimitError, HubServerError, HubTimeoutError):
        assert issubclass(error, SourceError)
    assert issubclass(HubResponseError, SourceError) and issubclass(HubOfflineError, SourceError)


def test_retry_after_is_what_the_client_waits(
    corpus_hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    import opengrade.sources.hub.http as hub_http

    waits: list[float] = []
    monkeypatch.setattr(hub_http.time, "sleep", waits.append)
    corpus_hub.behave(LLAMA, Behaviour(rate_limited=True, retry_after="1", times=2))
    HubSource(LLAMA).read()
    assert waits == [1.0, 1.0]
    corpus_hub.behave(LLAMA, Behaviour(rate_limited=True, retry_after="3600"))
    with pytest.raises(HubRateLimitError):
        HubSource(LLAMA).read()
    assert waits[2:] == [30.0, 30.0, 30.0]  # a huge Retry-After is capped, attempts bounded


def test_a_listed_file_the_hub_cannot_serve(corpus_hub: FakeHub, tmp_path: Path) -> None:
    files = corpus_hub.repos[("model", LLAMA)].files
    files["model-00002-of-00002.safetensors"].unservable = True
    snapshot = HubSource(LLAMA).read()  # a weights header is one fact: a problem, not a failure
    problems = {(p.path, p.code) for p in snapshot.problems}
    assert ("model-00002-of-00002.safetensors", "unreadable") in problems
    files["USE_POLICY.md"].unservable = True  # a text the evidence needs: the read fails
    with pytest.raises(HubResponseError, match=r"USE_POLICY\.md is listed but missing"):
        HubSource(LLAMA, cache_dir=tmp_path / "cold-cache").read()


def test_offline_after_an_online_read(corpus_hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    online = HubSource(LLAMA).read()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    requests_before = len(corpus_hub.stats.requests)
    offline = HubSource(LLAMA).read()
    assert len(corpus_hub.stats.requests) == requests_before
    assert offline.revision == online.revision
    readable = {text.path: text for text in online.texts}
    assert {text.path: text for text in offline.texts} == readable
    assert "hub-offline" in {problem.code for problem in offline.problems}
    # and the client itself finds our cache entries where it would have put them
    from huggingface_hub import hf_hub_download

    cached = hf_hub_download(LLAMA, "LICENSE.txt", endpoint=corpus_hub.endpoint)
    assert Path(cached).read_text() == readable["LICENSE.txt"].text
