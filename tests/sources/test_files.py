"""File classification from names, card preference, and upstream listings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade.model import FileKind
from opengrade.parsing.files import card_candidates, classify, weight_format
from opengrade.sources.hub.model_info import upstream_files


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("README.md", FileKind.CARD),
        ("MODEL_CARD.md", FileKind.CARD),
        ("model-card.md", FileKind.CARD),
        ("README_WEIGHTS.md", FileKind.CARD),
        ("GITHUB_README.md", FileKind.CARD),
        ("docs/README.md", FileKind.DOCUMENT),
        ("LICENSE", FileKind.LICENSE),
        ("LICENSE.txt", FileKind.LICENSE),
        ("LICENSE-MODEL", FileKind.LICENSE),
        ("LICENSE-CODE", FileKind.LICENSE),
        ("LICENSE.Apache-2.0", FileKind.LICENSE),
        ("COPYING", FileKind.LICENSE),
        ("LICENCE.md", FileKind.LICENSE),
        ("MODEL_LICENSE", FileKind.LICENSE),
        ("MODEL_LICENSE_AGREEMENT.txt", FileKind.LICENSE),
        ("CODE_REPO_LICENSE", FileKind.LICENSE),
        ("license_check.py", FileKind.CODE),
        ("NOTICE", FileKind.NOTICE),
        ("NOTICE.md", FileKind.NOTICE),
        ("USE_POLICY.md", FileKind.USE_POLICY),
        ("Acceptable_Use_Policy.txt", FileKind.USE_POLICY),
        ("model.safetensors", FileKind.WEIGHTS),
        ("unet/diffusion_pytorch_model.fp16.safetensors", FileKind.WEIGHTS),
        ("gemma-2b-it.gguf", FileKind.WEIGHTS),
        ("pytorch_model-00001-of-00002.bin", FileKind.WEIGHTS),
        ("v1-5-pruned.ckpt", FileKind.WEIGHTS),
        ("tf_model.h5", FileKind.WEIGHTS),
        ("flax_model.msgpack", FileKind.WEIGHTS),
        ("model.onnx", FileKind.WEIGHTS),
        ("model.tflite", FileKind.WEIGHTS),
        ("Nemotron-4-340B-Instruct.nemo", FileKind.WEIGHTS),
        ("ckpt-0/tensor00000_000", FileKind.WEIGHTS),
        ("model.safetensors.index.json", FileKind.CONFIG),
        ("pytorch_model.bin.index.json", FileKind.CONFIG),
        ("config.json", FileKind.CONFIG),
        ("generation_config.json", FileKind.CONFIG),
        ("unet__config.json", FileKind.CONFIG),
        ("model_index.json", FileKind.CONFIG),
        ("v1-inference.yaml", FileKind.CONFIG),
        ("tokenizer.json", FileKind.TOKENIZER),
        ("tokenizer_config.json", FileKind.TOKENIZER),
        ("tokenizer.model", FileKind.TOKENIZER),
        ("qwen.tiktoken", FileKind.TOKENIZER),
        ("vocab.txt", FileKind.TOKENIZER),
        ("merges.txt", FileKind.TOKENIZER),
        ("special_tokens_map.json", FileKind.TOKENIZER),
        ("chat_template.jinja", FileKind.TOKENIZER),
        ("modeling_qwen.py", FileKind.CODE),
        ("cache_autogptq_cuda_256.cpp", FileKind.CODE),
        ("phi_2.ipynb", FileKind.NOTEBOOK),
        ("tokenizer.pdf", FileKind.PAPER),
        ("Responsible-Use-Guide.pdf", FileKind.PAPER),
        ("SOURCE.md", FileKind.DOCUMENT),
        ("notes.txt", FileKind.DOCUMENT),
        ("tokenizer.png", FileKind.MEDIA),
        ("web_demo.gif", FileKind.MEDIA),
        ("events.out.tfevents.1647027747.host.1142471.0", FileKind.DATA),
        ("trainer_state.json", FileKind.DATA),
        ("vocab_stats.csv", FileKind.DATA),
        ("Acceptable-Use-Policy.md", FileKind.USE_POLICY),
        ("listing.json", FileKind.LISTING),
        ("sub/listing.json", FileKind.DATA),
        (".gitattributes", FileKind.OTHER),
        (".idea/vcs.xml", FileKind.OTHER),
        (".github/workflows/main.yml", FileKind.OTHER),
        ("", FileKind.OTHER),
    ],
)
def test_classify(path: str, kind: FileKind) -> None:
    assert classify(path) is kind


def test_weight_format() -> None:
    assert weight_format("a/b.SAFETENSORS") == "safetensors"
    assert weight_format("x.pth") == "pytorch-pickle"
    assert weight_format("ckpt-12/tensor00001_000") == "jax-checkpoint"
    assert weight_format("config.json") is None


def test_card_candidates_in_preference_order() -> None:
    paths = [
        "GITHUB_README.md",
        "model-card.md",
        "README_WEIGHTS.md",
        "model_card.md",
        "docs/README.md",
        "MODEL_CARD.md",
        "README.md",
        "LICENSE",
    ]
    assert card_candidates(paths) == [
        "README.md",
        "MODEL_CARD.md",
        "model_card.md",
        "model-card.md",
        "README_WEIGHTS.md",
        "GITHUB_README.md",
    ]
    assert card_candidates(["MODEL_CARD.md", "LICENSE"]) == ["MODEL_CARD.md"]
    assert card_candidates(["config.json"]) == []


def test_upstream_files_skip_present_and_flattened_paths() -> None:
    siblings = [
        {"rfilename": "README.md", "size": 10},
        {"rfilename": "1_Pooling/config.json", "size": 190},
        {"rfilename": "w.safetensors", "size": 1, "lfs": {"size": 99, "sha256": "ab" * 32}},
        {"path": "sub/w.gguf", "size": 5, "lfs": {"oid": "sha256:" + "cd" * 32}},
        {"rfilename": "/etc/passwd"},
        {"rfilename": "a/../../b"},
        "not an object",
        {"rfilename": "no-size.txt", "size": "12"},
    ]
    found, malformed = upstream_files(siblings, {"README.md", "1_Pooling__config.json"})
    by_path = {item.path: item for item in found}
    assert sorted(by_path) == ["no-size.txt", "sub/w.gguf", "w.safetensors"]
    assert malformed == 3
    assert (by_path["w.safetensors"].size, by_path["w.safetensors"].sha256) == (99, "ab" * 32)
    assert by_path["sub/w.gguf"].sha256 == "cd" * 32
    assert by_path["sub/w.gguf"].kind is FileKind.WEIGHTS
    assert by_path["no-size.txt"].size is None
    assert not any(item.present for item in found)


def test_every_upstream_path_in_the_corpus_is_classified(corpus: Path) -> None:
    """Every weights file the corpus listings name is recognised as weights (no silent OTHER)."""
    unknown = []
    for listing in sorted((corpus / "models").glob("*/listing.json")):
        for entry in json.loads(listing.read_text(encoding="utf-8"))["siblings"]:
            path = entry["rfilename"]
            if "lfs" in entry and classify(path) not in {
                FileKind.WEIGHTS,
                FileKind.TOKENIZER,
                FileKind.MEDIA,
                FileKind.PAPER,
                FileKind.DATA,
            }:
                unknown.append(path)
    assert unknown == []
