"""Aggregate queries over the latest grade of every release: counts by a summary column, by
finding code, the summary columns as rows (for exports), and the stored reports' lineage.

The statistics layer (:mod:`opengrade.stats`) reads the store only through :class:`Aggregates`;
nothing here recomputes a verdict.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from opengrade.store import schema
from opengrade.store.connection import transaction
from opengrade.store.store import Store

grades, releases, findings = schema.grades, schema.releases, schema.findings

COLUMNS = {
    "weights_open": grades.c.weights_open,
    "weights_license": grades.c.weights_license,
    "mof_class": grades.c.mof_class,
    "osaid_verdict": grades.c.osaid_verdict,
    "eu_status": grades.c.eu_status,
    "source": releases.c.source,
}
"""The summary columns counts can be grouped by."""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One release's latest grade, as its summary columns."""

    release_id: str
    source: str
    revision: str
    tool_version: str
    weights_license: str | None
    weights_open: bool | None
    mof_class: str | None
    mof_progress_i: float | None
    mof_progress_ii: float | None
    mof_progress_iii: float | None
    osaid_verdict: str
    eu_status: str
    findings_high: int
    findings_medium: int
    findings_low: int


@dataclass(frozen=True, slots=True)
class LineageRow:
    """A release's declared weights license and the bases its report names (id, base license)."""

    release_id: str
    weights_license: str | None
    bases: tuple[tuple[str, str | None], ...]


def _latest() -> ColumnElement[bool]:
    return releases.c.latest_grade_id == grades.c.id


class Aggregates:
    """Aggregates over ``store``'s latest grades."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def total(self) -> int:
        query = select(func.count()).select_from(releases.join(grades, _latest()))
        with transaction(self.engine, write=False) as connection:
            return int(connection.execute(query).scalar() or 0)

    def count_by(self, *names: str) -> list[tuple[tuple[object, ...], int]]:
        """Releases per distinct value of the ``names`` columns (see :data:`COLUMNS`)."""
        columns = [COLUMNS[name] for name in names]
        query = (
            select(*columns, func.count())
            .select_from(releases.join(grades, _latest()))
            .group_by(*columns)
        )
        with transaction(self.engine, write=False) as connection:
            rows = connection.execute(query).all()
        return [(tuple(row[:-1]), int(row[-1])) for row in rows]

    def findings_by_code(self) -> list[tuple[str, str, int]]:
        """(code, severity, releases with it) over the latest grades."""
        query = (
            select(findings.c.code, findings.c.severity, func.count(func.distinct(grades.c.id)))
            .select_from(releases.join(grades, _latest()).join(findings))
            .group_by(findings.c.code, findings.c.severity)
        )
        with transaction(self.engine, write=False) as connection:
            rows = connection.execute(query).all()
        return [(str(code), str(severity), int(count)) for code, severity, count in rows]

    def rows(self) -> Iterator[SummaryRow]:
        """Every latest grade's summary columns, by release id."""
        query = (
            select(
                releases.c.release_id,
                releases.c.source,
                grades.c.revision,
                grades.c.tool_version,
                grades.c.weights_license,
                grades.c.weights_open,
                grades.c.mof_class,
                grades.c.mof_progress_i,
                grades.c.mof_progress_ii,
                grades.c.mof_progress_iii,
                grades.c.osaid_verdict,
                grades.c.eu_status,
                grades.c.findings_high,
                grades.c.findings_medium,
                grades.c.findings_low,
            )
            .select_from(releases.join(grades, _latest()))
            .order_by(releases.c.release_id, releases.c.key)
        )
        with transaction(self.engine, write=False) as connection:
            for row in connection.execute(query):
                yield SummaryRow(**{str(key): value for key, value in row._mapping.items()})

    def lineage(self) -> Iterator[LineageRow]:
        """Each latest grade's declared bases, read from its stored report's lineage block."""
        query = (
            select(releases.c.release_id, grades.c.weights_license, grades.c.report)
            .select_from(releases.join(grades, _latest()))
            .order_by(releases.c.release_id, releases.c.key)
        )
        with transaction(self.engine, write=False) as connection:
            for release_id, license_, blob in connection.execute(query):
                try:
                    data = json.loads(zlib.decompress(blob))
                except (zlib.error, ValueError):
                    continue
                bases = tuple(
                    (str(item.get("base")), item.get("license"))
                    for item in data.get("lineage") or []
                    if isinstance(item, dict) and item.get("base")
                )
                if bases:
                    yield LineageRow(release_id, license_, bases)
