"""The Hugging Face Hub source: read a release by id without downloading its weights.

The public reader: :class:`HubSource` (``read()``, ``read_bases(snapshot)``,
``read_base_chain()``), the functional forms :func:`read_bases` and :func:`read_base_chain`,
and the Hub's errors. Names load on first use, so reading the model-info parser (which local
copies of Hub listings share) never imports the Hub client.

Modules: ``source`` (the reader), ``model_info`` (the Hub's model info as a typed value),
``links`` (datasets and base models a card names), ``listing`` (texts), ``range`` (weights
headers), ``http`` (requests, retries), ``cache``, ``settings``, ``errors``, ``bases``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opengrade.sources.hub.bases import read_base_chain, read_bases
    from opengrade.sources.hub.errors import (
        HubAccessError,
        HubOfflineError,
        HubRateLimitError,
        HubResponseError,
        HubServerError,
        HubTimeoutError,
    )
    from opengrade.sources.hub.links import BaseChain, BaseLink, looks_like_hub_id
    from opengrade.sources.hub.model_info import HubModelInfo
    from opengrade.sources.hub.range import HEADER_PREFETCH
    from opengrade.sources.hub.source import HubSource

__all__ = [
    "HEADER_PREFETCH",
    "BaseChain",
    "BaseLink",
    "HubAccessError",
    "HubModelInfo",
    "HubOfflineError",
    "HubRateLimitError",
    "HubResponseError",
    "HubServerError",
    "HubSource",
    "HubTimeoutError",
    "looks_like_hub_id",
    "read_base_chain",
    "read_bases",
]

_HOME = {
    "HEADER_PREFETCH": "range",
    "BaseChain": "links",
    "BaseLink": "links",
    "HubAccessError": "errors",
    "HubModelInfo": "model_info",
    "HubOfflineError": "errors",
    "HubRateLimitError": "errors",
    "HubResponseError": "errors",
    "HubServerError": "errors",
    "HubSource": "source",
    "HubTimeoutError": "errors",
    "looks_like_hub_id": "links",
    "read_base_chain": "bases",
    "read_bases": "bases",
}


def __getattr__(name: str) -> Any:
    """Load the public names lazily."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'opengrade.sources.hub' has no attribute {name!r}")
    return getattr(importlib.import_module(f"opengrade.sources.hub.{module}"), name)
