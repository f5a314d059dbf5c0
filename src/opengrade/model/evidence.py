"""Evidence: one fact about a release, with where it came from and how sure we are of it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from opengrade.model.evidence_kinds import ArtifactKind, EvidenceKind, LinkKind, Scope, Status
from opengrade.model.evidence_payloads import DetailValue, EvidencePayload, Payload
from opengrade.model.quick_init import quick_init

__all__ = [
    "ArtifactKind",
    "DetailValue",
    "Evidence",
    "EvidenceKind",
    "LinkKind",
    "Provenance",
    "Scope",
    "Status",
    "payloads",
]

P = TypeVar("P", bound=Payload)


@quick_init
@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact came from: a file and line span, a metadata field, or a URL."""

    path: str | None = None
    line: int | None = None
    end_line: int | None = None
    field: str | None = None
    url: str | None = None

    def __str__(self) -> str:
        if self.url and not self.path:
            return self.url
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.end_line is not None and self.end_line != self.line:
                where += f"-{self.end_line}"
        if self.field:
            where = f"{where} [{self.field}]" if where else f"[{self.field}]"
        return where or "(unknown)"


@quick_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact about a release: its typed payload (see :mod:`evidence_payloads`), where it came
    from, and whether we saw it or somebody says so."""

    payload: EvidencePayload
    provenance: Provenance
    status: Status = Status.DECLARED

    @property
    def kind(self) -> EvidenceKind:
        """The kind of fact, from the payload's type."""
        return self.payload.KIND


def payloads(items: Iterable[Evidence], kind: type[P]) -> Iterator[tuple[P, Evidence]]:
    """Each item whose payload is a ``kind``, with that payload typed.

    A release's evidence tuple is asked for one kind after another by every framework (dozens
    of times, and a card may hold thousands of evaluation results), so the second time the same
    tuple is asked, its items are grouped by payload type once (:func:`_grouped`)."""
    if type(items) is tuple and not kind.__subclasses__():
        latest = _recent[0] if _recent else None  # the common case: the tuple asked last
        if latest is not None and latest[0] is items and latest[1] is not None:
            grouped: _Grouped | None = latest[1]
        else:
            grouped = _grouped(items)
        if grouped is not None:
            found = grouped.get(kind, ())
            return ((item.payload, item) for item in found)  # type: ignore[misc]
    return ((item.payload, item) for item in items if isinstance(item.payload, kind))


_Grouped = dict[type, list[Evidence]]
_RECENT = 4
_GROUP_AT_ONCE = 64
"""A tuple this long is grouped the first time it is asked: a scan of it costs about as much."""
_recent: tuple[tuple[tuple[Evidence, ...], _Grouped | None], ...] = ()
"""The tuples asked for lately (the release's evidence and the few derived from it), most
recent first, each with its items by payload type once it was asked twice. Holding a tuple keeps
its identity from being reused; tuples cannot change."""


def _grouped(items: tuple[Evidence, ...]) -> _Grouped | None:
    """``items`` by exact payload type, in their order, when ``items`` was asked for lately too
    or is long (a single scan is cheaper for a short tuple asked once)."""
    global _recent
    recent = _recent
    for position, (known, grouped) in enumerate(recent):
        if known is items:
            if grouped is None:
                grouped = _by_type(items)
            if position or recent[0][1] is None:
                _recent = ((items, grouped), *recent[:position], *recent[position + 1 :])
            return grouped
    if len(items) < _GROUP_AT_ONCE:
        _recent = ((items, None), *recent[: _RECENT - 1])
        return None
    grouped = _by_type(items)
    _recent = ((items, grouped), *recent[: _RECENT - 1])
    return grouped


def _by_type(items: tuple[Evidence, ...]) -> _Grouped:
    grouped: _Grouped = {}
    for item in items:  # items only: no pair per item outliving the release
        grouped.setdefault(type(item.payload), []).append(item)
    return grouped
