"""Choosing an engine by name, with a worker count sized to the machine."""

from __future__ import annotations

import os

from opengrade.scan.engines.base import Engine


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
