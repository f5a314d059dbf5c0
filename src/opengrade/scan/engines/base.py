"""The engine interface: submit jobs, collect finished results, close."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType

from opengrade.errors import OpengradeError
from opengrade.scan.hub_worker import HubJob
from opengrade.scan.worker import TargetOutcome


class EngineError(OpengradeError):
    """An engine that cannot start (Ray not installed, a cluster unreachable)."""


class Engine(ABC):
    """Grades :class:`HubJob` batches somewhere; results come back in completion order."""

    workers: int = 1

    @abstractmethod
    def submit(self, job: HubJob) -> None:
        """Start ``job``."""

    @abstractmethod
    def finished(self, *, block: bool) -> list[list[TargetOutcome]]:
        """The outcomes of jobs finished since the last call (``block``: wait for one)."""

    @abstractmethod
    def pending(self) -> int:
        """Jobs submitted and not yet collected."""

    def close(self) -> None:  # noqa: B027 - most engines hold nothing to release
        """Release the workers."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
