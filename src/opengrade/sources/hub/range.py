"""Weights headers read from the Hub over HTTP range requests, never the whole file.

:class:`RangeReader` gives the header readers of :mod:`opengrade.sources.weights` the
``read(offset, length)`` they need, each piece one range request through
:class:`~opengrade.sources.hub.http.HubHttp`.
"""

from __future__ import annotations

from opengrade.errors import SourceError
from opengrade.model import Problem, ReleaseFile, WeightHeader
from opengrade.model.release import ProblemCode
from opengrade.sources.hub.http import HubHttp
from opengrade.sources.weights import HeaderError, read_gguf_header, read_safetensors_header

HEADER_PREFETCH = 64 * 1024
"""Bytes fetched by the first range request of a weights header (a usual header fits)."""


class RangeReader:
    """``read(offset, length)`` of one file over HTTP range requests, for the header readers.

    The first request fetches 64 KiB (one round trip for a usual header); a file under 256 KiB
    is read in exact pieces instead, so that no whole weights file is ever fetched.
    """

    def __init__(self, http: HubHttp, url: str, path: str, size: int) -> None:
        self.http, self.url, self.path, self.size = http, url, path, size
        self.prefix: bytes | None = None

    def __call__(self, offset: int, length: int) -> bytes:
        length = max(0, min(length, self.size - offset))
        if self.prefix is None:
            first = HEADER_PREFETCH if self.size > 4 * HEADER_PREFETCH else min(8, self.size)
            self.prefix = self._fetch(0, first, f"the header of {self.path}")
        if offset + length <= len(self.prefix):
            return self.prefix[offset : offset + length]
        return self._fetch(offset, length, f"bytes {offset:,}+{length:,} of {self.path}")

    def _fetch(self, offset: int, length: int, what: str) -> bytes:
        if length <= 0:
            return b""
        end = offset + length - 1
        return self.http.get(
            self.url, what, limit=length, expected=length, byte_range=(offset, end)
        )


def read_remote_header(
    http: HubHttp, url: str, item: ReleaseFile, max_header_bytes: int
) -> tuple[WeightHeader | None, list[Problem]]:
    """The safetensors or GGUF header of ``item`` at ``url``; a problem instead when unreadable."""
    if item.size is None:
        return None, [Problem(ProblemCode.HEADER_UNKNOWN_SIZE, "the Hub gave no size", item.path)]
    reader = RangeReader(http, url, item.path, item.size)
    try:
        if item.path.lower().endswith(".gguf"):
            return read_gguf_header(
                reader, item.size, path=item.path, max_bytes=max_header_bytes
            ), []
        return read_safetensors_header(
            reader, item.size, path=item.path, max_header_bytes=max_header_bytes
        ), []
    except HeaderError as error:
        return None, [Problem(error.code, f"weights header: {error}", item.path)]
    except SourceError as error:  # a header is one fact among many: a problem, not a failure
        return None, [Problem(ProblemCode.UNREADABLE, f"weights header: {error}", item.path)]
