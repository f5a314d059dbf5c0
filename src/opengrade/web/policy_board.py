"""The policy as the dashboard shows it: each release's verdict (waivers applied), the
violations, the waivers and those expiring soon. Verdicts are cached per stored grade."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from opengrade.model.report import Report
from opengrade.policy.check import release_check
from opengrade.policy.model import Policy, ReleaseCheck, Waiver, WaiverUse
from opengrade.policy.waivers import apply_waivers
from opengrade.store import Grade

EXPIRING_DAYS = 30
OVERVIEW_LIMIT = 2_000
"""The portfolio and /policy evaluate at most this many releases per request (the rest are
evaluated when their page is opened)."""


@dataclass(frozen=True, slots=True)
class PolicyOverview:
    """Checked releases (waivers applied), what became of each waiver, those expiring within
    :data:`EXPIRING_DAYS`, and whether every release was evaluated."""

    checks: tuple[ReleaseCheck, ...]
    waivers: tuple[WaiverUse, ...]
    expiring: tuple[Waiver, ...]
    complete: bool


class PolicyBoard:
    """A policy evaluated over stored grades; ``report_of`` reads a grade's stored report."""

    def __init__(
        self, policy: Policy, report_of: Callable[[Grade], Report], today: date | None = None
    ) -> None:
        self.policy = policy
        self.report_of = report_of
        self.today = today or date.today()
        self._cache: dict[int, ReleaseCheck] = {}
        self._lock = threading.Lock()

    def check(self, grade: Grade) -> ReleaseCheck:
        """The release's check with waivers applied (cached per grade)."""
        with self._lock:
            found = self._cache.get(grade.grade_id)
        if found is not None:
            return found
        checked = release_check(
            self.policy, grade.release_id, self.report_of(grade), revision=grade.revision
        )
        (applied,), _ = apply_waivers(self.policy, (checked,), self.today)
        with self._lock:
            self._cache[grade.grade_id] = applied
        return applied

    def verdict(self, grade: Grade) -> str:
        return str(self.check(grade).verdict)

    def overview(self, grades: list[Grade], *, complete: bool) -> PolicyOverview:
        checks = tuple(self.check(grade) for grade in grades)
        plain = tuple(
            release_check(self.policy, c.release, self.report_of(g), revision=g.revision)
            for c, g in zip(checks, grades, strict=True)
            if any(w.release.lower() == c.release.lower() for w in self.policy.waivers)
        )
        _, uses = apply_waivers(self.policy, plain, self.today)
        horizon = self.today + timedelta(days=EXPIRING_DAYS)
        expiring = tuple(w for w in self.policy.waivers if self.today <= w.expires <= horizon)
        return PolicyOverview(checks, uses, expiring, complete)
