"""HubSource reads every corpus release from the loopback Hub, and never downloads weights."""

from __future__ import annotations

import dataclasses
import json
import struct
from pathlib import Path

import pytest
from fakehub import FakeHub
from fakehub_content import FakeRepo, real_file

from opengrade.errors import ReleaseNotFound
from opengrade.model import SourceKind
from opengrade.sources.hub import HEADER_PREFETCH, HubSource
from opengrade.sources.weights import read_safetensors_header

TEXT_NAMES = ("readme", "license", "notice", "use_policy", "model_card", "config")


def _listing(folder: Path) -> dict[str, int]:
    siblings = json.loads((folder / "listing.json").read_text())["siblings"]
    return {entry["rfilename"]: entry.get("lfs", entry)["size"] for entry in siblings}


def test_every_corpus_release_reads_without_downloading_weights(
    corpus_hub: FakeHub, corpus: Path
) -> None:
    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    assert len(folders) >= 40
    for folder in folders:
        repo_id = folder.name.replace("__", "/", 1)
        snapshot = HubSource(repo_id, endpoint=corpus_hub.endpoint).read()
        assert snapshot.source is SourceKind.HUB and snapshot.id == repo_id
        assert snapshot.gated is False and snapshot.location.startswith(corpus_hub.endpoint)
        assert snapshot.revision == corpus_hub.repos[("model", repo_id)].branches["main"]
        for path, size in _listing(folder).items():
            listed = snapshot.file(path)
            assert listed is not None and listed.present, (repo_id, path)
            assert listed.size == size, (repo_id, path)
        for local in folder.iterdir():
            name = local.name.lower()
            if name in {"source.md", "listing.json"} or not name.startswith(TEXT_NAMES):
                continue
            path = local.name.replace("__", "/", 1) if "__" in local.name else local.name
            text = snapshot.text(path) or snapshot.text(local.name)
            assert text is not None, (repo_id, local.name)
            if local.stat().st_size <= 1_048_576:
                assert (
                    text.text.encode(text.encoding) == local.read_bytes()
                    or text.encoding != "utf-8"
                )
        served = corpus_hub.weight_bytes_served(repo_id)
        for path, count in served.items():
            size = snapshot.file(path).size  # type: ignore[union-attr]
            assert count <= HEADER_PREFETCH and (size is None or count < size), (repo_id, path)


def test_weight_files_carry_size_and_the_hubs_lfs_sha256(corpus_hub: FakeHub) -> None:
    repo_id = "meta-llama/Llama-2-7b-hf"
    snapshot = HubSource(repo_id, endpoint=corpus_hub.endpoint).read()
    served = corpus_hub.repos[("model", repo_id)].files
    shard = snapshot.file("model-00001-of-00002.safetensors")
    assert shard is not None and shard.kind == "weights" and shard.size == 9_976_578_928
    assert shard.sha256 == served["model-00001-of-00002.safetensors"].sha256
    # our zero-filled stand-in has no valid header: said as a problem, never a made-up count
    assert not snapshot.headers
    codes = {(p.path, p.code) for p in snapshot.problems}
    assert ("model-00001-of-00002.safetensors", "header-invalid") in codes


def test_a_real_safetensors_header_is_read_by_range_requests(
    empty_hub: FakeHub, minilm_release: Path
) -> None:
    repo = FakeRepo("opengrade-test/minilm")
    for local in sorted(minilm_release.rglob("*")):
        if local.is_file():
            repo.add(real_file(local.relative_to(minilm_release).as_posix(), source=local))
    empty_hub.add_repo(repo)
    snapshot = HubSource(repo.repo_id, endpoint=empty_hub.endpoint).read()
    weights = minilm_release / "model.safetensors"
    with weights.open("rb") as stream:

        def read(offset: int, length: int) -> bytes:
            stream.seek(offset)
            return stream.read(length)

        expected = read_safetensors_header(read, weights.stat().st_size, path="model.safetensors")
    assert snapshot.headers == (expected,)
    assert expected.parameters and expected.parameters > 20_000_000
    served = empty_hub.weight_bytes_served(repo.repo_id)["model.safetensors"]
    assert served <= HEADER_PREFETCH < weights.stat().st_size // 1000
    assert snapshot.file("model.safetensors").sha256 == repo.files["model.safetensors"].sha256  # type: ignore[union-attr]
    assert snapshot.text("1_Pooling/config.json") is not None


def _gguf(license_name: str) -> bytes:
    def string(value: str) -> bytes:
        return struct.pack("<Q", len(value)) + value.encode()

    header = b"GGUF" + struct.pack("<IQQ", 3, 1, 1)
    header += string("general.license") + struct.pack("<I", 8) + string(license_name)
    header += string("token_embd.weight") + struct.pack("<IQQIQ", 2, 16, 4, 0, 0)
    return header + bytes(16 * 4 * 4)


