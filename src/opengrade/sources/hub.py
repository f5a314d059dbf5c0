"""A release read from the Hugging Face Hub by its id, without downloading any weights.

The only module that imports ``huggingface_hub``. It uses the client's HTTP session, auth
headers, URL scheme and cache; the requests themselves are made here so that every one has a
timeout, a size bound and the same retry policy (the client's high-level calls have neither
for all endpoints). Per release: repository info with file metadata (1 request), refs (1), each
small text file (1, or 0 when in the Hub cache), each safetensors/GGUF header (1 range request,
more only for headers above 64 KiB), each named dataset (1).

Every file the Hub lists is ``present=True``: the Hub repository *is* the release, so a listed
weight is published, not merely claimed; which files were actually read shows in ``texts`` and
``headers``. LFS files carry the Hub's SHA-256.

Errors (all :class:`~opengrade.errors.SourceError`; no partial snapshot is returned):
:class:`~opengrade.errors.ReleaseNotFound` (404), :class:`HubAccessError` (401/403, gated),
:class:`HubRateLimitError` (429 after retries honouring ``Retry-After``), :class:`HubServerError`
(5xx after retries), :class:`HubTimeoutError`, :class:`HubResponseError` (truncated or malformed),
:class:`HubOfflineError` (``HF_HUB_OFFLINE`` and nothing cached).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx2
from huggingface_hub import constants, get_session, hf_hub_url, try_to_load_from_cache
from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

from opengrade.errors import ReleaseNotFound, SourceError
from opengrade.model import (
    FileKind,
    Problem,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    TextFile,
    WeightHeader,
)
from opengrade.sources.files import card_candidates, upstream_files
from opengrade.sources.hub_links import (
    HUB_ID,
    BaseChain,
    BaseLink,
    DatasetInfo,
    HubRelease,
    base_model_ids,
    dataset_ids,
    looks_like_hub_id,
    walk_bases,
)
from opengrade.sources.interface import Source
from opengrade.sources.local import TEXT_KINDS, TEXT_SUFFIXES, LocalDirSource
from opengrade.sources.textread import decode
from opengrade.sources.weights import HeaderError, read_gguf_header, read_safetensors_header

__all__ = [
    "BaseChain",
    "BaseLink",
    "DatasetInfo",
    "HubAccessError",
    "HubOfflineError",
    "HubRateLimitError",
    "HubRelease",
    "HubResponseError",
    "HubServerError",
    "HubSource",
    "HubTimeoutError",
    "looks_like_hub_id",
    "read_base_chain",
]

logger = logging.getLogger(__name__)
T = TypeVar("T")

HEADER_PREFETCH = 64 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024
WORKERS = 4


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
class _Settings:
    endpoint: str
    token: str | None
    cache_dir: str
    timeout: float
    max_attempts: int
    max_wait: float
    backoff: float


class _RetryError(Exception):
    def __init__(self, error: SourceError, wait: float | None = None) -> None:
        super().__init__(str(error))
        self.error, self.wait = error, wait


class _HubHttp:
    """GETs against the Hub: timeout, size bound, status mapping, bounded retries."""

    def __init__(self, settings: _Settings, repo_id: str, revision: str | None = None) -> None:
        self.settings, self.repo_id, self.revision = settings, repo_id, revision
        self.headers = build_hf_headers(token=settings.token)
        self.headers["Accept-Encoding"] = "identity"

    def json(self, url: str, what: str, params: Mapping[str, str] | None = None) -> Any:
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
        """The body (at most ``limit`` bytes; exactly ``expected`` when given), with retries."""
        headers = dict(self.headers)
        if byte_range is not None:
            headers["Range"] = f"bytes={byte_range[0]}-{byte_range[1]}"
        for attempt in range(1, self.settings.max_attempts + 1):
            try:
                return self._once(url, what, headers, params, limit, expected)
            except _RetryError as retry:
                if attempt == self.settings.max_attempts:
                    raise retry.error from None
                wait = retry.wait
                if wait is None:
                    wait = min(self.settings.max_wait, self.settings.backoff * 2 ** (attempt - 1))
                logger.info("%s; retry %d in %.2fs", retry.error, attempt, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _once(
        self,
        url: str,
        what: str,
        headers: dict[str, str],
        params: Mapping[str, str] | None,
        limit: int,
        expected: int | None,
    ) -> bytes:
        try:
            with get_session().stream(
                "GET", url, headers=headers, params=params, timeout=self.settings.timeout
            ) as response:
                self._check(response, what)
                chunks, total = [], 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    total += len(chunk)
                    if total >= limit:
                        break
                body = b"".join(chunks)[:limit]
        except httpx2.TimeoutException:
            message = f"The Hub did not answer {what} within {self.settings.timeout:g} s"
            raise _RetryError(HubTimeoutError(message + "; try again later.")) from None
        except (httpx2.RemoteProtocolError, httpx2.ReadError) as error:
            message = f"The Hub's answer for {what} was cut short ({error})"
            raise _RetryError(HubResponseError(message + "; try again.")) from None
        except httpx2.TransportError as error:
            message = f"Cannot reach the Hub at {self.settings.endpoint} for {what}: {error}"
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
            wait = _retry_after(response.headers.get("Retry-After"), self.settings.max_wait)
            message = (
                f"The Hub rate-limited {what} (HTTP 429) {self.settings.max_attempts} times; "
                "wait a few minutes, or set HF_TOKEN (authenticated requests get higher limits)."
            )
            raise _RetryError(HubRateLimitError(message), wait)
        if status >= 500:
            message = f"The Hub failed on {what} (HTTP {status}); try again later."
            raise _RetryError(HubServerError(message))
        raise HubResponseError(f"The Hub answered {what} with an unexpected HTTP {status}.")

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


def _retry_after(value: str | None, cap: float) -> float:
    try:
        return min(cap, max(0.0, float(value))) if value is not None else 1.0
    except ValueError:
        return 1.0


def _settings(
    endpoint: str | None,
    token: str | None,
    cache_dir: str | Path | None,
    timeout: float,
    retries: tuple[int, float],
) -> _Settings:
    """Explicit values first, then the environment at call time, then the client's defaults."""
    environ = os.environ
    hub_cache = environ.get("HF_HUB_CACHE") or (
        str(Path(environ["HF_HOME"]) / "hub") if environ.get("HF_HOME") else None
    )
    return _Settings(
        endpoint=(endpoint or environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/"),
        token=token or environ.get("HF_TOKEN") or None,
        cache_dir=str(cache_dir or hub_cache or constants.HF_HUB_CACHE),
        timeout=timeout,
        max_attempts=max(1, retries[0]),
        max_wait=30.0,
        backoff=retries[1],
    )


def _offline() -> bool:
    flag = os.environ.get("HF_HUB_OFFLINE", "").strip().lower()
    return flag in {"1", "true", "yes", "on"} or bool(constants.HF_HUB_OFFLINE)


class HubSource(Source):
    """Reads ``repo_id`` (``org/name``) at ``revision`` (branch, tag or commit; default main)."""

    def __init__(
        self,
        repo_id: str,
        *,
        revision: str | None = None,
        token: str | None = None,
        endpoint: str | None = None,
        cache_dir: str | Path | None = None,
        timeout: float = 10.0,
        max_attempts: int = 4,
        backoff: float = 0.25,
        max_text_bytes: int = 1_048_576,
        max_header_bytes: int = 16 * 1024 * 1024,
        max_weight_headers: int = 512,
        follow_datasets: bool = True,
        max_datasets: int = 16,
        max_base_depth: int = 3,
    ) -> None:
        self.repo_id, self.revision = repo_id, revision
        self.settings = _settings(endpoint, token, cache_dir, timeout, (max_attempts, backoff))
        self.max_text_bytes, self.max_header_bytes = max_text_bytes, max_header_bytes
        self.max_weight_headers = max_weight_headers
        self.follow_datasets, self.max_datasets = follow_datasets, max_datasets
        self.max_base_depth = max_base_depth
        self._http = _HubHttp(self.settings, repo_id, revision)

    def read(self) -> ReleaseSnapshot:
        """The release's snapshot (see :meth:`read_release` for datasets and bases)."""
        return self.read_release().snapshot

    def read_release(self) -> HubRelease:
        """Everything the Hub says about the release; raises SourceError when it cannot."""
        if not HUB_ID.match(self.repo_id):
            raise ReleaseNotFound(f"{self.repo_id!r} is not a Hub id: expected org/name.")
        if _offline():
            return HubRelease(self._read_cached())
        info = self._info()
        commit = info.get("sha")
        if not isinstance(commit, str) or not commit:
            raise HubResponseError(f"The Hub's answer for {self.repo_id} names no commit.")
        files, problems = self._files(info.get("siblings"))
        if not files:
            problems.append(Problem("empty-release", "the Hub repository lists no files"))
        texts = self._parallel(self._text, [item for item in files if _wants_text(item)], commit)
        weights = [item for item in files if item.path.lower().endswith((".safetensors", ".gguf"))]
        if len(weights) > self.max_weight_headers:
            message = f"{len(weights)} weights files; headers read for the first "
            problems.append(Problem("too-many-files", message + str(self.max_weight_headers)))
            weights = weights[: self.max_weight_headers]
        headers = self._parallel(self._header, weights, commit)
        card_data = info.get("cardData") if isinstance(info.get("cardData"), dict) else None
        snapshot = ReleaseSnapshot(
            id=self.repo_id,
            source=SourceKind.HUB,
            location=f"{self.settings.endpoint}/{self.repo_id}/tree/{commit}",
            files=tuple(sorted(files, key=lambda item: item.path)),
            texts=tuple(text for text, _ in texts if text is not None),
            headers=tuple(header for header, _ in headers if header is not None),
            problems=tuple(_sorted(problems + [p for _, found in texts + headers for p in found])),
            revision=commit,
            refs=self._refs(),
        )
        self._remember_revision(commit)
        card = _card_text(snapshot)
        datasets = self._datasets(dataset_ids(card_data, card, limit=self.max_datasets))
        gated = bool(info.get("gated"))
        return HubRelease(snapshot, datasets, base_model_ids(card_data), gated)

    # ---- repository info, files, refs -------------------------------------------------------
    def _info(self) -> dict[str, Any]:
        url = f"{self.settings.endpoint}/api/models/{self.repo_id}"
        if self.revision:
            url += f"/revision/{quote(self.revision, safe='')}"
        info = self._http.json(url, f"the info of {self.repo_id}", params={"blobs": "true"})
        if not isinstance(info, dict) or not isinstance(info.get("siblings"), list):
            raise HubResponseError(f"The Hub's info for {self.repo_id} has no file list.")
        return info

    def _files(self, siblings: object) -> tuple[list[ReleaseFile], list[Problem]]:
        listed, malformed = upstream_files(siblings if isinstance(siblings, list) else [], set())
        problems = []
        if malformed:
            message = f"{malformed} Hub file entries have no usable path; skipped"
            problems.append(Problem("listing-invalid", message))
        return [dataclasses.replace(item, present=True) for item in listed], problems

    def _refs(self) -> tuple[str, ...]:
        url = f"{self.settings.endpoint}/api/models/{self.repo_id}/refs"
        payload = self._http.json(url, f"the refs of {self.repo_id}")
        names: list[str] = []
        for group in ("branches", "tags"):
            entries = payload.get(group) if isinstance(payload, dict) else None
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                    names.append(entry["name"])
        return tuple(sorted(set(names)))

    # ---- texts and headers ----------------------------------------------------------------
    def _parallel(
        self,
        read: Callable[[ReleaseFile, str], tuple[T | None, list[Problem]]],
        items: list[ReleaseFile],
        commit: str,
    ) -> list[tuple[T | None, list[Problem]]]:
        if len(items) <= 1:
            return [read(item, commit) for item in items]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(lambda item: read(item, commit), items))

    def _url(self, path: str, commit: str) -> str:
        return str(hf_hub_url(self.repo_id, path, revision=commit, endpoint=self.settings.endpoint))

    def _text(self, item: ReleaseFile, commit: str) -> tuple[TextFile | None, list[Problem]]:
        bound = self.max_text_bytes
        size = item.size if item.size is not None else bound + 1
        more = size > bound
        cached = try_to_load_from_cache(
            self.repo_id, item.path, cache_dir=self.settings.cache_dir, revision=commit
        )
        if isinstance(cached, str):
            with Path(cached).open("rb") as stream:
                data = stream.read(bound)
        elif more:
            what = f"the first {bound:,} bytes of {item.path}"
            url = self._url(item.path, commit)
            data = self._http.get(url, what, limit=bound, expected=bound, byte_range=(0, bound - 1))
        else:
            data = self._http.get(
                self._url(item.path, commit), item.path, limit=bound, expected=size
            )
            _store_in_cache(self._cache_folder(), commit, item, data)
        decoded = decode(data, truncated=more)
        problems = []
        if decoded.text is None:
            message = "binary content where text was expected; not read"
            return None, [Problem("binary-file", message, item.path)]
        if more:
            message = f"larger than the {bound:,}-byte text bound; only the beginning was read"
            problems.append(Problem("too-large", message, item.path))
        if decoded.guessed:
            message = "not valid UTF-8 and no byte-order mark; decoded as latin-1"
            problems.append(Problem("encoding-guessed", message, item.path))
        return TextFile(item.path, decoded.text, decoded.truncated, decoded.encoding), problems

    def _header(self, item: ReleaseFile, commit: str) -> tuple[WeightHeader | None, list[Problem]]:
        if item.size is None:
            return None, [Problem("header-unknown-size", "the Hub gave no size", item.path)]
        reader = _RangeReader(self._http, self._url(item.path, commit), item.path, item.size)
        try:
            if item.path.lower().endswith(".gguf"):
                return read_gguf_header(
                    reader, item.size, path=item.path, max_bytes=self.max_header_bytes
                ), []
            return read_safetensors_header(
                reader, item.size, path=item.path, max_header_bytes=self.max_header_bytes
            ), []
        except HeaderError as error:
            return None, [Problem(error.code, f"weights header: {error}", item.path)]
        except SourceError as error:  # a header is one fact among many: a problem, not a failure
            return None, [Problem("unreadable", f"weights header: {error}", item.path)]

    # ---- datasets -----------------------------------------------------------------------
    def _datasets(self, ids: tuple[str, ...]) -> tuple[DatasetInfo, ...]:
        if not self.follow_datasets:
            return ()
        return tuple(self._dataset(dataset_id) for dataset_id in ids)

    def _dataset(self, dataset_id: str) -> DatasetInfo:
        url = f"{self.settings.endpoint}/api/datasets/{dataset_id}"
        try:
            info = _HubHttp(self.settings, dataset_id).json(url, f"dataset {dataset_id}")
        except ReleaseNotFound:
            return DatasetInfo(dataset_id, found=False, problem="not found on the Hub")
        except SourceError as error:
            return DatasetInfo(dataset_id, found=False, problem=str(error))
        info = info if isinstance(info, dict) else {}
        card = info.get("cardData")
        card = card if isinstance(card, dict) else {}
        licenses = [value for value in _as_list(card.get("license")) if isinstance(value, str)]
        siblings = info.get("siblings")
        siblings = siblings if isinstance(siblings, list) else []
        names = {entry.get("rfilename") for entry in siblings if isinstance(entry, dict)}
        return DatasetInfo(
            dataset_id,
            found=True,
            license=" AND ".join(licenses) if licenses else None,
            has_card="README.md" in names,
            gated=bool(info.get("gated")),
        )

    # ---- cache and offline --------------------------------------------------------------
    def _cache_folder(self) -> Path:
        return Path(self.settings.cache_dir) / f"models--{self.repo_id.replace('/', '--')}"

    def _remember_revision(self, commit: str) -> None:
        """Record which commit the revision named (the Hub cache's ``refs/``), for offline use."""
        name = self.revision or "main"
        if name == commit or "/" in name or name.startswith("."):
            return
        try:
            (self._cache_folder() / "refs").mkdir(parents=True, exist_ok=True)
            (self._cache_folder() / "refs" / name).write_text(commit, encoding="utf-8")
        except OSError as error:
            logger.info("cannot record %s@%s in the Hub cache: %s", self.repo_id, name, error)

    def _read_cached(self) -> ReleaseSnapshot:
        folder = self._cache_folder()
        revision = self.revision or "main"
        unsafe = any(part in {"", ".", ".."} for part in revision.split("/"))
        ref = folder / "refs" / revision
        commit = ref.read_text(encoding="utf-8").strip() if ref.is_file() else revision
        snapshot_dir = folder / "snapshots" / commit
        if unsafe or "/" in commit or not snapshot_dir.is_dir():
            raise HubOfflineError(
                f"HF_HUB_OFFLINE is set and {self.repo_id}@{revision} is not in the Hub cache at "
                f"{self.settings.cache_dir}. Unset HF_HUB_OFFLINE, or download it first."
            )
        local = LocalDirSource(snapshot_dir, max_text_bytes=self.max_text_bytes).read()
        note = Problem(
            "hub-offline",
            "read from the local Hub cache (HF_HUB_OFFLINE): only cached files are listed",
        )
        return dataclasses.replace(
            local,
            id=self.repo_id,
            source=SourceKind.HUB,
            problems=(*local.problems, note),
            revision=commit,
        )

    def for_repository(self, repo_id: str) -> HubSource:
        """A source with the same settings for another repository (at its main revision)."""
        other = copy.copy(self)
        other.repo_id, other.revision = repo_id, None
        other._http = _HubHttp(self.settings, repo_id)
        return other

    def read_base_chain(self) -> BaseChain:
        """This release and its ``base_model`` ancestors (see :func:`read_base_chain`)."""
        return walk_bases(self.repo_id, self._read_any, self.max_base_depth)

    def _read_any(self, repo_id: str) -> HubRelease:
        source = self if repo_id == self.repo_id else self.for_repository(repo_id)
        return source.read_release()


