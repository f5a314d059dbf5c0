"""A progress bar on stderr for hashing large releases (only on a terminal)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.bom.hashing import HashProgress

LARGE_RELEASE_BYTES = 256 * 1024 * 1024


@contextmanager
def hashing_progress(total_bytes: int) -> Iterator[Callable[[HashProgress], None] | None]:
    """An observer that draws a bar for releases over 256 MiB on a terminal, else None."""
    if total_bytes < LARGE_RELEASE_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    lock = threading.Lock()
    done: dict[str, int] = {}
    with Progress(
        "hashing", BarColumn(), DownloadColumn(), TransferSpeedColumn(), transient=True
    ) as progress:
        task = progress.add_task("hashing", total=total_bytes)

        def observe(event: HashProgress) -> None:
            with lock:
                done[str(event.path)] = event.bytes_done
                progress.update(task, completed=sum(done.values()))

        yield observe
