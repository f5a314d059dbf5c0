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

    def read_bases(
        self, snapshot: ReleaseSnapshot
    ) -> tuple[tuple[ReleaseSnapshot, ...], tuple[str, ...]]:
        """The base models ``snapshot`` names that this source can read itself (the Hub reads
        them from the same Hub), and why some could not be read, as messages. A source that
        cannot follow bases reads none: local bases come from ``--base``."""
        return (), ()
