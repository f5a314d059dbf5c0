"""Where a Hub scan grades: ``local`` (this process, or a process pool sized to the machine)
or ``ray`` (Ray tasks on a cluster or a local Ray). Every engine takes :class:`HubJob` batches
and hands back their outcomes; the scan writes them to the store from one process."""

from __future__ import annotations

from opengrade.scan.engines.base import Engine, EngineError
from opengrade.scan.engines.choose import machine_workers, open_engine

__all__ = ["Engine", "EngineError", "machine_workers", "open_engine"]
