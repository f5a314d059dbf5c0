"""Weights headers (safetensors, GGUF) parsed from bounded byte reads; no tensor is ever loaded.

The parsers take ``read(offset, length) -> bytes`` so that a local file and an HTTP range
request share them. They raise :class:`HeaderError` with a stable ``code`` (a Problem code).
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable

from opengrade.model import WeightHeader
from opengrade.model.release import ProblemCode

Reader = Callable[[int, int], bytes]
"""``read(offset, length)``: up to ``length`` bytes at ``offset`` (fewer at the end of data)."""

DEFAULT_MAX_HEADER_BYTES = 100 * 1024 * 1024
_METADATA_VALUE_CHARS = 4096
_SMALL_ARRAY = 16
_CHUNK = 64 * 1024
_MAX_CHUNK = 8 * 1024 * 1024

GGML_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1",
    10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS",
    17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S",
    23: "IQ4_XS", 24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M",
    30: "BF16", 34: "TQ1_0", 35: "TQ2_0", 39: "MXFP4",
}  # fmt: skip
"""ggml tensor type ids (ggml.h) → names; ids 4, 5 and 31–33, 36–38 were removed upstream."""

_GGUF_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?"}
_GGUF_SCALARS |= {10: "<Q", 11: "<q", 12: "<d"}
_GGUF_STRING, _GGUF_ARRAY = 8, 9
_GGUF_MAX_DIMS = 8
_GGUF_MAX_NESTING = 8
"""Arrays of arrays deeper than this are refused (real files nest one level, if at all)."""


def _by_share(by_dtype: dict[str, int]) -> tuple[str, ...]:
    """Dtypes ordered by how many elements they hold, most first (ties by name)."""
    return tuple(sorted(by_dtype, key=lambda dtype: (-by_dtype[dtype], dtype)))


class HeaderError(ValueError):
    """A weights header that cannot be read; ``code`` is the Problem code to report."""

    def __init__(self, code: ProblemCode, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_safetensors_header(
    read: Reader,
    file_size: int,
    *,
    path: str = "",
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES,
) -> WeightHeader:
    """Parse a safetensors header: 8-byte little-endian length, then that many bytes of JSON.

    ``parameters`` counts every tensor's elements (buffers included), as the header lists them;
    ``dtypes`` are ordered by how many elements they hold, the main one first.
    """
    if file_size < 8:
        raise HeaderError(
            ProblemCode.HEADER_TRUNCATED, f"{file_size} bytes is too short for safetensors"
        )
    prefix = read(0, 8)
    if len(prefix) < 8:
        raise HeaderError(
            ProblemCode.HEADER_TRUNCATED, "the file ended inside the 8-byte header length"
        )
    (length,) = struct.unpack("<Q", prefix)
    if length > max_header_bytes:
        raise HeaderError(
            ProblemCode.HEADER_TOO_LARGE,
            f"the header claims {length:,} bytes, above the {max_header_bytes:,}-byte bound",
        )
    if length > file_size - 8:
        raise HeaderError(
            ProblemCode.HEADER_TRUNCATED,
            f"the header claims {length:,} bytes but the file has only {file_size - 8:,} after it",
        )
    raw = read(8, length)
    if len(raw) < length:
        raise HeaderError(
            ProblemCode.HEADER_TRUNCATED, f"read {len(raw):,} of {length:,} header bytes"
        )
    try:
        header = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HeaderError(
            ProblemCode.HEADER_INVALID, f"the header is not valid JSON: {error}"
        ) from None
    except RecursionError:
        raise HeaderError(
            ProblemCode.HEADER_INVALID, "the header JSON is nested too deeply"
        ) from None
    if not isinstance(header, dict):
        raise HeaderError(ProblemCode.HEADER_INVALID, "the header JSON is not an object")
    return _safetensors_summary(header, path)


def _safetensors_summary(header: dict[str, object], path: str) -> WeightHeader:
    metadata_field = header.pop("__metadata__", None)
    metadata = (
        {str(key): str(value) for key, value in metadata_field.items()}
        if isinstance(metadata_field, dict)
        else {}
    )
    by_dtype: dict[str, int] = {}
    for name, tensor in header.items():
        shape = tensor.get("shape") if isinstance(tensor, dict) else None
        dtype = tensor.get("dtype") if isinstance(tensor, dict) else None
        if not isinstance(dtype, str) or not isinstance(shape, list):
            raise HeaderError(
                ProblemCode.HEADER_INVALID, f"tensor {name!r} has no valid dtype and shape"
            )
        if not all(isinstance(dim, int) and dim >= 0 for dim in shape):
            raise HeaderError(
                ProblemCode.HEADER_INVALID, f"tensor {name!r} has an invalid shape {shape}"
            )
        by_dtype[dtype] = by_dtype.get(dtype, 0) + math.prod(shape)
    return WeightHeader(
        path=path,
        format="safetensors",
        parameters=sum(by_dtype.values()),
        dtypes=_by_share(by_dtype),
        tensor_count=len(header),
        metadata=metadata,
    )


class _Cursor:
    """Sequential little-endian reads over a Reader, never past ``max_bytes`` or the file."""

    def __init__(self, read: Reader, file_size: int, max_bytes: int) -> None:
        self._read = read
        self._limit = min(file_size, max_bytes)
        self._file_size = file_size
        self._max_bytes = max_bytes
        self._buffer = b""
        self._buffer_start = 0
        self._chunk = _CHUNK
        self.position = 0

    def _check(self, end: int) -> None:
        if end > self._file_size:
            raise HeaderError(ProblemCode.HEADER_TRUNCATED, f"the file ends before byte {end:,}")
        if end > self._max_bytes:
            raise HeaderError(
                ProblemCode.HEADER_TOO_LARGE,
                f"the header runs past the {self._max_bytes:,}-byte bound",
            )

    def take(self, count: int) -> bytes:
        end = self.position + count
        self._check(end)
        offset = self.position - self._buffer_start
        if offset + count > len(self._buffer):
            want = max(count, min(self._chunk, self._limit - self.position))
            self._chunk = min(self._chunk * 2, _MAX_CHUNK)  # fewer reads (range requests)
            self._buffer = self._read(self.position, want)
            self._buffer_start, offset = self.position, 0
            if len(self._buffer) < count:
                raise HeaderError(
                    ProblemCode.HEADER_TRUNCATED, f"the data ends before byte {end:,}"
                )
        self.position = end
        return self._buffer[offset : offset + count]

    def skip(self, count: int) -> None:
        self._check(self.position + count)
        self.position += count

    def unpack(self, fmt: str) -> int | float | bool:
        value: int | float | bool = struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        return value

    def integer(self, fmt: str = "<Q") -> int:
        return int(self.unpack(fmt))

    def string(self) -> str:
        length = self.integer()
        return self.take(length).decode("utf-8", errors="replace")


def _skip_gguf_array(cursor: _Cursor, element_type: int, count: int, depth: int = 1) -> None:
    """Move past an array's elements; fixed-size elements are skipped without reading them."""
    if depth > _GGUF_MAX_NESTING:
        raise HeaderError(
            ProblemCode.HEADER_INVALID, f"GGUF arrays nested deeper than {_GGUF_MAX_NESTING} levels"
        )
    if element_type in _GGUF_SCALARS:
        cursor.skip(count * struct.calcsize(_GGUF_SCALARS[element_type]))
        return
    for _ in range(count):
        _skip_gguf_value(cursor, element_type, depth)


