"""A Hub release's ``base_model`` chain, each base read from the Hub the release came from.

Both functions are re-exported by :mod:`opengrade.sources.hub` (their home in the public API);
they build a :class:`~opengrade.sources.hub.HubSource`, imported when called since ``hub``
imports this module. The chain walk itself is :func:`~opengrade.sources.hub_links.walk_bases`.
"""

from __future__ import annotations

from typing import Any

from opengrade.model import ReleaseSnapshot, SourceKind
from opengrade.sources.hub_links import BaseChain, card_base_models, walk_bases


def read_base_chain(repo_id: str, *, max_depth: int = 3, **options: Any) -> BaseChain:
    """``repo_id`` and its bases across the Hub; ``options`` are :class:`HubSource`'s."""
    from opengrade.sources.hub import HubSource  # hub re-exports this module: import at call

    return HubSource(repo_id, max_base_depth=max_depth, **options).read_base_chain()


def read_bases(
    snapshot: ReleaseSnapshot, *, max_depth: int = 3, **options: Any
) -> tuple[tuple[ReleaseSnapshot, ...], tuple[str, ...]]:
    """The bases a Hub release's card names (``base_model``), read from the Hub it came from.

    Follows the bases' own ``base_model`` breadth first to ``max_depth``, each read once; the
    release itself is not read again. Bases are read for their terms: files and texts, without
    weights headers or datasets (``options``, :class:`HubSource`'s, can say otherwise). Returns
    the base snapshots (``id`` the base's repository id) and problems as messages: a base that
    cannot be read, a cycle, a base beyond the depth. Not a Hub snapshot: nothing to follow.
    """
    if snapshot.source is not SourceKind.HUB:
        return (), ()
    named, problems = card_base_models(snapshot)
    if not named:
        return (), problems
    marker = f"/{snapshot.id}/tree/"
    if marker in snapshot.location:
        options.setdefault("endpoint", snapshot.location.rsplit(marker, 1)[0])
    options.setdefault("max_weight_headers", 0)
    options.setdefault("follow_datasets", False)
    from opengrade.sources.hub import HubSource  # hub re-exports this module: import at call

    source = HubSource(snapshot.id, max_base_depth=max_depth, **options)

    def read(repo_id: str) -> tuple[ReleaseSnapshot, tuple[str, ...]]:
        if repo_id == snapshot.id:
            return snapshot, named
        return source.for_repository(repo_id)._read()

    chain = walk_bases(snapshot.id, read, max_depth)
    bases = tuple(link.snapshot for link in chain.links[1:])
    return bases, problems + tuple(problem.message for problem in chain.problems)
