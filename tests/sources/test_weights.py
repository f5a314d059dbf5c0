"""Weights headers: safetensors and GGUF files written byte by byte, read with bounded reads."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import pytest

from opengrade.sources.local import LocalDirSource
from opengrade.sources.weights import (
    GGML_TYPES,
    HeaderError,
    Reader,
    read_gguf_header,
    read_safetensors_header,
)

GGUF_UINT32, GGUF_FLOAT32, GGUF_BOOL, GGUF_STRING, GGUF_ARRAY, GGUF_UINT64 = 4, 6, 7, 8, 9, 10


def bytes_reader(data: bytes, log: list[tuple[int, int]] | None = None) -> Reader:
    """A Reader over ``data`` that records every (offset, length) asked for."""

    def read(offset: int, length: int) -> bytes:
        if log is not None:
            log.append((offset, length))
        return data[offset : offset + length]

    return read


def safetensors_bytes(tensors: dict[str, tuple[str, list[int]]], metadata: dict[str, str]) -> bytes:
    """A safetensors file whose tensors hold zero bytes (the header is what we test)."""
    header: dict[str, object] = {"__metadata__": metadata}
    offset = 0
    for name, (dtype, shape) in tensors.items():
        size = math.prod(shape) * 4
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + bytes(offset)


def gguf_string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf_bytes(
    metadata: list[tuple[str, int, bytes]],
    tensors: list[tuple[str, list[int], int]],
    *,
    version: int = 3,
) -> bytes:
    """A GGUF file: magic, version, counts, key-values (already encoded), tensor infos."""
    out = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(metadata))
    for key, value_type, value in metadata:
        out += gguf_string(key) + struct.pack("<I", value_type) + value
    for name, dims, type_id in tensors:
        out += gguf_string(name) + struct.pack("<I", len(dims))
        out += b"".join(struct.pack("<Q", dim) for dim in dims)
        out += struct.pack("<IQ", type_id, 0)
    return out + bytes(32)


def sample_gguf() -> bytes:
    vocabulary = b"".join(gguf_string(f"token{index}") for index in range(5000))
    scores = struct.pack("<IQ", GGUF_FLOAT32, 5000) + bytes(4 * 5000)
    languages = struct.pack("<IQ", GGUF_STRING, 2) + gguf_string("en") + gguf_string("fr")
    metadata = [
        ("general.architecture", GGUF_STRING, gguf_string("toyarch")),
        ("general.license", GGUF_STRING, gguf_string("apache-2.0")),
        ("general.base_model.count", GGUF_UINT32, struct.pack("<I", 1)),
        ("general.base_model.0.name", GGUF_STRING, gguf_string("Toy Base 1B")),
        ("general.base_model.0.repo_url", GGUF_STRING, gguf_string("https://example.org/toy")),
        ("general.languages", GGUF_ARRAY, languages),
        ("toyarch.context_length", GGUF_UINT64, struct.pack("<Q", 4096)),
        ("toyarch.use_bias", GGUF_BOOL, struct.pack("<?", False)),
        ("tokenizer.ggml.tokens", GGUF_ARRAY, struct.pack("<IQ", GGUF_STRING, 5000) + vocabulary),
        ("tokenizer.ggml.scores", GGUF_ARRAY, scores),
    ]
    tensors = [("token_embd.weight", [64, 5000], 12), ("output_norm.weight", [64], 0)]
    return gguf_bytes(metadata, tensors)


def test_safetensors_header_counts_parameters_and_dtypes() -> None:
    tensors = {"a": ("BF16", [3, 4]), "b": ("F32", [5]), "c": ("BF16", [2, 2, 2])}
    data = safetensors_bytes(tensors, {"format": "pt"})
    header = read_safetensors_header(bytes_reader(data), len(data), path="w.safetensors")
    assert header.parameters == 12 + 5 + 8
    assert header.dtypes == ("BF16", "F32")  # most elements first
    assert header.tensor_count == 3
    assert header.metadata == {"format": "pt"}
    assert header.path == "w.safetensors"


def test_safetensors_claimed_length_above_bound_is_refused_before_reading() -> None:
    data = struct.pack("<Q", 2**40) + b"{}"
    log: list[tuple[int, int]] = []
    with pytest.raises(HeaderError, match="above the") as caught:
        read_safetensors_header(bytes_reader(data, log), 2**41, max_header_bytes=1024)
    assert caught.value.code == "header-too-large"
    assert log == [(0, 8)]


def test_safetensors_length_beyond_file_is_truncated() -> None:
    data = safetensors_bytes({"a": ("F32", [4])}, {})
    cut = data[:20]
    with pytest.raises(HeaderError, match="only 12 after it") as caught:
        read_safetensors_header(bytes_reader(cut), len(cut))
    assert caught.value.code == "header-truncated"


@pytest.mark.parametrize("size", [0, 5])
def test_safetensors_shorter_than_length_field(size: int) -> None:
    with pytest.raises(HeaderError) as caught:
        read_safetensors_header(bytes_reader(bytes(size)), size)
    assert caught.value.code == "header-truncated"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not an object"),
        (b'{"a": {"dtype": "F32", "shape": [-1]}}', "invalid shape"),
        (b'{"a": {"shape": [2]}}', "no valid dtype"),
        (b"\xff\xfe{}", "not valid JSON"),
    ],
)
def test_safetensors_invalid_header(raw: bytes, message: str) -> None:
    data = struct.pack("<Q", len(raw)) + raw
    with pytest.raises(HeaderError, match=message) as caught:
        read_safetensors_header(bytes_reader(data), len(data))
    assert caught.value.code == "header-invalid"


def test_gguf_header_metadata_parameters_and_types() -> None:
    data = sample_gguf()
    header = read_gguf_header(bytes_reader(data), len(data), path="toy.gguf")
    assert header.format == "gguf"
    assert header.parameters == 64 * 5000 + 64
    assert header.dtypes == ("Q4_K", "F32")
    assert header.tensor_count == 2
    assert header.metadata["general.architecture"] == "toyarch"
    assert header.metadata["general.license"] == "apache-2.0"
    assert header.metadata["general.base_model.0.name"] == "Toy Base 1B"
    assert header.metadata["toyarch.context_length"] == "4096"
    assert header.metadata["toyarch.use_bias"] == "false"
    assert json.loads(header.metadata["general.languages"]) == ["en", "fr"]
    assert header.metadata["tokenizer.ggml.tokens"] == "[5000 values]"
    assert header.metadata["gguf.version"] == "3"


def test_gguf_big_numeric_array_is_skipped_unread() -> None:
    data = sample_gguf()
    log: list[tuple[int, int]] = []
    read_gguf_header(bytes_reader(data, log), len(data))
    assert sum(length for _, length in log) < len(data) + 64 * 1024
    scores_start = data.index(b"tokenizer.ggml.scores") + len("tokenizer.ggml.scores") + 16
    scores = range(scores_start, scores_start + 4 * 5000)
    assert not any(offset in scores for offset, _ in log[1:])


@pytest.mark.parametrize("keep", [3, 10, 40, 200, 30000])
def test_gguf_truncated_anywhere_raises_truncated(keep: int) -> None:
    data = sample_gguf()
    tensors_start = data.index(b"token_embd.weight")
    keep = min(keep, tensors_start + 20)
    with pytest.raises(HeaderError) as caught:
        read_gguf_header(bytes_reader(data[:keep]), keep)
    assert caught.value.code == "header-truncated"


def test_gguf_over_the_bound_is_too_large() -> None:
    data = sample_gguf()
    with pytest.raises(HeaderError, match="bound") as caught:
        read_gguf_header(bytes_reader(data), len(data), max_bytes=4096)
    assert caught.value.code == "header-too-large"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GGML" + bytes(40), "magic"),
        (b"GGUF" + struct.pack("<IQQ", 1, 0, 0), "version 1"),
        (gguf_bytes([("k", 99, b"")], []), "value type 99"),
        (gguf_bytes([], [("t", [1] * 9, 0)]), "9 dimensions"),
    ],
)
def test_gguf_invalid(data: bytes, message: str) -> None:
    with pytest.raises(HeaderError, match=message) as caught:
        read_gguf_header(bytes_reader(data), len(data))
    assert caught.value.code == "header-invalid"


def test_gguf_string_claiming_huge_length_is_refused() -> None:
    data = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**62)
    with pytest.raises(HeaderError) as caught:
        read_gguf_header(bytes_reader(data), len(data))
    assert caught.value.code == "header-truncated"


def test_ggml_type_names_cover_common_quantisations() -> None:
    assert {GGML_TYPES[0], GGML_TYPES[1], GGML_TYPES[8], GGML_TYPES[30]} == {
        "F32",
        "F16",
        "Q8_0",
        "BF16",
    }


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "README.md").write_text("# weights fixture\n", encoding="utf-8")
    return tmp_path


def test_local_source_reads_gguf_header(tmp_path: Path) -> None:
    snapshot = LocalDirSource(_write(tmp_path, "toy.gguf", sample_gguf())).read()
    (header,) = snapshot.headers
    assert header.path == "toy.gguf"
    assert header.metadata["general.license"] == "apache-2.0"
    assert snapshot.problems == ()


def test_local_source_turns_truncated_gguf_into_a_problem(tmp_path: Path) -> None:
    data = sample_gguf()
    snapshot = LocalDirSource(_write(tmp_path, "cut.gguf", data[:100])).read()
    assert snapshot.headers == ()
    (problem,) = snapshot.problems
    assert (problem.code, problem.path) == ("header-truncated", "cut.gguf")
    assert snapshot.file("cut.gguf") is not None


def test_safetensors_header_nested_too_deeply_is_invalid() -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    data = struct.pack("<Q", len(raw)) + raw
    with pytest.raises(HeaderError, match="nested too deeply") as caught:
        read_safetensors_header(bytes_reader(data), len(data))
    assert caught.value.code == "header-invalid"


def nested_gguf_array(levels: int) -> bytes:
    """An array of arrays ``levels`` deep whose innermost array holds no uint32."""
    return struct.pack("<IQ", GGUF_ARRAY, 1) * (levels - 1) + struct.pack("<IQ", GGUF_UINT32, 0)


def test_gguf_shallow_nested_arrays_are_skipped() -> None:
    data = gguf_bytes([("toy.pairs", GGUF_ARRAY, nested_gguf_array(3))], [("w", [4], 0)])
    header = read_gguf_header(bytes_reader(data), len(data))
    assert header.metadata["toy.pairs"] == "[1 values]"
    assert header.parameters == 4


@pytest.mark.parametrize("levels", [10, 5000])
def test_gguf_arrays_nested_too_deeply_are_invalid(levels: int) -> None:
    data = gguf_bytes([("toy.deep", GGUF_ARRAY, nested_gguf_array(levels))], [])
    with pytest.raises(HeaderError, match="nested deeper") as caught:
        read_gguf_header(bytes_reader(data), len(data))
    assert caught.value.code == "header-invalid"


def test_deep_safetensors_header_is_a_problem_in_a_directory(tmp_path: Path) -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    (tmp_path / "model.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw)
    snapshot = LocalDirSource(tmp_path).read()
    assert [(item.path, item.code) for item in snapshot.problems] == [
        ("model.safetensors", "header-invalid")
    ]
    assert snapshot.headers == ()
