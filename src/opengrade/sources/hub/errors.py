"""The errors of the Hub source, each a :class:`~opengrade.errors.SourceError`.

SourceError
 ├── ReleaseNotFound     404, an unknown revision, or a private repository without access
 ├── HubAccessError      401/403: gated, or the token has no access
 ├── HubRateLimitError   429, still after the retries
 ├── HubServerError      5xx or the Hub unreachable, still after the retries
 ├── HubTimeoutError     no answer within the timeout (twice), or none complete by the deadline
 ├── HubResponseError    a truncated or malformed answer, a range not honoured, or a listed
 │                       file that is missing
 └── HubOfflineError     HF_HUB_OFFLINE and nothing in the cache
"""

from __future__ import annotations

from opengrade.errors import SourceError

__all__ = [
    "HubAccessError",
    "HubOfflineError",
    "HubRateLimitError",
    "HubResponseError",
    "HubServerError",
    "HubTimeoutError",
]


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
