"""The loopback Hub speaks what the real huggingface_hub client expects (its own calls pass)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakehub import VALID_TOKEN, Behaviour, FakeHub
from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

LLAMA = "meta-llama/Llama-2-7b-hf"


def _listing(corpus: Path, repo_id: str) -> dict[str, int]:
    folder = corpus / "models" / repo_id.replace("/", "__")
    siblings = json.loads((folder / "listing.json").read_text())["siblings"]
    return {entry["rfilename"]: entry.get("lfs", entry)["size"] for entry in siblings}


def test_model_info_lists_upstream_files_with_sizes(corpus_hub: FakeHub, corpus: Path) -> None:
    info = HfApi(endpoint=corpus_hub.endpoint).model_info(LLAMA, files_metadata=True)
    sizes = {sibling.rfilename: sibling.size for sibling in info.siblings or []}
    for path, size in _listing(corpus, LLAMA).items():
        assert sizes[path] == size
    weights = [s for s in info.siblings or [] if s.rfilename.endswith(".safetensors")]
    assert weights and all(s.lfs is not None and len(s.lfs.sha256) == 64 for s in weights)
    assert info.sha is not None and len(info.sha) == 40


def test_hf_hub_download_returns_the_corpus_bytes(corpus_hub: FakeHub, corpus: Path) -> None:
    downloaded = hf_hub_download(LLAMA, "LICENSE.txt", endpoint=corpus_hub.endpoint)
    original = corpus / "models" / "meta-llama__Llama-2-7b-hf" / "LICENSE.txt"
    assert Path(downloaded).read_bytes() == original.read_bytes()


def test_flattened_corpus_names_are_served_at_their_upstream_path(corpus_hub: FakeHub) -> None:
    path = hf_hub_download(
        "runwayml/stable-diffusion-v1-5", "unet/config.json", endpoint=corpus_hub.endpoint
    )
    assert json.loads(Path(path).read_text())  # the real config, not synthetic zeros


def test_refs_tree_and_revisions(corpus_hub: FakeHub) -> None:
    repo = corpus_hub.repos[("model", LLAMA)]
    commit = repo.add_branch("step1000")
    repo.add_tag("v1.0")
    api = HfApi(endpoint=corpus_hub.endpoint)
    refs = api.list_repo_refs(LLAMA)
    assert {ref.name for ref in refs.branches} == {"main", "step1000"}
    assert [ref.name for ref in refs.tags] == ["v1.0"]
    assert api.model_info(LLAMA, revision="step1000").sha == commit
    tree = list(api.list_repo_tree(LLAMA, recursive=True))
    assert len(tree) == len(repo.files)


def test_range_request_is_partial_and_counted(corpus_hub: FakeHub) -> None:
    from huggingface_hub import get_session, hf_hub_url

    url = hf_hub_url(LLAMA, "model-00001-of-00002.safetensors", endpoint=corpus_hub.endpoint)
    response = get_session().get(url, headers={"Range": "bytes=0-7"})
    assert response.status_code == 206
    assert response.headers["Content-Range"] == "bytes 0-7/9976578928"
    assert corpus_hub.weight_bytes_served(LLAMA) == {"model-00001-of-00002.safetensors": 8}


def test_gated_and_missing_map_to_the_clients_errors(corpus_hub: FakeHub) -> None:
    corpus_hub.behave(LLAMA, Behaviour(gated=True))
    with pytest.raises(GatedRepoError):
        hf_hub_download(LLAMA, "README.md", endpoint=corpus_hub.endpoint)
    path = hf_hub_download(LLAMA, "README.md", endpoint=corpus_hub.endpoint, token=VALID_TOKEN)
    assert Path(path).stat().st_size > 0
    with pytest.raises(RepositoryNotFoundError):
        HfApi(endpoint=corpus_hub.endpoint).model_info("nobody/nothing")
