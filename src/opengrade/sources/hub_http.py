"""The HTTP side of the Hub source: settings, bounded GETs with one retry policy, range reads,
errors, and the Hub cache layout that downloads are kept in.

Every request has a timeout, a size bound, a deadline and the same bounded retries (429
honouring ``Retry-After``, 5xx, timeouts, cut-short answers, with exponential backoff otherwise).
The deadline bounds the time one request spends on the network over all its attempts (a Hub
that drips body bytes never trips the timeout), and a timeout is retried once at most. A range
request needs a 206 starting where it asked (or a 200 when it asked from byte 0). The client
session and auth headers come from :mod:`opengrade.sources.hub` (the only module that imports
``huggingface_hub``); this module only speaks ``httpx2``, the client's HTTP library.

    SourceError
     ├── ReleaseNotFound     404, an unknown revision, or a private repository without access
     ├── HubAccessError      401/403: gated, or the token has no access
     ├── HubRateLimitError   429, still after the retries
     ├── HubServerError      5xx or the Hub unreachable, still after the retries
     ├── HubTimeoutError     no answer within the timeout (twice), or none complete by the deadline
     ├── HubResponseError    a truncated or malformed answer, a range not honoured, or a listed
     │                       file that is missing
     └── HubOfflineError     HF_HUB_OFFLINE and nothing in the cache
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from opengrade.errors import ReleaseNotFound, SourceError

logger = logging.getLogger(__name__)

HEADER_PREFETCH = 64 * 1024
"""Bytes fetched by the first range request of a weights header (a usual header fits)."""
MAX_JSON_BYTES = 64 * 1024 * 1024
TIMEOUT_ATTEMPTS = 2
"""Attempts a request gets when the Hub does not answer in time (whatever ``max_attempts``)."""
_CONTENT_RANGE = re.compile(r"^bytes\s+(\d+)-(\d+)/(\d+|\*)$")


class HubAccessError(SourceError):
    """401/403: a gated or private repository the token in use cannot read."""


class HubRateLimitError(SourceError):
    """429 Too Many Requests, still after the bounded retries."""


class HubServerError(SourceError):
    """5xx from the Hub, or the Hub unreachable, still after the bounded retries."""


class HubTimeoutError(SourceError):
    """The Hub did not answer within the timeout, still after the bounded retries."""


class HubResponseError(SourceError):
    """A truncated or malformed answer (wrong length, invalid JSON, unexpected status)."""


class HubOfflineError(SourceError):
    """Offline mode (``HF_HUB_OFFLINE``) and the release is not in the local Hub cache."""


@dataclass(frozen=True, slots=True)
class HubSettings:
    """Where the Hub is, who asks, where its cache lives, and the retry policy."""

    endpoint: str
    token: str | None
    cache_dir: str
    timeout: float
    max_attempts: int
    max_wait: float
    backoff: float
    deadline: float = 30.0

    @classmethod
    def from_environment(
        cls,
        endpoint: str | None,
        token: str | None,
        cache_dir: str | Path | None,
        *,
        defaults: tuple[str, str],
        retries: tuple[int, float],
        timeout: float,
        deadline: float = 30.0,
    ) -> HubSettings:
        """Explicit values first, then the environment at call time (``HF_ENDPOINT``,
        ``HF_TOKEN``, ``HF_HUB_CACHE``, ``HF_HOME``), then ``defaults`` (endpoint, cache)."""
        environ = os.environ
        hub_cache = environ.get("HF_HUB_CACHE") or (
            str(Path(environ["HF_HOME"]) / "hub") if environ.get("HF_HOME") else None
        )
        return cls(
            endpoint=(endpoint or environ.get("HF_ENDPOINT") or defaults[0]).rstrip("/"),
            token=token or environ.get("HF_TOKEN") or None,
            cache_dir=str(cache_dir or hub_cache or defaults[1]),
            timeout=timeout,
            max_attempts=max(1, retries[0]),
            max_wait=30.0,
            backoff=retries[1],
            deadline=deadline,
        )


def offline_mode(default: bool) -> bool:
    """``HF_HUB_OFFLINE`` as set now, else ``default`` (the client's value at import)."""
    flag = os.environ.get("HF_HUB_OFFLINE", "").strip().lower()
    return flag in {"1", "true", "yes", "on"} or default


class _RetryError(Exception):
    def __init__(self, error: SourceError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error, self.wait = error, wait


@dataclass(frozen=True, slots=True)
class _Request:
    url: str
    what: str
    headers: Mapping[str, str]
    params: Mapping[str, str] | None
    limit: int
    expected: int | None
    byte_range: tuple[int, int] | None


class HubHttp:
    """GETs against the Hub for one repository: timeout, size bound, status mapping, retries.

    ``session`` returns the client's HTTP session; ``headers`` are its auth and user-agent
    headers (both from ``huggingface_hub``, passed in by the Hub source).
    """

    def __init__(
        self,
        settings: HubSettings,
        repo_id: str,
        *,
        session: Callable[[], httpx2.Client],
        headers: Mapping[str, str],
        revision: str | None = None,
    ) -> None:
        self.settings, self.repo_id, self.revision = settings, repo_id, revision
        self.session = session
        self.headers = {**headers, "Accept-Encoding": "identity"}

    def json(self, url: str, what: str, params: Mapping[str, str] | None = None) -> Any:
        """The JSON body of ``url`` (at most 64 MiB)."""
        body = self.get(url, what, limit=MAX_JSON_BYTES, params=params)
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise HubResponseError(f"The Hub sent invalid JSON for {what}: {error}") from None

    def get(
        self,
        url: str,
        what: str,
        *,
        limit: int,
        expected: int | None = None,
        params: Mapping[str, str] | None = None,
        byte_range: tuple[int, int] | None = None,
    ) -> bytes:
        """The body (at most ``limit`` bytes; exactly ``expected`` when given), with retries.

        ``byte_range`` (first, last) asks for those bytes only. Attempts stop at
        ``max_attempts``, at the second timeout, or once the deadline's network time is spent.
        """
        headers = dict(self.headers)
        if byte_range is not None:
            headers["Range"] = f"bytes={byte_range[0]}-{byte_range[1]}"
        request = _Request(url, what, headers, params, limit, expected, byte_range)
        spent, timeouts = 0.0, 0
        for attempt in range(1, self.settings.max_attempts + 1):
            started = time.monotonic()
            try:
                return self._once(request, budget=self.settings.deadline - spent)
            except _RetryError as retry:
                spent += time.monotonic() - started
                timeouts += isinstance(retry.error, HubTimeoutError)
                last = attempt == self.settings.max_attempts or timeouts >= TIMEOUT_ATTEMPTS
                if last or spent >= self.settings.deadline:
                    raise retry.error from None
                wait = retry.wait
                if wait is None:
                    wait = min(self.settings.max_wait, self.settings.backoff * 2 ** (attempt - 1))
                logger.info("%s; retry %d in %.2fs", retry.error, attempt, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, request: _Request, *, budget: float) -> bytes:
        """One attempt, within ``budget`` seconds of wall time (timeout included)."""
        what, limit, expected = request.what, request.limit, request.expected
        timeout = max(0.001, min(self.settings.timeout, budget))
        stop = time.monotonic() + budget
        try:
            with self.session().stream(
                "GET", request.url, headers=request.headers, params=request.params, timeout=timeout
            ) as response:
                self._check(response, what)
                if request.byte_range is not None:
                    self._check_range(response, what, request.byte_range[0])
                chunks, total = [], 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    total += len(chunk)
                    if total >= limit:
                        break
                    if time.monotonic() > stop:
                        message = (
                            f"The Hub sent {what} too slowly: {total:,} bytes, not complete "
                            f"within the {self.settings.deadline:g} s deadline; try again later."
                        )
                        raise _RetryError(HubTimeoutError(message))
                body = b"".join(chunks)[:limit]
        except httpx2.TimeoutException:
            message = f"The Hub did not answer {what} within {timeout:g} s; try again later."
            raise _RetryError(HubTimeoutError(message)) from None
        except (httpx2.RemoteProtocolError, httpx2.ReadError) as error:
            message = f"The Hub's answer for {what} was cut short ({error}); try again."
            raise _RetryError(HubResponseError(message)) from None
        except httpx2.TransportError as error:
            reason = str(error).rstrip(". ") or type(error).__name__
            message = f"Cannot reach the Hub at {self.settings.endpoint} for {what}: {reason}"
            error_value = HubServerError(message + ". Check HF_ENDPOINT and the network.")
            raise _RetryError(error_value) from None
        if expected is not None and len(body) != expected:
            message = f"The Hub sent {len(body):,} of {expected:,} bytes for {what}"
            raise _RetryError(HubResponseError(message + "; the answer was truncated."))
        return body

    def _check(self, response: httpx2.Response, what: str) -> None:
        status = response.status_code
        if status in (200, 206):
            return
        code = response.headers.get("X-Error-Code", "")
        if code == "EntryNotFound":
            raise HubResponseError(f"{what} is listed but missing on the Hub ({self.repo_id}).")
        if status == 404 or code in {"RepoNotFound", "RevisionNotFound"}:
            raise ReleaseNotFound(self._not_found(code))
        if status in (401, 403):
            raise HubAccessError(self._denied(status, gated=code == "GatedRepo"))
        if status == 429:
            wait = retry_after(response.headers.get("Retry-After"), self.settings.max_wait)
            message = (
                f"The Hub rate-limited {what} (HTTP 429) {self.settings.max_attempts} times; "
                "wait a few minutes, or set HF_TOKEN (authenticated requests get higher limits)."
            )
            raise _RetryError(HubRateLimitError(message), wait)
        if status >= 500:
            message = f"The Hub failed on {what} (HTTP {status}); try again later."
            raise _RetryError(HubServerError(message))
        raise HubResponseError(f"The Hub answered {what} with an unexpected HTTP {status}.")

    def _check_range(self, response: httpx2.Response, what: str, start: int) -> None:
        """A range answer must start at ``start``: a 206 saying so, or a 200 when ``start`` is 0."""
        if response.status_code == 206:
            value = response.headers.get("Content-Range", "")
            match = _CONTENT_RANGE.match(value.strip())
            if match and int(match.group(1)) == start:
                return
            raise HubResponseError(
                f"The Hub answered the range request for {what} with Content-Range {value!r}, "
                f"not the bytes from offset {start:,}; the answer was not used."
            )
        if start == 0:
            return  # the whole file: its first bytes are the range asked for
        raise HubResponseError(
            f"The Hub (or a proxy in between) ignored the Range header for {what} and sent the "
            f"whole file (HTTP {response.status_code}); its bytes from offset {start:,} were not "
            "read. Point HF_ENDPOINT at a server that honours range requests."
        )

    def _not_found(self, code: str) -> str:
        if code == "RevisionNotFound":
            return (
                f"{self.repo_id} has no revision {self.revision!r} on the Hub; pass a branch, "
                "tag or commit id that exists (see the repository's branches and tags)."
            )
        return (
            f"{self.repo_id} was not found on the Hub at {self.settings.endpoint} (or it is "
            "private). Check the id; for a private repository set HF_TOKEN."
        )

    def _denied(self, status: int, *, gated: bool) -> str:
        page = f"{self.settings.endpoint}/{self.repo_id}"
        what = "is gated" if gated else "refused access"
        if "authorization" not in {name.lower() for name in self.headers}:
            return (
                f"{self.repo_id} {what} (HTTP {status}): its files need an access grant. "
                f"Request access at {page}, create a read token at "
                f"{self.settings.endpoint}/settings/tokens, then set HF_TOKEN."
            )
        return (
            f"{self.repo_id} {what} (HTTP {status}) and the token in use has no access. "
            f"Request access at {page} with the account that owns HF_TOKEN, and wait for approval."
        )


def retry_after(value: str | None, cap: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds), capped; 1 s if unreadable."""
    try:
        return min(cap, max(0.0, float(value))) if value is not None else 1.0
    except ValueError:
        return 1.0


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


def store_in_cache(folder: Path, commit: str, path: str, sha256: str | None, data: bytes) -> None:
    """Keep a downloaded file in the Hub cache layout (``blobs/ETAG``, ``snapshots/COMMIT/PATH``).

    The ETag is the LFS SHA-256, else the git blob id, computed from the bytes as git does. A
    cache that cannot be written only costs a download next time.
    """
    etag = sha256 or hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    blob = folder / "blobs" / etag
    pointer = folder / "snapshots" / commit / path
    try:
        blob.parent.mkdir(parents=True, exist_ok=True)
        pointer.parent.mkdir(parents=True, exist_ok=True)
        partial = blob.with_name(f"{etag}.{os.getpid()}.{threading.get_ident()}.incomplete")
        partial.write_bytes(data)
        partial.replace(blob)
        if not pointer.exists():
            try:
                pointer.symlink_to(os.path.relpath(blob, pointer.parent))
            except OSError:
                pointer.write_bytes(data)
    except OSError as error:
        logger.info("cannot cache %s: %s", path, error)


def remember_revision(folder: Path, name: str, commit: str) -> None:
    """Record which commit a branch or tag named (the cache's ``refs/NAME``), for offline use."""
    if name == commit or "/" in name or name.startswith("."):
        return
    try:
        (folder / "refs").mkdir(parents=True, exist_ok=True)
        (folder / "refs" / name).write_text(commit, encoding="utf-8")
    except OSError as error:
        logger.info("cannot record %s as %s in the Hub cache: %s", name, commit, error)
