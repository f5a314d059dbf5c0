"""Artifact evidence from real and written releases."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import pytest

from opengrade.evidence.artifacts import code_role, extract
from opengrade.model import (
    ArtifactKind,
    Evidence,
    EvidenceKind,
    FileKind,
    ReleaseFile,
    ReleaseSnapshot,
    Scope,
    SourceKind,
    Status,
    TextFile,
)
from opengrade.sources.local import LocalDirSource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "releases"


def artifacts(found: list[Evidence]) -> dict[str, Evidence]:
    return {item.payload.value_text(): item for item in found if item.kind is EvidenceKind.ARTIFACT}


def snapshot_of(*files: ReleaseFile, texts: tuple[TextFile, ...] = ()) -> ReleaseSnapshot:
    return ReleaseSnapshot("t", SourceKind.LOCAL, "/t", files=files, texts=texts)


def test_minilm_weights_and_config(minilm_release: Path) -> None:
    with (minilm_release / "model.safetensors").open("rb") as stream:
        (length,) = struct.unpack("<Q", stream.read(8))
        header = json.loads(stream.read(length))
    header.pop("__metadata__", None)
    config = json.loads((minilm_release / "config.json").read_text(encoding="utf-8"))

    found = artifacts(extract(LocalDirSource(minilm_release).read()))

    weights = found["model.safetensors"]
    assert weights.payload.subject_text() == ArtifactKind.WEIGHTS
    assert weights.status is Status.VERIFIED
    assert weights.payload.detail_values()["format"] == "safetensors"
    assert weights.payload.detail_values()["pickle"] is False
    assert weights.payload.detail_values()["dtype"] == "F32"
    assert weights.payload.detail_values()["parameters"] == sum(
        math.prod(t["shape"]) for t in header.values()
    )
    assert weights.provenance.path == "model.safetensors"
    config_evidence = found["config.json"]
    assert config_evidence.payload.subject_text() == ArtifactKind.CONFIG
    assert config_evidence.payload.detail_values()["architecture"] == ", ".join(
        config["architectures"]
    )
    assert config_evidence.payload.detail_values()["model_type"] == config["model_type"]
    assert config_evidence.provenance.field == "architectures"
    assert found["tokenizer.json"].payload.subject_text() == ArtifactKind.TOKENIZER
    assert found["vocab.txt"].payload.subject_text() == ArtifactKind.TOKENIZER


def test_toy_release_inventory() -> None:
    found_all = extract(LocalDirSource(FIXTURES / "toy-release").read())
    found = artifacts(found_all)
    pointer = found["model-00001-of-00002.safetensors"]
    assert (pointer.status, pointer.payload.detail_values()["lfs_pointer"]) == (
        Status.DECLARED,
        True,
    )
    absent = found["model-00002-of-00002.safetensors"]
    assert (absent.status, absent.payload.detail_values()["present"]) == (Status.DECLARED, False)
    index = found["model.safetensors.index.json"]
    assert index.payload.subject_text() == ArtifactKind.WEIGHTS
    assert index.payload.detail_values()["total_size"] == 4096  # written as the float 4096.0
    assert (
        index.payload.detail_values()["shards"],
        index.payload.detail_values()["shards_listed"],
    ) == (2, 2)
    assert index.payload.detail_values()["tensors"] == 3
    assert index.status is Status.DECLARED  # the shards are a pointer and a listing entry
    assert index.provenance.field == "weight_map"
    assert found["modeling_toy.py"].payload.subject_text() == ArtifactKind.ARCHITECTURE_CODE
    assert found["train_toy.py"].payload.subject_text() == ArtifactKind.TRAINING_CODE
    assert found["evaluate_toy.py"].payload.subject_text() == ArtifactKind.EVALUATION_CODE
    assert found["helpers.py"].payload.subject_text() == ArtifactKind.CODE
    assert found["toy_walkthrough.ipynb"].payload.subject_text() == ArtifactKind.NOTEBOOK
    paper = found["paper/toy-report.pdf"]
    assert (paper.payload.subject_text(), paper.status) == (ArtifactKind.PAPER, Status.DECLARED)
    assert found["config.json"].payload.detail_values()["architecture"] == "ToyForCausalLM"
    assert ".github/workflows/check.yml" not in found
    problems = [item for item in found_all if item.kind is EvidenceKind.PROBLEM]
    assert [(item.payload.subject_text(), item.provenance.path) for item in problems] == [
        ("listing-invalid", "listing.json")
    ]
    assert all(item.provenance.path for item in found_all)


def test_invalid_shard_index_is_problem_evidence() -> None:
    found = extract(LocalDirSource(FIXTURES / "broken-shard-index").read())
    (problem,) = (item for item in found if item.kind is EvidenceKind.PROBLEM)
    assert problem.payload.subject_text() == "json-invalid"
    assert problem.provenance.path == "model.safetensors.index.json"
    assert problem.provenance.line is not None
    assert "not valid JSON" in problem.payload.value_text()


def test_truncated_config_names_the_cause() -> None:
    config = ReleaseFile("config.json", 10_000_000, FileKind.CONFIG)
    text = TextFile("config.json", '{"architectures": ["X"', truncated=True)
    (problem, evidence) = extract(snapshot_of(config, texts=(text,)))
    assert problem.kind is EvidenceKind.PROBLEM
    assert "truncated" in problem.payload.value_text()
    assert evidence.payload.subject_text() == ArtifactKind.CONFIG
    assert "architecture" not in evidence.payload.detail_values()


@pytest.mark.parametrize(
    ("path", "fmt", "pickle"),
    [
        ("pytorch_model.bin", "pytorch-pickle", True),
        ("model.pt", "pytorch-pickle", True),
        ("model.pth", "pytorch-pickle", True),
        ("v1-5-pruned.ckpt", "pytorch-pickle", True),
        ("tf_model.h5", "h5", False),
        ("flax_model.msgpack", "msgpack", False),
        ("model.onnx", "onnx", False),
        ("model.tflite", "tflite", False),
        ("model.nemo", "nemo", False),
        ("ckpt-0/tensor00000_000", "jax-checkpoint", False),
    ],
)
def test_weights_formats_and_pickle_flag(path: str, fmt: str, pickle: bool) -> None:
    (evidence,) = extract(snapshot_of(ReleaseFile(path, 100, FileKind.WEIGHTS)))
    assert (
        evidence.payload.detail_values()["format"],
        evidence.payload.detail_values()["pickle"],
    ) == (fmt, pickle)
    assert evidence.status is Status.VERIFIED


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("modeling_llama.py", ArtifactKind.ARCHITECTURE_CODE),
        ("configuration_qwen.py", ArtifactKind.ARCHITECTURE_CODE),
        ("scripts/train.py", ArtifactKind.TRAINING_CODE),
        ("finetune_lora.py", ArtifactKind.TRAINING_CODE),
        ("eval_mmlu.py", ArtifactKind.EVALUATION_CODE),
        ("benchmark.py", ArtifactKind.EVALUATION_CODE),
        ("preprocess_data.py", ArtifactKind.PREPROCESSING_CODE),
        ("tokenize_corpus.py", ArtifactKind.PREPROCESSING_CODE),
        ("data_prep.py", ArtifactKind.PREPROCESSING_CODE),
        ("inference.py", ArtifactKind.INFERENCE_CODE),
        ("generate.py", ArtifactKind.INFERENCE_CODE),
        ("run_demo.py", ArtifactKind.INFERENCE_CODE),
        ("app.py", ArtifactKind.INFERENCE_CODE),
        ("qwen_generation_utils.py", ArtifactKind.CODE),
    ],
)
def test_code_roles(name: str, kind: ArtifactKind) -> None:
    assert code_role(name) is kind


def _gguf_with_license(path: Path) -> None:
    def string(text: str) -> bytes:
        return struct.pack("<Q", len(text.encode())) + text.encode()

    pairs = [
        ("general.architecture", "toyarch"),
        ("general.license", "mit"),
        ("general.base_model.0.name", "Toy Base"),
        ("general.base_model.0.organization", "Toy Lab"),
    ]
    data = b"GGUF" + struct.pack("<IQQ", 3, 1, len(pairs))
    for key, value in pairs:
        data += string(key) + struct.pack("<I", 8) + string(value)
    data += string("w") + struct.pack("<I", 2) + struct.pack("<QQ", 4, 8) + struct.pack("<IQ", 8, 0)
    path.write_bytes(data + bytes(64))


def test_gguf_license_and_base_model_are_declared(tmp_path: Path) -> None:
    _gguf_with_license(tmp_path / "toy-q8.gguf")
    found = extract(LocalDirSource(tmp_path).read())
    weights = artifacts(found)["toy-q8.gguf"]
    assert (
        weights.payload.detail_values()["dtype"],
        weights.payload.detail_values()["parameters"],
    ) == ("Q8_0", 32)
    assert weights.payload.detail_values()["architecture"] == "toyarch"
    (declared,) = (item for item in found if item.kind is EvidenceKind.LICENSE_DECLARED)
    assert (
        declared.payload.subject_text(),
        declared.payload.value_text(),
        declared.payload.detail_values()["via"],
    ) == (
        Scope.WEIGHTS,
        "mit",
        "gguf",
    )
    assert declared.provenance.field == "general.license"
    (lineage,) = (item for item in found if item.kind is EvidenceKind.LINEAGE)
    assert (lineage.payload.subject_text(), lineage.payload.detail_values()["organization"]) == (
        "Toy Base",
        "Toy Lab",
    )


def test_every_corpus_folder_extracts(corpus: Path) -> None:
    for folder in sorted(path for path in (corpus / "models").iterdir() if path.is_dir()):
        found = extract(LocalDirSource(folder).read())
        assert all(item.provenance.path for item in found), folder.name


def test_corpus_float_total_size(corpus: Path) -> None:
    folder = corpus / "models" / "togethercomputer__RedPajama-INCITE-7B-Base"
    if not folder.is_dir():
        pytest.skip("the corpus no longer holds the RedPajama folder")
    index_path = "pytorch_model.bin.index.json"
    declared = json.loads((folder / index_path).read_text(encoding="utf-8"))["metadata"]
    index = artifacts(extract(LocalDirSource(folder).read()))[index_path]
    assert isinstance(declared["total_size"], float)
    assert index.payload.detail_values()["total_size"] == int(declared["total_size"])
    assert index.payload.detail_values()["pickle"] is True


def test_deeply_nested_config_is_a_json_problem() -> None:
    config = ReleaseFile("config.json", 200_000, FileKind.CONFIG)
    text = TextFile("config.json", "[" * 100_000 + "]" * 100_000)
    (problem, evidence) = extract(snapshot_of(config, texts=(text,)))
    assert (problem.kind, problem.payload.subject_text()) == (EvidenceKind.PROBLEM, "json-invalid")
    assert "nested too deeply" in problem.payload.value_text()
    assert evidence.payload.subject_text() == ArtifactKind.CONFIG


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("model.safetensors", b"", "header-truncated"),
        ("model.safetensors", struct.pack("<Q", 2) + b"[]", "header-invalid"),
        ("model.gguf", b"GGUF" + bytes(4), "header-invalid"),
    ],
)
def test_weights_without_a_readable_header_are_only_declared(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "config.json").write_text('{"model_type": "toy"}', encoding="utf-8")
    found = extract(LocalDirSource(tmp_path).read())
    weights = artifacts(found)[name]
    assert weights.status is Status.DECLARED
    assert weights.payload.detail_values()["header_error"] == code
    assert "parameters" not in weights.payload.detail_values()
    problems = [item.payload.subject_text() for item in found if item.kind is EvidenceKind.PROBLEM]
    assert problems == [code]


def test_weights_header_never_read_is_declared_as_unread() -> None:
    (evidence,) = extract(snapshot_of(ReleaseFile("model.safetensors", 100, FileKind.WEIGHTS)))
    assert evidence.status is Status.DECLARED
    assert evidence.payload.detail_values()["header_error"] == "header-unread"
