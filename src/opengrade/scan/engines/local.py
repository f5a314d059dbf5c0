"""The local engine: this process (one worker), or a process pool (CPU-bound grading spread
over the machine while the scan keeps listing)."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from opengrade.scan.engines.base import Engine
from opengrade.scan.hub_worker import HubJob, grade_job
from opengrade.scan.worker import TargetOutcome


class InProcessEngine(Engine):
    """Grades each job when it is submitted, in this process."""

    def __init__(self) -> None:
        self.done: list[list[TargetOutcome]] = []

    def submit(self, job: HubJob) -> None:
        self.done.append(grade_job(job))

    def finished(self, *, block: bool) -> list[list[TargetOutcome]]:
        done, self.done = self.done, []
        return done

    def pending(self) -> int:
        return len(self.done)


class PoolEngine(Engine):
    """A process pool of ``workers`` processes."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers)
        self.running: set[Future[list[TargetOutcome]]] = set()

    def submit(self, job: HubJob) -> None:
        self.running.add(self.pool.submit(grade_job, job))

    def finished(self, *, block: bool) -> list[list[TargetOutcome]]:
        if not self.running:
            return []
        done, self.running = wait(
            self.running, timeout=None if block else 0, return_when=FIRST_COMPLETED
        )
        return [future.result() for future in done]

    def pending(self) -> int:
        return len(self.running)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
