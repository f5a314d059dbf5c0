"""What a Hub release names beyond itself: datasets, base models, code repositories.

Pure functions over the card metadata the Hub parsed (``cardData``) and the card's text; the
network side lives in :mod:`opengrade.sources.hub`. Ids are kept as written, validated for shape
only (an id that cannot be a Hub id is dropped, never guessed at).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,96}$")
"""``org/name`` as the Hub spells repository ids."""

_DATASET_ID = re.compile(r"^(?:[A-Za-z0-9][\w.-]{0,95}/)?[A-Za-z0-9][\w.-]{0,95}$")
"""A dataset id: ``org/name``, or a bare ``name`` (the Hub's legacy canonical datasets)."""

_DATASET_LINK = re.compile(
    r"huggingface\.co/datasets/([A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?)"
)
_CODE_LINK = re.compile(
    r"https?://(?:www\.)?(github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/"
    r"([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*)"
)
_NOT_REPOSITORIES = frozenset({"orgs", "sponsors", "topics", "features", "settings", "about"})


def looks_like_hub_id(target: str) -> bool:
    """True for ``org/name`` that is not an existing local path (the CLI's target resolution)."""
    if not HUB_ID.match(target) or ".." in target or target.endswith((".", "-")):
        return False
    return not Path(target).exists()


def _strings(value: object) -> list[str]:
    """A metadata value that is a string or a list of strings, as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _clean_dataset_id(raw: str) -> str | None:
    cleaned = raw.strip().removeprefix("datasets/").removesuffix(".git").rstrip("/.")
    return cleaned if _DATASET_ID.match(cleaned) else None


def dataset_ids(
    card_data: Mapping[str, object] | None, card_text: str | None, *, limit: int = 32
) -> tuple[str, ...]:
    """Datasets a release names: ``datasets:`` metadata first, then Hub dataset links in the text.

    At most ``limit`` ids, in order of appearance, without duplicates.
    """
    found: list[str] = []
    for raw in _strings((card_data or {}).get("datasets")):
        cleaned = _clean_dataset_id(raw)
        if cleaned:
            found.append(cleaned)
    for match in _DATASET_LINK.finditer(card_text or ""):
        cleaned = _clean_dataset_id(match.group(1))
        if cleaned:
            found.append(cleaned)
    return _unique(found)[:limit]


def base_model_ids(card_data: Mapping[str, object] | None) -> tuple[str, ...]:
    """The ``base_model`` metadata (a string or a list) as Hub ids, in order, without duplicates."""
    found = []
    for raw in _strings((card_data or {}).get("base_model")):
        cleaned = raw.strip().removeprefix("https://huggingface.co/").rstrip("/")
        if HUB_ID.match(cleaned):
            found.append(cleaned)
    return _unique(found)


def code_repositories(card_text: str | None, *, limit: int = 16) -> tuple[str, ...]:
    """Code repository URLs (GitHub, GitLab, Codeberg, Bitbucket) the card text links to."""
    found = []
    for match in _CODE_LINK.finditer(card_text or ""):
        host, owner, name = match.groups()
        if owner.lower() in _NOT_REPOSITORIES:
            continue
        found.append(f"https://{host}/{owner}/{name.removesuffix('.git').rstrip('.')}")
    return _unique(found)[:limit]
