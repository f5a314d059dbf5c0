"""A Hub release's ``base_model`` chain, read from the Hub by id (the functional form of
:meth:`HubSource.read_base_chain <opengrade.sources.hub.source.HubSource.read_base_chain>` and
:meth:`~opengrade.sources.hub.source.HubSource.read_bases`)."""

from __future__ import annotations

from typing import Any

from opengrade.model import ReleaseSnapshot
from opengrade.sources.hub.links import BaseChain
from opengrade.sources.hub.source import HubSource


def read_base_chain(repo_id: str, *, max_depth: int = 3, **options: Any) -> BaseChain:
    """``repo_id`` and its bases across the Hub; ``options`` are :class:`HubSource`'s."""
    return HubSource(repo_id, max_base_depth=max_depth, **options).read_base_chain()


def read_bases(
    snapshot: ReleaseSnapshot, *, max_depth: int = 3, **options: Any
) -> tuple[tuple[ReleaseSnapshot, ...], tuple[str, ...]]:
    """The bases a Hub release's card names, read from the Hub ``options`` name (the
    environment's by default); the source that read the release knows its own Hub:
    prefer its :meth:`~opengrade.sources.hub.source.HubSource.read_bases`."""
    return HubSource(snapshot.id, max_base_depth=max_depth, **options).read_bases(snapshot)
