"""Where the Hub is, who asks, where its cache lives, and the retry policy; offline mode."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class HubSettings:
    """Where the Hub is, who asks, where its cache lives, and the retry policy."""

    endpoint: str
    token: str | None
    cache_dir: str
    timeout: float
    max_attempts: int
    max_wait: float
    backoff: float
    deadline: float = 30.0

    @classmethod
    def from_environment(
        cls,
        endpoint: str | None,
        token: str | None,
        cache_dir: str | Path | None,
        *,
        defaults: tuple[str, str],
        retries: tuple[int, float],
        timeout: float,
        deadline: float = 30.0,
    ) -> HubSettings:
        """Explicit values first, then the environment at call time (``HF_ENDPOINT``,
        ``HF_TOKEN``, ``HF_HUB_CACHE``, ``HF_HOME``), then ``defaults`` (endpoint, cache)."""
        environ = os.environ
        hub_cache = environ.get("HF_HUB_CACHE") or (
            str(Path(environ["HF_HOME"]) / "hub") if environ.get("HF_HOME") else None
        )
        return cls(
            endpoint=(endpoint or environ.get("HF_ENDPOINT") or defaults[0]).rstrip("/"),
            token=token or environ.get("HF_TOKEN") or None,
            cache_dir=str(cache_dir or hub_cache or defaults[1]),
            timeout=timeout,
            max_attempts=max(1, retries[0]),
            max_wait=30.0,
            backoff=retries[1],
            deadline=deadline,
        )


def offline_mode(default: bool) -> bool:
    """``HF_HUB_OFFLINE`` as set now, else ``default`` (the client's value at import)."""
    flag = os.environ.get("HF_HUB_OFFLINE", "").strip().lower()
    return flag in {"1", "true", "yes", "on"} or default
