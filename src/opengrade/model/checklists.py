"""The release's checklists: evaluation disclosure and reproducibility readiness, each item
met, not met or declared only, with the evidence behind it and its MOF and OSAID mapping."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opengrade.model.quick_init import quick_init


class ChecklistStatus(StrEnum):
    """``met``: the release shows it; ``declared``: only named or linked, not read;
    ``not_met``: nothing in the evidence."""

    MET = "met"
    DECLARED = "declared"
    NOT_MET = "not_met"


@quick_init
@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One item: its status, why, where (provenance strings), and what it maps to."""

    id: str
    name: str
    status: ChecklistStatus
    reason: str
    evidence: tuple[str, ...]
    mof: str
    osaid: str


@quick_init
@dataclass(frozen=True, slots=True)
class Checklist:
    """A named checklist with its version and items."""

    id: str
    name: str
    version: str
    items: tuple[ChecklistItem, ...]

    @property
    def met(self) -> int:
        """How many items are met."""
        return sum(item.status is ChecklistStatus.MET for item in self.items)
