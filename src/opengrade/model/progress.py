"""Progress of an assessment: the stages it goes through, told to an injected observer.

The library never prints; a caller that wants to show progress passes an :class:`Observer`
to :func:`opengrade.assess` (the CLI draws a bar while hashing large releases, an inventory
could log one line per release).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Stage(StrEnum):
    """The steps of an assessment, in the order they run (hashing only when a BOM is built)."""

    READ = "read"
    EVIDENCE = "evidence"
    LICENSES = "licenses"
    FRAMEWORKS = "frameworks"
    HASHING = "hashing"


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """A stage starting for ``release`` (the target or the release id). Hashing events also
    carry the file and the bytes ``done`` of ``total``."""

    stage: Stage
    release: str
    path: str | None = None
    done: int | None = None
    total: int | None = None


class Observer(Protocol):
    """Receives progress events. Hashing events come from worker threads: be quick and
    thread-safe."""

    def notify(self, event: ProgressEvent) -> None:
        """Take one event."""


class SilentObserver:
    """The default observer: ignores every event."""

    def notify(self, event: ProgressEvent) -> None:
        """Ignore ``event``."""
