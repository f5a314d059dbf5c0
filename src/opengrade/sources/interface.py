"""The source seam: a Source only fetches, and produces one read-only ReleaseSnapshot."""

from __future__ import annotations

from abc import ABC, abstractmethod

from opengrade.model import ReleaseSnapshot


class Source(ABC):
    """Reads one release. Raises :class:`opengrade.errors.SourceError` only when there is no
    release to look at; everything else that goes wrong becomes a ``Problem`` in the snapshot."""

    @abstractmethod
    def read(self) -> ReleaseSnapshot:
        """Read the release into a snapshot."""
