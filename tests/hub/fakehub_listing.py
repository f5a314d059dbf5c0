"""The loopback Hub's model listing (``GET /api/models``) at scale, with rate limits and faults.

Content. :class:`Catalogue` lists every repository the Hub serves (the corpus releases) plus one
card-only release per real card in ``../shared/corpus/cards/`` (read in place, never copied):
the file ``org_name.md`` becomes ``org/name`` (the first ``_`` read as the ``/``; the corpus
notes that the mapping is ambiguous, which is harmless for a test Hub: each name is unique).
``copies=k`` adds k-1 mirrors of every card under the organisations ``mirrorK-org`` to reach
tens of thousands of releases. A card-only release lists one file, ``README.md``.

The listing speaks the real API: ``search`` (substring of the id), ``author``, ``filter`` (a tag,
repeatable, all must match), ``sort`` (``id``, ``downloads``, ``likes``, ``createdAt``,
``lastModified``; ``direction=-1`` descending, the default for all but ``id``), ``limit`` (the
page size, at most 1,000), ``expand`` / ``expand[]`` (the fields to return besides ``id``),
``cursor`` (opaque), and the ``Link: <...>; rel="next"`` header to the following page.

The commit (``sha``) of a release is a hash of its card bytes and file list, so
:meth:`Catalogue.set_card` changes exactly that release's commit, as a push to the real Hub does.

:class:`RateLimit` is a fixed window over every request (the Hub's documented policy: ``N``
requests per 5-minute window; tests use a short window): every answer carries ``RateLimit:
"api";r=REMAINING;t=SECONDS`` and ``RateLimit-Policy: "fixed window";"api";q=N;w=WINDOW``; a
request over the limit gets HTTP 429 with ``Retry-After``. It records the most requests any
window served. :class:`ListingFaults` makes the next listing requests fail (5xx, or a body cut
short).
"""

from __future__ import annotations

import base64
import hashlib
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

