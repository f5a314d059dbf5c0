"""A progress bar on stderr for hashing large releases (only on a terminal): an assessment
observer that draws the ``hashing`` events and ignores the others."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from opengrade.model.progress import ProgressEvent

LARGE_RELEASE_BYTES = 256 * 1024 * 1024


class _HashingBar:
    """Draws the bytes hashed so far, over every file."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress = progress
        self.task = task
        self.lock = threading.Lock()
        self.done: dict[str, int] = {}

    def notify(self, event: ProgressEvent) -> None:
        from opengrade.model.progress import Stage

        if event.stage is not Stage.HASHING or event.path is None:
            return
        with self.lock:
            self.done[event.path] = event.done or 0
            self.progress.update(self.task, completed=sum(self.done.values()))


@contextmanager
def hashing_progress(total_bytes: int) -> Iterator[_HashingBar | None]:
    """An observer that draws a bar for releases over 256 MiB on a terminal, else None."""
    if total_bytes < LARGE_RELEASE_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    with Progress(
        "hashing", BarColumn(), DownloadColumn(), TransferSpeedColumn(), transient=True
    ) as progress:
        yield _HashingBar(progress, progress.add_task("hashing", total=total_bytes))
