"""The HTTP side of the Hub source: bounded GETs with one retry policy and status mapping.

Every request has a timeout, a size bound, a deadline and the same bounded retries (429
honouring ``Retry-After``, 5xx, timeouts, cut-short answers, with exponential backoff otherwise).
The deadline bounds the time one request spends on the network over all its attempts (a Hub
that drips body bytes never trips the timeout), and a timeout is retried once at most. A range
request needs a 206 starting where it asked (or a 200 when it asked from byte 0). The client
session and auth headers come from :mod:`opengrade.sources.hub` (the only module that imports
``huggingface_hub``); this module only speaks ``httpx2``, the client's HTTP library. Settings
live in :mod:`opengrade.sources.hub.settings`, the errors (their tree drawn there) in
:mod:`opengrade.sources.hub.errors`, range reads in :mod:`opengrade.sources.hub.range` and the
cache in :mod:`opengrade.sources.hub.cache`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx2

from opengrade.errors import ReleaseNotFound, SourceError
from opengrade.sources.hub.budget import record_wait_since
from opengrade.sources.hub.errors import (
    HubAccessError,
    HubRateLimitError,
    HubResponseError,
    HubServerError,
    HubTimeoutError,
)
from opengrade.sources.hub.settings import HubSettings

logger = logging.getLogger(__name__)

MAX_JSON_BYTES = 64 * 1024 * 1024
TIMEOUT_ATTEMPTS = 2
"""Attempts a request gets when the Hub does not answer in time (whatever ``max_attempts``)."""
_CONTENT_RANGE = re.compile(r"^bytes\s+(\d+)-(\d+)/(\d+|\*)$")


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
                waiting = time.monotonic()
                time.sleep(wait)
                if isinstance(retry.error, HubRateLimitError):
                    record_wait_since(waiting)
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
