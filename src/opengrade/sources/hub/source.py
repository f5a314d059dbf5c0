"""A release read from the Hugging Face Hub by its id, without downloading any weights.

The only module that imports ``huggingface_hub``: it uses the client's HTTP session, auth
headers, URL scheme and cache; requests go through :mod:`opengrade.sources.hub.http` (timeout,
size bound, one retry policy). Per release: repository info with file metadata (1 request),
refs (1), each small text file (1, or 0 when in the Hub cache), each safetensors/GGUF header (1
range request, more only above 64 KiB), each named dataset (1). The snapshot carries the
named datasets' descriptions and the Hub's gating flag.

Every file the Hub lists is ``present=True``: the Hub repository *is* the release, so a listed
weight is published, not merely claimed; which files were actually read shows in ``texts`` and
``headers``. LFS files carry the Hub's SHA-256.

Errors are :class:`~opengrade.errors.SourceError` (the tree is drawn in
:mod:`opengrade.sources.hub.errors`); no partial snapshot is ever returned. The HTTP layer is
:mod:`opengrade.sources.hub.http`, range reads :mod:`~opengrade.sources.hub.range`, the cache
:mod:`~opengrade.sources.hub.cache`, the listing and texts :mod:`~opengrade.sources.hub.listing`.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from huggingface_hub import constants, get_session, hf_hub_url, try_to_load_from_cache
from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

from opengrade.errors import ReleaseNotFound, SourceError
from opengrade.model import (
    DatasetInfo,
    Problem,
    ReleaseFile,
    ReleaseSnapshot,
    SourceKind,
    WeightHeader,
)
from opengrade.model.release import ProblemCode
from opengrade.sources.hub.budget import BudgetedSession, RequestBudget
from opengrade.sources.hub.cache import cache_folder, read_cached, remember_revision, store_in_cache
from opengrade.sources.hub.http import HubHttp
from opengrade.sources.hub.links import (
    HUB_ID,
    BaseChain,
    base_model_ids,
    card_base_models,
    card_text,
    dataset_ids,
    dataset_info,
    ref_names,
    walk_bases,
)
from opengrade.sources.hub.listing import (
    TextRead,
    sorted_problems,
    text_read,
    wants_text,
    with_text_digests,
)
from opengrade.sources.hub.model_info import HubModelInfo, parse_model_info
from opengrade.sources.hub.range import read_remote_header
from opengrade.sources.hub.settings import HubSettings, offline_mode
from opengrade.sources.interface import Source

logger = logging.getLogger(__name__)
T = TypeVar("T")

WORKERS = 4


class HubSource(Source):
    """Reads ``repo_id`` (``org/name``) at ``revision`` (branch, tag or commit; default main).

    ``timeout`` bounds the wait for each answer, ``deadline`` the network time of one request
    over all its attempts; ``max_weight_headers=0`` reads no weights header at all; ``budget``
    (a files-tier scan's) makes every request take a slot of it.
    """

    def __init__(
        self,
        repo_id: str,
        *,
        revision: str | None = None,
        token: str | None = None,
        endpoint: str | None = None,
        cache_dir: str | Path | None = None,
        timeout: float = 10.0,
        deadline: float = 30.0,
        max_attempts: int = 4,
        backoff: float = 0.25,
        max_text_bytes: int = 1_048_576,
        max_header_bytes: int = 16 * 1024 * 1024,
        max_weight_headers: int = 512,
        follow_datasets: bool = True,
        max_datasets: int = 16,
        max_base_depth: int = 3,
        budget: RequestBudget | None = None,
    ) -> None:
        self.repo_id, self.revision = repo_id, revision
        self.budget = budget
        self.settings = HubSettings.from_environment(
            endpoint,
            token,
            cache_dir,
            defaults=(constants.ENDPOINT, constants.HF_HUB_CACHE),
            retries=(max_attempts, backoff),
            timeout=timeout,
            deadline=deadline,
        )
        self.max_text_bytes, self.max_header_bytes = max_text_bytes, max_header_bytes
        self.max_weight_headers = max_weight_headers
        self.follow_datasets, self.max_datasets = follow_datasets, max_datasets
        self.max_base_depth = max_base_depth
        self._http = self._client(repo_id, revision)

    def _client(self, repo_id: str, revision: str | None = None) -> HubHttp:
        headers = build_hf_headers(token=self.settings.token)
        session: Any = (
            get_session if self.budget is None else BudgetedSession(self.budget, get_session)
        )
        return HubHttp(self.settings, repo_id, session=session, headers=headers, revision=revision)

    def read(self) -> ReleaseSnapshot:
        """Everything the Hub says about the release, named datasets and gating included.

        Raises :class:`~opengrade.errors.SourceError` when the release cannot be read.
        """
        return self._read()[0]

    def _read(self) -> tuple[ReleaseSnapshot, tuple[str, ...]]:
        """The snapshot and the ``base_model`` ids its card metadata names."""
        if not HUB_ID.match(self.repo_id):
            raise ReleaseNotFound(f"{self.repo_id!r} is not a Hub id: expected org/name.")
        if offline_mode(bool(constants.HF_HUB_OFFLINE)):
            return read_cached(
                self.settings, self.repo_id, self.revision, max_text_bytes=self.max_text_bytes
            ), ()
        info = self._info()
        commit = info.commit
        files, problems = list(info.files), list(info.problems)
        texts = self._parallel(self._text, [item for item in files if wants_text(item)], commit)
        files = with_text_digests(files, [read for read, _ in texts if read is not None])
        weights = [item for item in files if item.path.lower().endswith((".safetensors", ".gguf"))]
        if len(weights) > self.max_weight_headers:
            if self.max_weight_headers:
                message = f"{len(weights)} weights files; headers read for the first "
                problems.append(
                    Problem(ProblemCode.TOO_MANY_FILES, message + str(self.max_weight_headers))
                )
            weights = weights[: self.max_weight_headers]
        headers = self._parallel(self._header, weights, commit)
        card_data = info.card_data
        partial = ReleaseSnapshot(
            id=self.repo_id,
            source=SourceKind.HUB,
            location=f"{self.settings.endpoint}/{self.repo_id}/tree/{commit}",
            files=tuple(sorted(files, key=lambda item: item.path)),
            texts=tuple(read.text for read, _ in texts if read is not None),
            headers=tuple(header for header, _ in headers if header is not None),
            problems=tuple(
                sorted_problems(problems + [p for _, found in texts + headers for p in found])
            ),
            revision=commit,
            refs=self._refs(),
            gated=info.gated,
            endpoint=self.settings.endpoint,
        )
        remember_revision(
            cache_folder(self.settings.cache_dir, self.repo_id), self.revision or "main", commit
        )
        named = dataset_ids(card_data, card_text(partial), limit=self.max_datasets)
        snapshot = dataclasses.replace(partial, datasets=self._datasets(named))
        return snapshot, base_model_ids(card_data)

    # ---- repository info, files, refs -------------------------------------------------------
    def _info(self) -> HubModelInfo:
        url = f"{self.settings.endpoint}/api/models/{self.repo_id}"
        if self.revision:
            url += f"/revision/{quote(self.revision, safe='')}"
        payload = self._http.json(url, f"the info of {self.repo_id}", params={"blobs": "true"})
        return parse_model_info(self.repo_id, payload)

    def _refs(self) -> tuple[str, ...]:
        url = f"{self.settings.endpoint}/api/models/{self.repo_id}/refs"
        return ref_names(self._http.json(url, f"the refs of {self.repo_id}"))

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

    def _text(self, item: ReleaseFile, commit: str) -> tuple[TextRead | None, list[Problem]]:
        data, more = self._text_bytes(item, commit)
        return text_read(item, data, more, self.max_text_bytes)

    def _text_bytes(self, item: ReleaseFile, commit: str) -> tuple[bytes, bool]:
        """The file's bytes up to the text bound, and whether the file is larger."""
        bound, url = self.max_text_bytes, self._url(item.path, commit)
        cached = try_to_load_from_cache(
            self.repo_id, item.path, cache_dir=self.settings.cache_dir, revision=commit
        )
        if isinstance(cached, str):
            with Path(cached).open("rb") as stream:
                data = stream.read(bound + 1)
        elif item.size is not None and item.size > bound:
            what = f"the first {bound:,} bytes of {item.path}"
            range_ = (0, bound - 1)
            return self._http.get(url, what, limit=bound, expected=bound, byte_range=range_), True
        else:  # a known size is checked exactly; an unknown one is read up to one past the bound
            data = self._http.get(url, item.path, limit=bound + 1, expected=item.size)
            if len(data) <= bound:
                store_in_cache(
                    cache_folder(self.settings.cache_dir, self.repo_id),
                    commit,
                    item.path,
                    item.sha256,
                    data,
                )
        return data[:bound], len(data) > bound

    def _header(self, item: ReleaseFile, commit: str) -> tuple[WeightHeader | None, list[Problem]]:
        url = self._url(item.path, commit)
        return read_remote_header(self._http, url, item, self.max_header_bytes)

    # ---- datasets -----------------------------------------------------------------------
    def _datasets(self, ids: tuple[str, ...]) -> tuple[DatasetInfo, ...]:
        if not self.follow_datasets:
            return ()
        return tuple(self._dataset(dataset_id) for dataset_id in ids)

    def _dataset(self, dataset_id: str) -> DatasetInfo:
        url = f"{self.settings.endpoint}/api/datasets/{dataset_id}"
        try:
            payload = self._client(dataset_id).json(url, f"dataset {dataset_id}")
        except ReleaseNotFound:
            return DatasetInfo(dataset_id, found=False, problem="not found on the Hub")
        except SourceError as error:
            return DatasetInfo(dataset_id, found=False, problem=str(error))
        return dataset_info(dataset_id, payload)

    # ---- other repositories -----------------------------------------------------------
    def for_repository(self, repo_id: str) -> HubSource:
        """A source with the same settings for another repository (at its main revision)."""
        other = copy.copy(self)
        other.repo_id, other.revision = repo_id, None
        other._http = other._client(repo_id)
        return other

    def read_bases(
        self, snapshot: ReleaseSnapshot
    ) -> tuple[tuple[ReleaseSnapshot, ...], tuple[str, ...]]:
        """The bases ``snapshot``'s card names (``base_model``), read from this source's Hub.

        Follows the bases' own ``base_model`` breadth first to ``max_base_depth``, each read
        once; the release itself is not read again. Bases are read for their terms: files and
        texts, without weights headers or datasets. Returns the base snapshots and problems as
        messages: a base that cannot be read, a cycle, a base beyond the depth. A snapshot that
        is not from the Hub has nothing to follow.
        """
        if snapshot.source is not SourceKind.HUB:
            return (), ()
        named, problems = card_base_models(snapshot)
        if not named:
            return (), problems
        reader = copy.copy(self)
        reader.max_weight_headers, reader.follow_datasets = 0, False

        def read(repo_id: str) -> tuple[ReleaseSnapshot, tuple[str, ...]]:
            if repo_id == snapshot.id:
                return snapshot, named
            return reader.for_repository(repo_id)._read()

        chain = walk_bases(snapshot.id, read, self.max_base_depth)
        bases = tuple(link.snapshot for link in chain.links[1:])
        return bases, problems + tuple(problem.message for problem in chain.problems)

    def read_base_chain(self) -> BaseChain:
        """This release and its ``base_model`` ancestors (see :func:`read_base_chain`)."""
        return walk_bases(self.repo_id, self._read_any, self.max_base_depth)

    def _read_any(self, repo_id: str) -> tuple[ReleaseSnapshot, tuple[str, ...]]:
        source = self if repo_id == self.repo_id else self.for_repository(repo_id)
        return source._read()