class _RangeReader:
    """``read(offset, length)`` over HTTP range requests; the first 64 KiB fetched at once."""

    def __init__(self, http: _HubHttp, url: str, path: str, size: int) -> None:
        self.http, self.url, self.path, self.size = http, url, path, size
        self.prefix: bytes | None = None

    def __call__(self, offset: int, length: int) -> bytes:
        length = max(0, min(length, self.size - offset))
        if self.prefix is None:
            # one request covers a usual header; a small file is read in exact pieces instead,
            # so that no whole weights file is ever fetched
            first = HEADER_PREFETCH if self.size > 4 * HEADER_PREFETCH else min(8, self.size)
            what = f"the header of {self.path}"
            self.prefix = self._fetch(0, first, what)
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


def _store_in_cache(folder: Path, commit: str, item: ReleaseFile, data: bytes) -> None:
    """Keep a downloaded file in the Hub cache layout (``blobs/ETAG``, ``snapshots/COMMIT/PATH``).

    The ETag is the LFS SHA-256, else the git blob id, computed from the bytes as git does. A
    cache that cannot be written only costs a download next time.
    """
    etag = item.sha256 or hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    blob = folder / "blobs" / etag
    pointer = folder / "snapshots" / commit / item.path
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
        logger.info("cannot cache %s: %s", item.path, error)


def _wants_text(item: ReleaseFile) -> bool:
    if item.kind is FileKind.WEIGHTS or item.path.startswith("."):
        return False
    return item.kind in TEXT_KINDS or item.path.lower().endswith(TEXT_SUFFIXES.get(item.kind, ()))


def _card_text(snapshot: ReleaseSnapshot) -> str | None:
    for path in card_candidates(text.path for text in snapshot.texts):
        card = snapshot.text(path)
        if card is not None:
            return card.text
    return None


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda item: (item.path or "", item.code, item.message))


def read_base_chain(repo_id: str, *, max_depth: int = 3, **options: Any) -> BaseChain:
    """``repo_id`` and its bases across the Hub; ``options`` are :class:`HubSource`'s."""
    return HubSource(repo_id, max_base_depth=max_depth, **options).read_base_chain()
