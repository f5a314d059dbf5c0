"""What every request handler shares: the store, the policy board, the write token, and the
lookups of a release and its stored report."""

from __future__ import annotations

from dataclasses import dataclass

from opengrade.formats.report_reader import load_report
from opengrade.model.report import Report
from opengrade.store import Grade, Store
from opengrade.store.dashboard_queries import copies_of
from opengrade.web.params import release_name
from opengrade.web.policy_board import PolicyBoard


class NotFound(LookupError):
    """The store holds nothing by that name; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The served store, the policy board (None without ``--policy``) and the write token."""

    store: Store
    policy: PolicyBoard | None = None
    token: str | None = None

    def report(self, grade: Grade) -> Report:
        return load_report(self.store.report_text(grade))

    def policy_verdict(self, grade: Grade) -> str:
        return self.policy.verdict(grade) if self.policy else ""


@dataclass(frozen=True, slots=True)
class StoredRelease:
    """One release as the store holds it: its key, the other copies of its id, and its
    history (oldest first; the last is the latest grade)."""

    release_id: str
    key: str
    copies: tuple[str, ...]
    history: tuple[Grade, ...]

    @property
    def latest(self) -> Grade:
        return self.history[-1]

    def grade(self, grade_id: int | None) -> Grade:
        """The grade ``grade_id`` of this release (the latest when None)."""
        if grade_id is None:
            return self.latest
        for item in self.history:
            if item.grade_id == grade_id:
                return item
        raise NotFound(f"{self.release_id} has no stored grade #{grade_id}")


def find_release(
    dashboard: Dashboard, organisation: str, name: str, key: str | None = None
) -> StoredRelease:
    """The stored release ``organisation/name`` (the copy ``key`` when given), or NotFound."""
    release_id = release_name(organisation, name)
    keys = copies_of(dashboard.store, release_id)
    if not keys:
        raise NotFound(f"the store holds no release {release_id!r}; scan it with 'opengrade scan'")
    chosen = key if key in keys else keys[0]
    history = tuple(dashboard.store.history(chosen))
    return StoredRelease(release_id, chosen, tuple(keys), history)


def find_by_id(dashboard: Dashboard, text: str) -> StoredRelease:
    """A release named ``org/name`` (as /compare takes it), or NotFound."""
    organisation, _, name = text.strip().partition("/")
    if not name:
        organisation, name = "_", organisation
    return find_release(dashboard, organisation, name)
