"""The dashboard's queries: a sorted, filtered, paged release table; counts for the portfolio's
charts; a trend from the history; the latest changes; the copies of one release id.

Built on the store's tables and row reader (``reading.py``); extra indexes for the table's sort
orders are created once by :func:`ensure_dashboard_indexes` (``CREATE INDEX IF NOT EXISTS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, and_, cast, exists, func, literal, or_, select, text

from opengrade.store import schema
from opengrade.store.connection import transaction
from opengrade.store.diff import diff_grades
from opengrade.store.reading import GRADE_COLUMNS, grade_from_row
from opengrade.store.records import Grade, GradeDiff
from opengrade.store.store import Store

grades = schema.grades
releases = schema.releases

SORTS = ("release", "graded", "class", "verdict", "findings")
"""The table's sort orders (``-`` before one reverses it)."""

_INDEXES = (
    "CREATE INDEX IF NOT EXISTS dashboard_grades_class ON grades (mof_class, id)",
    "CREATE INDEX IF NOT EXISTS dashboard_grades_verdict ON grades (osaid_verdict, id)",
    "CREATE INDEX IF NOT EXISTS dashboard_grades_license ON grades (weights_license, id)",
    "CREATE INDEX IF NOT EXISTS dashboard_grades_findings ON grades (findings_high, id)",
    "CREATE INDEX IF NOT EXISTS dashboard_releases_latest ON releases (latest_grade_id)",
)


@dataclass(frozen=True, slots=True)
class TableQuery:
    """What the release table shows: filters (None: any), sort order and page.

    ``license_key`` matches a concluded weights license key as a whole word of the expression
    (``llama3.1`` matches ``LicenseRef-llama3.1``); ``expressions`` keeps the releases whose
    weights expression is one of these (how a license category is filtered); ``organisation``
    is the part of the release id before ``/``; ``text`` any part of the id;
    ``without_license`` keeps releases whose weights have no concluded expression."""

    license_key: str | None = None
    expressions: tuple[str, ...] | None = None
    without_license: bool = False
    mof_class: str | None = None
    osaid_verdict: str | None = None
    eu_status: str | None = None
    finding_code: str | None = None
    organisation: str | None = None
    text: str | None = None
    sort: str = "release"
    descending: bool = False
    limit: int = 50
    offset: int = 0


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


def ensure_dashboard_indexes(store: Store) -> None:
    """Create the table's sort indexes if the store lacks them (cheap when present)."""
    with transaction(store.engine, write=True) as connection:
        for statement in _INDEXES:
            connection.execute(text(statement))


def _filtered(query: Any, table: TableQuery) -> Any:
    if table.license_key:
        spaced = func.lower(
            literal(" ")
            + func.replace(func.replace(grades.c.weights_license, "(", " "), ")", " ")
            + literal(" ")
        )
        key = table.license_key.lower()
        query = query.where(
            or_(spaced.contains(f" {key} "), spaced.contains(f" licenseref-{key} "))
        )
    if table.expressions is not None:
        query = query.where(grades.c.weights_license.in_(table.expressions))
    if table.without_license:
        query = query.where(grades.c.weights_license.is_(None))
    if table.mof_class:
        column = grades.c.mof_class
        query = query.where(
            column.is_(None) if table.mof_class == "none" else column == table.mof_class
        )
    if table.osaid_verdict:
        query = query.where(grades.c.osaid_verdict == table.osaid_verdict)
    if table.eu_status:
        query = query.where(grades.c.eu_status == table.eu_status)
    if table.finding_code:
        findings = schema.findings
        query = query.where(
            exists().where(
                and_(findings.c.grade_id == grades.c.id, findings.c.code == table.finding_code)
            )
        )
    if table.organisation:
        query = query.where(releases.c.release_id.startswith(table.organisation + "/"))
    if table.text:
        query = query.where(func.lower(releases.c.release_id).contains(table.text.lower()))
    return query


def _order(table: TableQuery) -> list[Any]:
    columns: dict[str, list[Any]] = {
        "release": [releases.c.release_id, releases.c.key],
        "graded": [grades.c.graded_at, grades.c.id],
        "class": [grades.c.mof_class, grades.c.id],
        "verdict": [grades.c.osaid_verdict, grades.c.id],
        "findings": [grades.c.findings_high, grades.c.id],
    }
    chosen = columns.get(table.sort, columns["release"])
    return [column.desc() if table.descending else column for column in chosen]


def release_table(store: Store, table: TableQuery) -> tuple[list[Grade], int]:
    """One page of the latest grades matching ``table``, and how many match in all."""
    base = select(*GRADE_COLUMNS).join(releases, releases.c.latest_grade_id == grades.c.id)
    query = _filtered(base, table).order_by(*_order(table)).limit(table.limit)
    query = query.offset(table.offset)
    counted = _filtered(
        select(func.count()).select_from(
            grades.join(releases, releases.c.latest_grade_id == grades.c.id)
        ),
        table,
    )
    with transaction(store.engine, write=False) as connection:
        rows = [grade_from_row(row) for row in connection.execute(query)]
        total = int(connection.execute(counted).scalar_one())
    return rows, total


def _grouped(connection: Connection, column: Any) -> dict[str, int]:
    query = (
        select(column, func.count())
        .select_from(grades.join(releases, releases.c.latest_grade_id == grades.c.id))
        .group_by(column)
    )
    return {_label(value): int(count) for value, count in connection.execute(query)}


def _label(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "open" if value else "closed"
    return str(value)


def portfolio_counts(store: Store) -> PortfolioCounts:
    """The portfolio's counts over every release's latest grade."""
    joined = grades.join(releases, releases.c.latest_grade_id == grades.c.id)
    severities = (grades.c.findings_high, grades.c.findings_medium, grades.c.findings_low)
    sums = select(
        func.count(),
        *[func.coalesce(func.sum(column), 0) for column in severities],
    ).select_from(joined)
    with_any = select(*[func.count().filter(column > 0) for column in severities]).select_from(
        joined
    )
    with transaction(store.engine, write=False) as connection:
        total, high, medium, low = tuple(connection.execute(sums).one())
        any_high, any_medium, any_low = tuple(connection.execute(with_any).one())
        openness = _grouped(connection, grades.c.weights_open)
        return PortfolioCounts(
            releases=int(total),
            by_expression=_grouped(connection, grades.c.weights_license),
            by_class=_grouped(connection, grades.c.mof_class),
            by_verdict=_grouped(connection, grades.c.osaid_verdict),
            by_eu=_grouped(connection, grades.c.eu_status),
            by_openness={("unknown" if k == "none" else k): v for k, v in openness.items()},
            releases_with_findings={
                "high": int(any_high),
                "medium": int(any_medium),
                "low": int(any_low),
            },
            findings={"high": int(high), "medium": int(medium), "low": int(low)},
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


def copies_of(store: Store, release_id: str) -> list[str]:
    """The store keys of every release with this id (a Hub release, local folders, MOT YAMLs),
    Hub first, then by key."""
    query = select(releases.c.key, releases.c.source).where(
        releases.c.release_id == release_id,
        releases.c.latest_grade_id.is_not(None),
    )
    with transaction(store.engine, write=False) as connection:
        rows = connection.execute(query).all()
    order = {"hub": 0, "local": 1, "mot": 2}
    return [row.key for row in sorted(rows, key=lambda r: (order.get(r.source, 3), r.key))]
