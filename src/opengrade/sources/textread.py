"""Bounded reading and decoding of small text files, and git-LFS pointer recognition."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

LFS_POINTER_MAX_BYTES = 1024
"""The git-LFS specification caps pointer files at 1024 bytes."""

_LFS_VERSION = b"version https://git-lfs.github.com/spec/v1"
_LFS_OID = re.compile(rb"^oid sha256:([0-9a-f]{64})$", re.MULTILINE)
_LFS_SIZE = re.compile(rb"^size (\d+)$", re.MULTILINE)
_BINARY_SAMPLE = 8192
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text, or ``text=None`` when the bytes are binary.

    ``guessed`` is True when no encoding fitted and latin-1 was used as a fallback.
    """

    text: str | None
    encoding: str
    truncated: bool = False
    guessed: bool = False


@dataclass(frozen=True, slots=True)
class LfsPointer:
    """A git-LFS pointer: the real file's sha256 and size."""

    sha256: str
    size: int


def read_prefix(path: Path, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes from the start of ``path``, and whether the file is longer.

    Memory is O(limit): the file is never read whole. Raises OSError when it cannot be read.
    """
    with path.open("rb") as stream:
        data = stream.read(limit)
        more = bool(stream.read(1))
    return data, more


def parse_lfs_pointer(data: bytes) -> LfsPointer | None:
    """The pointer when ``data`` is a git-LFS pointer file, else None."""
    if len(data) > LFS_POINTER_MAX_BYTES or not data.startswith(_LFS_VERSION):
        return None
    oid = _LFS_OID.search(data)
    size = _LFS_SIZE.search(data)
    if oid is None or size is None:
        return None
    return LfsPointer(sha256=oid.group(1).decode("ascii"), size=int(size.group(1)))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:_BINARY_SAMPLE]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return bool(sample) and controls * 10 > len(sample)


def _decode_with_bom(data: bytes, truncated: bool) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = codecs.decode(body, encoding, errors="replace")
            name = "utf-8" if encoding == "utf-8-sig" else encoding
            if truncated and text.endswith("\ufffd"):
                text = text[:-1]  # a character cut by the size bound
            return Decoded(text=text, encoding=name, truncated=truncated)
    return None


def decode(data: bytes, *, truncated: bool = False) -> Decoded:
    """Decode ``data``: UTF-8 (BOM aware), UTF-16/32 with a BOM, else a latin-1 guess.

    Bytes with NULs or many control characters (and no BOM) are binary: ``text`` is None.
    When ``truncated`` is True a multi-byte character cut at the end is dropped, not an error.
    """
    with_bom = _decode_with_bom(data, truncated)
    if with_bom is not None:
        return with_bom
    if _looks_binary(data):
        return Decoded(text=None, encoding="binary", truncated=truncated)
    try:
        return Decoded(text=data.decode("utf-8"), encoding="utf-8", truncated=truncated)
    except UnicodeDecodeError as error:
        if truncated and error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            text = data[: error.start].decode("utf-8")
            return Decoded(text=text, encoding="utf-8", truncated=True)
    text = data.decode("latin-1")
    return Decoded(text=text, encoding="latin-1", truncated=truncated, guessed=True)