def _skip_gguf_value(cursor: _Cursor, value_type: int, depth: int) -> None:
    """Move past one value (inside arrays ``depth`` deep) without keeping it."""
    if value_type in _GGUF_SCALARS:
        cursor.skip(struct.calcsize(_GGUF_SCALARS[value_type]))
    elif value_type == _GGUF_STRING:
        cursor.skip(cursor.integer())
    elif value_type == _GGUF_ARRAY:
        element_type = cursor.integer("<I")
        _skip_gguf_array(cursor, element_type, cursor.integer(), depth + 1)
    else:
        raise HeaderError(ProblemCode.HEADER_INVALID, f"unknown GGUF value type {value_type}")


def _gguf_value(cursor: _Cursor, value_type: int) -> str:
    """Read one value as text; a big array (a tokenizer vocabulary) becomes ``[N values]``."""
    if value_type in _GGUF_SCALARS:
        value = cursor.unpack(_GGUF_SCALARS[value_type])
        return str(value).lower() if isinstance(value, bool) else str(value)
    if value_type == _GGUF_STRING:
        return cursor.string()[:_METADATA_VALUE_CHARS]
    if value_type != _GGUF_ARRAY:
        raise HeaderError(ProblemCode.HEADER_INVALID, f"unknown GGUF value type {value_type}")
    element_type, count = cursor.integer("<I"), cursor.integer()
    if count > _SMALL_ARRAY or element_type == _GGUF_ARRAY:
        _skip_gguf_array(cursor, element_type, count)
        return f"[{count} values]"
    items = [_gguf_value(cursor, element_type) for _ in range(count)]
    return json.dumps(items, ensure_ascii=False)[:_METADATA_VALUE_CHARS]


def read_gguf_header(
    read: Reader,
    file_size: int,
    *,
    path: str = "",
    max_bytes: int = DEFAULT_MAX_HEADER_BYTES,
) -> WeightHeader:
    """Parse a GGUF (v2/v3) header: metadata key-values, then tensor infos (no tensor data)."""
    cursor = _Cursor(read, file_size, max_bytes)
    if cursor.take(4) != b"GGUF":
        raise HeaderError(ProblemCode.HEADER_INVALID, "the file does not start with the GGUF magic")
    version = cursor.integer("<I")
    if version not in (2, 3):
        raise HeaderError(
            ProblemCode.HEADER_INVALID, f"GGUF version {version} is not supported (2 or 3)"
        )
    tensor_count, kv_count = cursor.integer(), cursor.integer()
    metadata: dict[str, str] = {}
    for _ in range(kv_count):
        key = cursor.string()
        metadata[key] = _gguf_value(cursor, cursor.integer("<I"))
    by_dtype: dict[str, int] = {}
    for _ in range(tensor_count):
        name = cursor.string()
        dimensions = cursor.integer("<I")
        if dimensions > _GGUF_MAX_DIMS:
            raise HeaderError(
                ProblemCode.HEADER_INVALID, f"tensor {name!r} claims {dimensions} dimensions"
            )
        elements = math.prod(cursor.integer() for _ in range(dimensions))
        type_id = cursor.integer("<I")
        dtype = GGML_TYPES.get(type_id, f"type-{type_id}")
        by_dtype[dtype] = by_dtype.get(dtype, 0) + elements
        cursor.skip(8)  # the tensor's data offset
    return WeightHeader(
        path=path,
        format="gguf",
        parameters=sum(by_dtype.values()),
        dtypes=_by_share(by_dtype),
        tensor_count=tensor_count,
        metadata={"gguf.version": str(version), **metadata},
    )
