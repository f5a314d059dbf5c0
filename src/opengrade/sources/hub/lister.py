"""Page through the Hub's model listing (the endpoint and parameters of
``HfApi.list_models(..., expand=[...])``), inside a request budget, honouring rate limits.

Each page is one request (at most 1,000 entries, the Hub's maximum); the next page is the
``Link: <...>; rel="next"`` header's address, as the client follows it. A 429 waits what the
``RateLimit`` header (or ``Retry-After``) says and blocks every request of the budget meanwhile;
a 5xx, a dropped connection or a cut-short body is retried with exponential back-off. A page
that still fails raises :class:`HubListingError` naming the cursor to resume from.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2
from huggingface_hub import constants, get_session
from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

from opengrade.errors import SourceError
from opengrade.sources.hub.budget import RequestBudget, rate_limit_wait
from opengrade.sources.hub.listing_entry import (
    EXPANDED_FIELDS,
    HubListingEntry,
    parse_listing_entry,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 1000


class HubListingError(SourceError):
    """A listing page could not be read, still after the retries."""


@dataclass(frozen=True, slots=True)
class ListingQuery:
    """What to list: ``--author``, ``--search``, ``--filter`` tags (all must match), ``--sort``
    (descending), ``--limit`` (None: everything)."""

    author: str | None = None
    search: str | None = None
    filters: tuple[str, ...] = ()
    sort: str | None = None
    limit: int | None = None
    page_size: int = PAGE_SIZE

    def params(self) -> list[tuple[str, str]]:
        size = min(self.page_size, self.limit) if self.limit else self.page_size
        params = [("limit", str(max(1, size)))]
        params += [("author", self.author)] if self.author else []
        params += [("search", self.search)] if self.search else []
        params += [("filter", tag) for tag in self.filters]
        params += [("sort", self.sort), ("direction", "-1")] if self.sort else []
        return params + [("expand[]", name) for name in EXPANDED_FIELDS]


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page: its usable entries, how many entries were unusable, and where it was."""

    entries: tuple[HubListingEntry, ...]
    unusable: int
    url: str


@dataclass
class ListingCounters:
    """Requests made, pages read, 429s and failures met, retries (the wait is the budget's)."""

    requests: int = 0
    pages: int = 0
    rate_limited: int = 0
    failures: int = 0
    retries: int = 0
    problems: list[str] = field(default_factory=list)


class HubLister:
    """Lists models from ``endpoint`` (default: ``HF_ENDPOINT``, else the Hub) with ``token``."""

    def __init__(
        self,
        *,
        endpoint: str | None = None,
        token: str | None = None,
        budget: RequestBudget | None = None,
        max_attempts: int = 8,
        backoff: float = 0.5,
        max_wait: float = 600.0,
        timeout: float = 60.0,
    ) -> None:
        import os

        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip(
            "/"
        )
        self.headers = build_hf_headers(token=token or os.environ.get("HF_TOKEN") or None)
        self.budget = budget or RequestBudget()
        self.max_attempts, self.backoff = max(1, max_attempts), backoff
        self.max_wait, self.timeout = max_wait, timeout
        self.counters = ListingCounters()

    def pages(self, query: ListingQuery, *, start: str | None = None) -> Iterator[ListingPage]:
        """Every page of ``query`` (from the page address ``start``, to resume), until
        ``query.limit`` entries were yielded."""
        url: str | None = start or f"{self.endpoint}/api/models"
        params: Any = None if start else query.params()
        given = 0
        while url is not None:
            body, following = self._get(url, params)
            entries, unusable = _entries(body, url)
            if query.limit is not None:
                entries = entries[: query.limit - given]
            given += len(entries)
            self.counters.pages += 1
            yield ListingPage(tuple(entries), unusable, url)
            if query.limit is not None and given >= query.limit:
                return
            url, params = following, None

    def _get(self, url: str, params: Any) -> tuple[Any, str | None]:
        """The JSON body and the next page's address, with retries."""
        last = ""
        for attempt in range(1, self.max_attempts + 1):
            slot = self.budget.acquire()
            self.counters.requests += 1
            try:
                response = get_session().get(
                    url, params=params, headers=self.headers, timeout=self.timeout
                )
                status = response.status_code
                self.budget.finish(slot)
                if status == 200:
                    following = response.links.get("next", {}).get("url")
                    return json.loads(response.content), following
            except (httpx2.TransportError, ValueError) as error:
                self.budget.finish(slot)
                status, last = 0, f"the answer was cut short or unreadable ({error})"
            wait = None
            if status == 429:
                self.counters.rate_limited += 1
                wait = rate_limit_wait(response.headers, self.max_wait)
                wait = 1.0 if wait is None else wait
                self.budget.block_for(wait)
                last = "rate-limited (HTTP 429)"
            elif status >= 500 or status == 0:
                last = last if status == 0 else f"HTTP {status}"
                wait = min(self.max_wait, self.backoff * 2 ** (attempt - 1))
                self.budget.block_for(wait)
            else:
                raise HubListingError(
                    f"The Hub refused the listing {url} (HTTP {status}); check --author, "
                    "--search, --filter and --sort."
                )
            self.counters.retries += 1
            logger.info("listing page %s: %s; retry %d in %.2fs", url, last, attempt, wait)
        self.counters.failures += 1
        raise HubListingError(
            f"The Hub's listing failed {self.max_attempts} times ({last}) at {url}; run the "
            "scan again later: releases already graded are skipped."
        )


def _entries(body: Any, url: str) -> tuple[list[HubListingEntry], int]:
    if not isinstance(body, list):
        raise HubListingError(f"The Hub's listing at {url} is not a list of models.")
    entries = [parse_listing_entry(item) for item in body]
    usable = [entry for entry in entries if entry is not None]
    return usable, len(entries) - len(usable)