def test_a_gguf_header_is_read_by_range_requests(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("opengrade-test/tiny-gguf"))
    repo.add(real_file("model.gguf", data=_gguf("apache-2.0")))
    repo.add(real_file("README.md", data=b"---\nlicense: apache-2.0\n---\n# Tiny\n"))
    snapshot = HubSource(repo.repo_id, endpoint=empty_hub.endpoint).read()
    (header,) = snapshot.headers
    assert header.format == "gguf" and header.parameters == 64
    assert header.metadata["general.license"] == "apache-2.0"


def test_refs_and_revisions_are_recorded(corpus_hub: FakeHub) -> None:
    repo_id = "EleutherAI/pythia-6.9b"
    repo = corpus_hub.repos[("model", repo_id)]
    step = repo.branches["step143000"]  # the real repository's checkpoint branches are served
    tag = repo.add_tag("v0")
    main = HubSource(repo_id, endpoint=corpus_hub.endpoint).read()
    assert len(main.refs) == 1 + 154 + 1 and main.refs == tuple(sorted(main.refs))
    assert {"main", "step0", "step512", "step1000", "step143000", "v0"} <= set(main.refs)
    assert main.revision == repo.branches["main"]
    assert HubSource(repo_id, revision="step143000").read().revision == step
    assert HubSource(repo_id, revision="v0").read().revision == tag
    assert HubSource(repo_id, revision=step).read().revision == step
    with pytest.raises(ReleaseNotFound, match=r"no revision .no-such-branch."):
        HubSource(repo_id, revision="no-such-branch").read()


def test_oversized_text_is_read_up_to_the_bound(empty_hub: FakeHub) -> None:
    repo = empty_hub.add_repo(FakeRepo("opengrade-test/big-card"))
    repo.add(real_file("README.md", data=b"---\nlicense: mit\n---\n" + b"word " * 50_000))
    snapshot = HubSource(repo.repo_id, max_text_bytes=4096).read()
    card = snapshot.text("README.md")
    assert card is not None and card.truncated and len(card.text) == 4096
    assert [p.code for p in snapshot.problems] == ["too-large"]
    assert empty_hub.stats.bytes_served[(repo.repo_id, "README.md")] == 4096


def test_warm_hub_cache_saves_the_downloads(corpus_hub: FakeHub) -> None:
    from huggingface_hub import hf_hub_download

    repo_id = "EleutherAI/pythia-6.9b"
    commit = corpus_hub.repos[("model", repo_id)].branches["main"]
    for path in ("README.md", "LICENSE"):
        hf_hub_download(repo_id, path, revision=commit, endpoint=corpus_hub.endpoint)
    before = dict(corpus_hub.stats.bytes_served)
    snapshot = HubSource(repo_id).read()
    assert snapshot.text("README.md") is not None and snapshot.text("LICENSE") is not None
    assert dict(corpus_hub.stats.bytes_served) == before


def test_invalid_ids_are_refused_before_any_request(empty_hub: FakeHub) -> None:
    for bad in ("no-slash", "a/b/c", "../etc", "/abs/path"):
        with pytest.raises(ReleaseNotFound, match="org/name"):
            HubSource(bad).read()
    assert empty_hub.stats.requests == []


def test_a_repository_without_files_reads_as_an_empty_release(corpus_hub: FakeHub) -> None:
    snapshot = HubSource("openai/gpt-4").read()
    assert snapshot.files == () and snapshot.revision is not None
    assert [problem.code for problem in snapshot.problems] == ["empty-release"]


def test_hub_and_local_reads_of_a_corpus_release_agree(corpus_hub: FakeHub, corpus: Path) -> None:
    from opengrade.sources.local import LocalDirSource

    corpus_only = {"SOURCE.md", "listing.json"}
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        local = LocalDirSource(folder).read()
        hub = HubSource(local.id).read()
        assert hub.id == local.id
        hub_paths = {item.path for item in hub.files}
        for item in local.files:
            if item.path in corpus_only:
                continue
            upstream = item.path if item.path in hub_paths else item.path.replace("__", "/", 1)
            on_hub = hub.file(upstream)
            assert on_hub is not None and on_hub.size == item.size, (local.id, item.path)
            assert on_hub.kind == item.kind or "__" in item.path, (local.id, item.path)
        for text in local.texts:
            if text.path in corpus_only:
                continue
            upstream = text.path if text.path in hub_paths else text.path.replace("__", "/", 1)
            assert hub.text(upstream) == dataclasses.replace(text, path=upstream), (
                local.id,
                text.path,
            )


@pytest.mark.corpus
def test_small_files_read_whole_carry_the_sha256_of_their_bytes(
    corpus: Path, corpus_hub: FakeHub
) -> None:
    import hashlib

    snapshot = HubSource("sentence-transformers/all-MiniLM-L6-v2").read()
    card = snapshot.file("README.md")
    assert card is not None and card.sha256 is not None
    local = (
        corpus / "models" / "sentence-transformers__all-MiniLM-L6-v2" / "README.md"
    ).read_bytes()
    assert card.sha256 == hashlib.sha256(local).hexdigest()
