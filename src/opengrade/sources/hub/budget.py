"""A request budget: at most N requests in any window of W seconds (the Hub counts requests per
5-minute window), shared by every thread of a scan, with the time it made the scan wait.

Pure Python (no network): the clock and the sleep are injectable, so tests use short windows.
The rate-limit headers the Hub sends (``RateLimit: "api";r=R;t=T`` and ``RateLimit-Policy:
"fixed window";"api";q=Q;w=W``, IETF draft 09) are read by :func:`rate_limit_wait`.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

HUB_WINDOW_SECONDS = 300.0
"""The Hub's documented window: limits are per 5 minutes."""

_RATELIMIT = re.compile(r'"(?P<bucket>\w+)"\s*;\s*r\s*=\s*(?P<r>\d+)\s*;\s*t\s*=\s*(?P<t>\d+)')


_WAITED = [0.0, 0.0]
"""Seconds this process's requests waited (the union of the waits of its threads), and when the
latest wait counted ended."""
_WAITED_LOCK = threading.Lock()


def record_wait_since(started: float) -> None:
    """Count the wait that began at ``started`` (``time.monotonic()``) and ends now, for a
    request budget or the Hub's rate limit, from any thread (a release's files are read by a
    small pool). Waits are counted as they end, so time another thread already waited through
    is not counted twice: the total is wall time spent waiting, as it really passed."""
    now = time.monotonic()
    with _WAITED_LOCK:
        start = max(started, _WAITED[1])
        if now > start:
            _WAITED[0] += now - start
        _WAITED[1] = max(_WAITED[1], now)


def waited_here() -> float:
    """Seconds this process's requests have waited so far (take the difference around a piece
    of work: a files-tier worker, which grades one release at a time, reports each release's
    waits so)."""
    with _WAITED_LOCK:
        return _WAITED[0]


class RequestBudget:
    """Admit at most ``max_requests`` per ``window`` seconds (None: no budget of our own; the
    Hub's 429 answers are still honoured). :attr:`waited` sums every wait it imposed."""

    def __init__(
        self,
        max_requests: int | None = None,
        window: float = HUB_WINDOW_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_requests is not None and max_requests < 1:
            raise ValueError("a request budget must allow at least one request per window")
        self.max_requests, self.window = max_requests, window
        self.clock, self.sleep = clock, sleep
        self.lock = threading.Lock()
        self.sent: deque[list[float]] = deque()
        self.requests = 0
        self.waited = 0.0
        self.blocked_until = 0.0

    def acquire(self) -> list[float]:
        """Wait (sleeping) until one more request fits the budget, then count it. Returns its
        slot: pass it to :meth:`finish` when the answer is in."""
        while True:
            with self.lock:
                now = self.clock()
                while self.sent and now - self.sent[0][0] >= self.window:
                    self.sent.popleft()
                wait = max(0.0, self.blocked_until - now)
                if not wait and (self.max_requests is None or len(self.sent) < self.max_requests):
                    slot = [now]
                    self.sent.append(slot)
                    self.requests += 1
                    return slot
                if not wait:
                    wait = self.sent[0][0] + self.window - now
                self.waited += wait
            started = time.monotonic()
            self.sleep(wait)
            record_wait_since(started)

    def finish(self, slot: list[float]) -> None:
        """The request of ``slot`` is answered: its window runs from now. The Hub counted it on
        arrival, somewhere between sending and now; counting from now keeps the next request
        of the same slot a full window after the Hub saw this one, whatever the latency."""
        with self.lock:
            slot[0] = self.clock()

    def block_for(self, seconds: float) -> None:
        """The Hub asked every request to wait ``seconds`` (a 429); later acquires wait too."""
        with self.lock:
            self.blocked_until = max(self.blocked_until, self.clock() + seconds)


def rate_limit_wait(headers: Mapping[str, str], cap: float) -> float | None:
    """Seconds a 429 asks to wait: the ``RateLimit`` header's ``t`` (seconds to the window's
    reset), else ``Retry-After``; None when neither is readable. At most ``cap``."""
    match = _RATELIMIT.search(headers.get("ratelimit", "") or headers.get("RateLimit", ""))
    if match:
        return min(cap, float(match.group("t")))
    value = headers.get("retry-after") or headers.get("Retry-After")
    try:
        return min(cap, max(0.0, float(value))) if value is not None else None
    except ValueError:
        return None


class BudgetedSession:
    """A client session factory whose streamed requests each take a slot of ``budget`` (the
    Hub source's requests, in a files-tier scan). Called, it returns itself; ``stream`` is the
    one method the Hub source's HTTP layer uses."""

    def __init__(self, budget: RequestBudget, session: Callable[[], Any]) -> None:
        self.budget, self.session = budget, session

    def __call__(self) -> BudgetedSession:
        return self

    @contextmanager
    def stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        slot = self.budget.acquire()
        try:
            with self.session().stream(*args, **kwargs) as response:
                yield response
        finally:
            self.budget.finish(slot)


def split_budget(max_requests: int, workers: int) -> tuple[int, int]:
    """(the lister's share, each worker's share) of ``max_requests`` per window, so that
    their sum never exceeds it: the lister needs few requests (one per 1,000 releases)."""
    lister = max(1, max_requests // (4 * (workers + 1)))
    return lister, max(1, (max_requests - lister) // workers)
