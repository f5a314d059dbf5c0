"""The engine interface: submit jobs, collect finished results, close."""

from __future__ import annotations

import os
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


def machine_workers() -> int:
    """Worker processes for this machine: its usable CPUs."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def open_engine(name: str, *, jobs: int | None = None, ray_address: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``ray``)."""
    if name == "ray":
        from opengrade.scan.engines.ray_engine import RayEngine

        return RayEngine(address=ray_address, workers=jobs)
    from opengrade.scan.engines.local import InProcessEngine, PoolEngine

    count = jobs if jobs is not None else machine_workers()
    return InProcessEngine() if count <= 1 else PoolEngine(count)
