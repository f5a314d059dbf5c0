"""The Ray engine: each job a Ray task on an existing cluster (``address``) or a local Ray
(``num_cpus=2``). The only module that imports ``ray`` (the ``ray`` extra)."""

from __future__ import annotations

from typing import Any

from opengrade.scan.engines.base import Engine, EngineError
from opengrade.scan.hub_worker import HubJob, grade_job
from opengrade.scan.worker import TargetOutcome

LOCAL_CPUS = 2


def _ray() -> Any:
    try:
        import ray  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise EngineError(
            "--engine ray needs Ray: pip install 'opengrade[ray]' (or use --engine local)"
        ) from None
    return ray


class RayEngine(Engine):
    """Jobs as Ray tasks; results fetched back to this process (the store's one writer)."""

    def __init__(self, *, address: str | None = None, workers: int | None = None) -> None:
        ray = self.ray = _ray()
        self.started_here = not ray.is_initialized()
        if self.started_here:
            try:
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:
                    ray.init(
                        num_cpus=workers or LOCAL_CPUS,
                        include_dashboard=False,
                        log_to_driver=False,
                        configure_logging=False,
                    )
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise EngineError(
                    f"cannot start Ray ({error}); check --ray-address, or run without it for "
                    "a local Ray"
                ) from None
        self.workers = int(ray.cluster_resources().get("CPU", 1))
        self.task = ray.remote(grade_job)
        self.running: list[Any] = []

    def submit(self, job: HubJob) -> None:
        self.running.append(self.task.remote(job))

    def finished(self, *, block: bool) -> list[list[TargetOutcome]]:
        if not self.running:
            return []
        done, self.running = self.ray.wait(
            self.running, num_returns=1, timeout=None if block else 0
        )
        more: list[Any] = []
        if self.running:
            more, self.running = self.ray.wait(
                self.running, num_returns=len(self.running), timeout=0
            )
        results: list[list[TargetOutcome]] = self.ray.get(done + more)
        return results

    def pending(self) -> int:
        return len(self.running)

    def close(self) -> None:
        if self.started_here:
            self.ray.shutdown()
