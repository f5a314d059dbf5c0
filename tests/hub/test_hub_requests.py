"""One request's rules: bounded reads of unknown size, honoured ranges, deadline, few attempts."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import httpx2
import pytest
from fakehub import Behaviour, FakeHub
from fakehub_content import FakeRepo, real_file

from opengrade.errors import ReleaseNotFound
from opengrade.sources.hub import HubResponseError, HubServerError, HubSource, HubTimeoutError
from opengrade.sources.hub.http import HubHttp
from opengrade.sources.hub.settings import HubSettings
from opengrade.sources.resolve import is_hub_id, open_source

LLAMA = "meta-llama/Llama-2-7b-hf"


def _safetensors(elements: int) -> bytes:
    """A valid safetensors file: one float32 tensor of ``elements`` values."""
    tensor = {"dtype": "F32", "shape": [elements], "data_offsets": [0, 4 * elements]}
    header = json.dumps({"weight": tensor}).encode()
    return struct.pack("<Q", len(header)) + header + bytes(4 * elements)


def _gets(hub: FakeHub, repo_id: str, path: str) -> int:
    prefix = f"/{repo_id}/resolve/"
    return sum(
        1 for _, url, _ in hub.stats.requests if url.startswith(prefix) and url.endswith(path)
    )


# ---- texts of unknown size ------------------------------------------------------------------
def test_a_text_of_unknown_size_is_read_once_however_short(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("test-org/sizeless"))
    card = b"---\nlicense: mit\n---\n# A card the listing gives no size for\n"
    repo.add(real_file("README.md", data=card))
    repo.files["README.md"].size_unlisted = True
    snapshot = HubSource(repo.repo_id).read()
    listed = snapshot.file("README.md")
    assert listed is not None and listed.size is None
    text = snapshot.text("README.md")
    assert text is not None and text.text.encode() == card and not text.truncated
    assert snapshot.problems == ()
    assert _gets(empty_hub, repo.repo_id, "README.md") == 1  # no retry of a "truncated" answer


def test_a_long_text_of_unknown_size_is_cut_at_the_bound(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("test-org/sizeless-long"))
    repo.add(real_file("LICENSE", data=b"terms " * 2000))
    repo.files["LICENSE"].size_unlisted = True
    snapshot = HubSource(repo.repo_id, max_text_bytes=1000).read()
    text = snapshot.text("LICENSE")
    assert text is not None and text.truncated and len(text.text) == 1000
    assert [(p.path, p.code) for p in snapshot.problems] == [("LICENSE", "too-large")]
    assert _gets(empty_hub, repo.repo_id, "LICENSE") == 1


# ---- range requests ----------------------------------------------------------------------------
def test_a_range_ignored_past_byte_zero_is_refused(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("test-org/proxied"))
    repo.add(real_file("model.safetensors", data=_safetensors(1000)))  # small: read in pieces
    (header,) = HubSource(repo.repo_id).read().headers
    assert header.parameters == 1000
    empty_hub.behave(repo.repo_id, Behaviour(ignores_range=True))
    snapshot = HubSource(repo.repo_id).read()
    assert snapshot.headers == ()
    (problem,) = snapshot.problems
    assert problem.code == "unreadable" and problem.path == "model.safetensors"
    assert "ignored the Range header" in problem.message and "offset 8" in problem.message


def test_a_range_ignored_at_byte_zero_keeps_the_first_bytes(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("test-org/proxied-large"))
    repo.add(real_file("model.safetensors", data=_safetensors(200_000)))  # one 64 KiB prefetch
    empty_hub.behave(repo.repo_id, Behaviour(ignores_range=True))
    (header,) = HubSource(repo.repo_id).read().headers
    assert header.parameters == 200_000


def test_a_206_for_other_bytes_is_refused(hub_env: Path) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        headers = {"Content-Range": "bytes 0-15/100"}  # asked from 8, answered from 0
        return httpx2.Response(206, headers=headers, content=bytes(16))

    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    settings = HubSettings.from_environment(
        "http://hub.invalid", None, None, defaults=("", ""), retries=(4, 0.0), timeout=1.0
    )
    http = HubHttp(settings, "test-org/x", session=lambda: client, headers={})
    with pytest.raises(HubResponseError, match=r"Content-Range 'bytes 0-15/100'.*offset 8"):
        http.get("http://hub.invalid/f", "f", limit=16, expected=16, byte_range=(8, 23))


# ---- slow Hubs: timeouts and the deadline ----------------------------------------------------
def test_a_hung_hub_gets_two_attempts(corpus_hub: FakeHub) -> None:
    behaviour = corpus_hub.behave(LLAMA, Behaviour(slow_seconds=0.4))
    with pytest.raises(HubTimeoutError, match=r"did not answer"):
        HubSource(LLAMA, timeout=0.05, backoff=0.0).read()  # max_attempts stays 4
    assert behaviour.arrivals == 2


def test_a_dripping_hub_is_cut_at_the_deadline(corpus_hub: FakeHub) -> None:
    behaviour = corpus_hub.behave(LLAMA, Behaviour(drip_seconds=0.02))
    with pytest.raises(HubTimeoutError, match=r"too slowly.*0\.2 s deadline"):
        HubSource(LLAMA, timeout=5.0, deadline=0.2, backoff=0.0).read()
    assert behaviour.arrivals == 1  # the deadline was spent: no second attempt


# ---- targets ---------------------------------------------------------------------------------
def test_hub_ids_follow_the_hub_sources_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_hub_id("org/name") and is_hub_id("org/name-v0.1")
    for target in ("zz/..", "zz/.", "org/name.", "org/name-", "a/b/c", "no-slash"):
        assert not is_hub_id(target), target
    with pytest.raises(ReleaseNotFound, match="does not exist"):
        open_source("zz/..")
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "name").mkdir()
    assert not is_hub_id("org/name")  # an existing directory is a directory


def test_an_unreachable_hub_message_reads_cleanly(hub_env: Path) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("the peer spoke another protocol.")

    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    settings = HubSettings.from_environment(
        "http://hub.invalid", None, None, defaults=("", ""), retries=(1, 0.0), timeout=1.0
    )
    http = HubHttp(settings, "test-org/x", session=lambda: client, headers={})
    with pytest.raises(HubServerError, match=r"another protocol\. Check HF_ENDPOINT"):
        http.get("http://hub.invalid/f", "f", limit=16)
