"""The portfolio's numbers: counts of the latest grades by every charted column (one pass over
the grades' covering index, see ``dashboard_queries.py``), grades over time, and the newest
changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import String, and_, cast, exists, func, select

from opengrade.store import schema
from opengrade.store.connection import transaction
from opengrade.store.dashboard_queries import unindexed_id
from opengrade.store.diff import diff_grades
from opengrade.store.reading import GRADE_COLUMNS, grade_from_row
from opengrade.store.records import GradeDiff
from opengrade.store.store import Store

grades = schema.grades
releases = schema.releases


@dataclass(frozen=True, slots=True)
class PortfolioCounts:
    """Counts of the latest grades: by weights expression, MOF class, OSAID verdict, EU status,
    weights openness; releases with findings of each severity and the findings themselves."""

    releases: int
    by_expression: Mapping[str, int]
    by_class: Mapping[str, int]
    by_verdict: Mapping[str, int]
    by_eu: Mapping[str, int]
    by_openness: Mapping[str, int]
    releases_with_findings: Mapping[str, int]
    findings: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Grades made in one period (a day ``YYYY-MM-DD`` or a month ``YYYY-MM``), by weights
    openness (``open``, ``closed``, ``unknown``)."""

    period: str
    counts: Mapping[str, int]


def _label(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "open" if value else "closed"
    return str(value)


def _add(counts: dict[str, int], name: str, count: int) -> None:
    counts[name] = counts.get(name, 0) + count


def portfolio_counts(store: Store) -> PortfolioCounts:
    """The portfolio's counts over every release's latest grade (one pass over the grades'
    covering index, grouped by every charted column)."""
    latest = select(releases.c.latest_grade_id).where(releases.c.latest_grade_id.is_not(None))
    severities = (grades.c.findings_high, grades.c.findings_medium, grades.c.findings_low)
    keys = (  # in the covering index's order: grouped as the index is read, no sorting
        grades.c.mof_class,
        grades.c.osaid_verdict,
        grades.c.eu_status,
        grades.c.weights_open,
        grades.c.weights_license,
        *severities,
    )
    query = select(*keys, func.count()).where(unindexed_id().in_(latest)).group_by(*keys)
    by: dict[str, dict[str, int]] = {
        name: {} for name in ("class", "verdict", "eu", "expression", "openness")
    }
    with_findings = {"high": 0, "medium": 0, "low": 0}
    findings = {"high": 0, "medium": 0, "low": 0}
    total = 0
    with transaction(store.engine, write=False) as connection:
        for row in connection.execute(query):
            mof, verdict, eu, is_open, expression, high, medium, low, count = row
            count = int(count)
            total += count
            _add(by["class"], _label(mof), count)
            _add(by["verdict"], _label(verdict), count)
            _add(by["eu"], _label(eu), count)
            _add(by["expression"], _label(expression), count)
            _add(by["openness"], "unknown" if is_open is None else _label(bool(is_open)), count)
            for level, found in zip(("high", "medium", "low"), (high, medium, low), strict=True):
                with_findings[level] += count if found else 0
                findings[level] += count * int(found or 0)
    ordered = {
        name: dict(sorted(values.items(), key=lambda item: (-item[1], item[0])))
        for name, values in by.items()
    }
    return PortfolioCounts(
        releases=total,
        by_expression=ordered["expression"],
        by_class=dict(sorted(by["class"].items())),
        by_verdict=ordered["verdict"],
        by_eu=ordered["eu"],
        by_openness=ordered["openness"],
        releases_with_findings=with_findings,
        findings=findings,
    )


def trend(store: Store, *, days_limit: int = 60) -> list[TrendPoint]:
    """Grades made per day (per month when they span more than ``days_limit`` days), by
    weights openness, oldest first."""
    day = func.substr(cast(grades.c.graded_at, String), 1, 10)
    query = select(day.label("day"), grades.c.weights_open, func.count()).group_by(
        day, grades.c.weights_open
    )
    with transaction(store.engine, write=False) as connection:
        rows = [
            (str(period), _label(value), int(count))
            for period, value, count in connection.execute(query)
        ]
    days = {period for period, _, _ in rows}
    width = 7 if len(days) > days_limit else 10
    buckets: dict[str, dict[str, int]] = {}
    for period, label, count in rows:
        name = "unknown" if label == "none" else label
        bucket = buckets.setdefault(period[:width], {"open": 0, "closed": 0, "unknown": 0})
        bucket[name] = bucket.get(name, 0) + count
    return [TrendPoint(period, counts) for period, counts in sorted(buckets.items())]


def latest_changes(store: Store, limit: int = 20, *, scan: int = 400) -> list[GradeDiff]:
    """The newest changed grades (each against the grade before it), newest first; looks at the
    ``scan`` newest grades that have a predecessor."""
    earlier = grades.alias("earlier")
    has_before = exists().where(
        and_(earlier.c.release_pk == grades.c.release_pk, earlier.c.id < grades.c.id)
    )
    newest = (
        select(*GRADE_COLUMNS, grades.c.release_pk)
        .join(releases, releases.c.id == grades.c.release_pk)
        .where(has_before)
        .order_by(grades.c.id.desc())
        .limit(scan)
    )
    found: list[GradeDiff] = []
    with transaction(store.engine, write=False) as connection:
        for row in connection.execute(newest).all():
            before_row = connection.execute(
                select(*GRADE_COLUMNS)
                .join(releases, releases.c.id == grades.c.release_pk)
                .where(grades.c.release_pk == row.release_pk, grades.c.id < row.id)
                .order_by(grades.c.id.desc())
                .limit(1)
            ).first()
            if before_row is None:
                continue
            item = diff_grades(grade_from_row(before_row), grade_from_row(row))
            if item.changed:
                found.append(item)
            if len(found) >= limit:
                break
    return found
