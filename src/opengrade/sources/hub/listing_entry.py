"""One entry of the Hub's model listing (``GET /api/models?expand[]=...``), parsed once into a
typed value. No network here; the lister is :mod:`opengrade.sources.hub.lister`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from opengrade.sources.hub.links import HUB_ID

EXPANDED_FIELDS = (
    "sha",
    "cardData",
    "siblings",
    "gated",
    "tags",
    "library_name",
    "pipeline_tag",
    "createdAt",
    "lastModified",
)
"""What a metadata-tier scan asks the listing for (``expand[]``): enough to grade each release
without a request of its own."""


@dataclass(frozen=True, slots=True)
class HubListingEntry:
    """A release as the listing shows it: id, commit, card metadata (the Hub's parse of the
    card's YAML; the card body is not in the listing), listed file names, gating, tags, library,
    pipeline and dates. ``raw`` is the entry's JSON text (what a worker process receives)."""

    repo_id: str
    commit: str
    card_data: Mapping[str, object] | None = field(default=None, hash=False, compare=False)
    files: tuple[str, ...] = ()
    files_listed: bool = False
    gated: str | None = None
    tags: tuple[str, ...] = ()
    library: str | None = None
    pipeline: str | None = None
    created_at: str | None = None
    last_modified: str | None = None
    raw: str = field(default="", compare=False)


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def parse_listing_entry(payload: object) -> HubListingEntry | None:
    """The typed entry, or None when it names no usable id or commit (the scan counts it)."""
    if not isinstance(payload, dict):
        return None
    repo_id, commit = payload.get("id"), payload.get("sha")
    if not isinstance(repo_id, str) or not HUB_ID.match(repo_id):
        return None
    if not isinstance(commit, str) or not commit:
        return None
    siblings = payload.get("siblings")
    files = tuple(
        entry["rfilename"]
        for entry in (siblings if isinstance(siblings, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("rfilename"), str)
    )
    card_data = payload.get("cardData")
    gated = payload.get("gated")
    return HubListingEntry(
        repo_id=repo_id,
        commit=commit,
        card_data=card_data if isinstance(card_data, dict) else None,
        files=files,
        files_listed=isinstance(siblings, list),
        gated=gated if isinstance(gated, str) and gated else None,
        tags=_strings(payload.get("tags")),
        library=_text(payload.get("library_name")),
        pipeline=_text(payload.get("pipeline_tag")),
        created_at=_text(payload.get("createdAt")),
        last_modified=_text(payload.get("lastModified")),
        raw=json.dumps(payload, sort_keys=True, separators=(",", ":")),
    )


def entry_from_raw(raw: str) -> HubListingEntry | None:
    """An entry from its ``raw`` JSON text (in a worker process)."""
    try:
        return parse_listing_entry(json.loads(raw))
    except ValueError:
        return None