MAX_PAGE = 1000
DEFAULT_PAGE = 1000
EXPANDABLE = frozenset(
    {
        "sha",
        "cardData",
        "siblings",
        "gated",
        "tags",
        "library_name",
        "pipeline_tag",
        "createdAt",
        "lastModified",
        "downloads",
        "likes",
        "author",
        "private",
    }
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PARSED: dict[Path, dict[str, Any] | None] = {}
"""Card metadata parsed once per process (a few real cards carry 700 KB of evaluation YAML)."""


def card_front_matter(text: str) -> dict[str, Any] | None:
    """The card's YAML metadata as the Hub parses it into ``cardData`` (None: absent/broken)."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    if end < 0:
        return None
    try:
        loaded = yaml.load(text[3:end], Loader=_LOADER)
    except yaml.YAMLError:
        return None
    return loaded if isinstance(loaded, dict) else None


def card_repo_id(card: Path) -> str:
    """``org_name.md`` -> ``org/name`` (the first ``_`` is the ``/``)."""
    org, _, name = card.stem.partition("_")
    return f"{org}/{name}"


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float)]
    return []


def hub_tags(card_data: dict[str, Any] | None) -> list[str]:
    """The tags the Hub derives from card metadata: its ``tags``, ``license:``, ``dataset:``,
    ``base_model:``, language codes, the library and the pipeline."""
    if not card_data:
        return []
    tags = _names(card_data.get("tags"))
    tags += [f"license:{name}" for name in _names(card_data.get("license"))]
    tags += [f"dataset:{name}" for name in _names(card_data.get("datasets"))]
    tags += [f"base_model:{name}" for name in _names(card_data.get("base_model"))]
    tags += _names(card_data.get("language"))
    for key in ("library_name", "pipeline_tag"):
        tags += _names(card_data.get(key))
    return list(dict.fromkeys(tags))


@dataclass
class ListedRelease:
    """One release as the listing shows it; ``card`` the README bytes (None: no card)."""

    repo_id: str
    files: list[str]
    card: bytes | None = None
    card_path: Path | None = None
    gated: bool = False
    downloads: int = 0
    created_at: str = "2023-01-01T00:00:00.000Z"
    last_modified: str = "2024-01-01T00:00:00.000Z"
    _card_data: dict[str, Any] | None = field(default=None, repr=False)
    _parsed: bool = field(default=False, repr=False)

    def card_bytes(self) -> bytes | None:
        if self.card is None and self.card_path is not None:
            return self.card_path.read_bytes()
        return self.card

    @property
    def card_data(self) -> dict[str, Any] | None:
        if not self._parsed:
            if self.card is None and self.card_path in _PARSED:
                self._card_data = _PARSED[self.card_path]
            else:
                raw = self.card_bytes()
                text = raw.decode("utf-8", errors="replace") if raw is not None else ""
                self._card_data = card_front_matter(text)
                if self.card is None and self.card_path is not None:
                    _PARSED[self.card_path] = self._card_data
            self._parsed = True
        return self._card_data

    @property
    def sha(self) -> str:
        digest = hashlib.sha1(self.repo_id.encode())
        digest.update(self.card_bytes() or b"")
        digest.update("\0".join(self.files).encode())
        return digest.hexdigest()

    def entry(self, fields: Iterable[str]) -> dict[str, Any]:
        """The listing entry with ``fields`` expanded (``id`` and ``_id`` always)."""
        data: dict[str, Any] = {
            "_id": hashlib.md5(self.repo_id.encode()).hexdigest()[:24],
            "id": self.repo_id,
        }
        values: dict[str, Callable[[], Any]] = {
            "sha": lambda: self.sha,
            "cardData": lambda: self.card_data,
            "siblings": lambda: [{"rfilename": path} for path in self.files],
            "gated": lambda: "manual" if self.gated else False,
            "tags": lambda: hub_tags(self.card_data),
            "library_name": lambda: (self.card_data or {}).get("library_name"),
            "pipeline_tag": lambda: (self.card_data or {}).get("pipeline_tag"),
            "createdAt": lambda: self.created_at,
            "lastModified": lambda: self.last_modified,
            "downloads": lambda: self.downloads,
            "likes": lambda: 0,
            "author": lambda: self.repo_id.split("/")[0],
            "private": lambda: False,
        }
        for name in fields:
            if name in values:
                value = values[name]()
                if value is not None or name in {"cardData", "gated"}:
                    data[name] = value
        return data


class Catalogue:
    """Every release the listing shows, in insertion order."""

    def __init__(self) -> None:
        self.releases: dict[str, ListedRelease] = {}

    def __len__(self) -> int:
        return len(self.releases)

    def add(self, release: ListedRelease) -> None:
        self.releases.setdefault(release.repo_id, release)

    def add_cards(self, cards_dir: Path, *, limit: int | None = None, copies: int = 1) -> int:
        """One card-only release per card file (and ``copies - 1`` mirrors); returns how many."""
        cards = sorted(cards_dir.glob("*.md"))
        cards = [card for card in cards if card.name != "SOURCE.md"][:limit]
        added = 0
        for copy in range(copies):
            for card in cards:
                repo_id = card_repo_id(card)
                if copy:
                    repo_id = f"mirror{copy}-{repo_id}"
                if repo_id in self.releases:
                    continue
                downloads = int(hashlib.sha1(repo_id.encode()).hexdigest()[:6], 16)
                self.add(ListedRelease(repo_id, ["README.md"], card_path=card, downloads=downloads))
                added += 1
        return added

    def set_card(self, repo_id: str, text: str) -> str:
        """Replace ``repo_id``'s card (a push): returns its new commit."""
        release = self.releases[repo_id]
        release.card, release.card_path, release._parsed = text.encode(), None, False
        if "README.md" not in release.files:
            release.files = sorted([*release.files, "README.md"])
        return release.sha

    def select(self, query: dict[str, list[str]]) -> list[ListedRelease]:
        """The releases a query matches, in its order."""
        found: Iterable[ListedRelease] = self.releases.values()
        search = (query.get("search") or [""])[0].lower()
        author = (query.get("author") or [""])[0]
        tags = query.get("filter") or []
        if search:
            found = [item for item in found if search in item.repo_id.lower()]
        if author:
            found = [item for item in found if item.repo_id.split("/")[0] == author]
        if tags:
            found = [item for item in found if set(tags) <= set(hub_tags(item.card_data))]
        order = (query.get("sort") or ["id"])[0]
        descending = (query.get("direction") or ["-1" if order != "id" else "1"])[0] == "-1"
        keys: dict[str, Callable[[ListedRelease], Any]] = {
            "downloads": lambda item: (item.downloads, item.repo_id),
            "likes": lambda item: (0, item.repo_id),
            "createdAt": lambda item: (item.created_at, item.repo_id),
            "lastModified": lambda item: (item.last_modified, item.repo_id),
        }
        key = keys.get(order, lambda item: item.repo_id)
        return sorted(found, key=key, reverse=descending)

    def page(self, query: dict[str, list[str]]) -> tuple[list[dict[str, Any]], str | None]:
        """One page of entries and the query of the next page (None: the last page)."""
        try:
            size = min(MAX_PAGE, max(1, int((query.get("limit") or [DEFAULT_PAGE])[0])))
        except ValueError:
            size = DEFAULT_PAGE
        start = _decode_cursor((query.get("cursor") or [""])[0])
        fields = [*query.get("expand", []), *query.get("expand[]", [])]
        matched = self.select(query)
        entries = [item.entry(fields) for item in matched[start : start + size]]
        if start + size >= len(matched):
            return entries, None
        following = {key: value for key, value in query.items() if key != "cursor"}
        following["cursor"] = [_encode_cursor(start + size)]
        return entries, urlencode(following, doseq=True)


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f'{{"$offset":{offset}}}'.encode()).decode()


def _decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        return max(0, int(text.split(":", 1)[1].rstrip("}")))
    except (ValueError, IndexError):
        return 0


class RateLimit:
    """A fixed window of ``limit`` requests per ``window`` seconds, over every request."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.lock = threading.Lock()
        self.window_start: float | None = None
        self.used = 0
        self.refused = 0
        self.most_in_a_window = 0

    def admit(self) -> tuple[bool, dict[str, str]]:
        """Whether this request is served, and the rate-limit headers to send."""
        with self.lock:
            now = self.clock()
            if self.window_start is None or now - self.window_start >= self.window:
                self.window_start, self.used = now, 0
            reset = max(1, math.ceil(self.window_start + self.window - now))
            allowed = self.used < self.limit
            if allowed:
                self.used += 1
                self.most_in_a_window = max(self.most_in_a_window, self.used)
            else:
                self.refused += 1
            remaining = max(0, self.limit - self.used)
        headers = {
            "RateLimit": f'"api";r={remaining};t={reset}',
            "RateLimit-Policy": f'"fixed window";"api";q={self.limit};w={math.ceil(self.window)}',
        }
        if not allowed:
            headers["Retry-After"] = str(reset)
        return allowed, headers


@dataclass
class ListingFaults:
    """The next ``server_errors`` listing requests answer ``status``; the next ``truncated``
    ones send half their body and close."""

    server_errors: int = 0
    status: int = 503
    truncated: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_fault(self) -> str | None:
        with self.lock:
            if self.server_errors:
                self.server_errors -= 1
                return "server-error"
            if self.truncated:
                self.truncated -= 1
                return "truncated"
        return None
