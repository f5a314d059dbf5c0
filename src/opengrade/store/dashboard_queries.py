"""The dashboard's release table: sorted, filtered and paged over the latest grades, fast at
100,000 releases; the store's distinct weights expressions; the copies of one release id.
(The portfolio's counts, trend and changes: ``dashboard_counts.py``.)

Built on the store's tables and row reader (``reading.py``). A grade's row holds its compressed
report before the indexed columns, so the dashboard reads those columns from a covering index
created once by :func:`ensure_dashboard_indexes` (``CREATE INDEX IF NOT EXISTS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import event, func, select, text

from opengrade.store import schema
from opengrade.store.connection import is_sqlite, transaction
from opengrade.store.reading import GRADE_COLUMNS, grade_from_row
from opengrade.store.records import Grade
from opengrade.store.store import Store

grades = schema.grades
releases = schema.releases

SORTS = ("release", "graded", "class", "verdict", "findings")
"""The table's sort orders (``-`` before one reverses it)."""

_INDEXES = (
    # every column the table's filters, sorts and the portfolio's counts read, so they are
    # answered from this index alone (a grade's row also holds its compressed report)
    "CREATE INDEX IF NOT EXISTS dashboard_grades_cover ON grades (mof_class, osaid_verdict, "
    "eu_status, weights_open, weights_license, findings_high, findings_medium, findings_low, "
    "graded_at)",
    "CREATE INDEX IF NOT EXISTS dashboard_releases_latest ON releases (latest_grade_id)",
    # the table's default order, read from the index alone however deep the page
    "CREATE INDEX IF NOT EXISTS dashboard_releases_order ON releases "
    "(release_id, key, latest_grade_id)",
)


CACHE_KIB = 65_536
MMAP_BYTES = 268_435_456


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


def ensure_dashboard_indexes(store: Store) -> None:
    """Create the dashboard's indexes if the store lacks them (cheap when present); on SQLite,
    give each connection a page cache and a memory map large enough for the indexes the
    dashboard reads (a server reads the same pages on every request)."""
    with transaction(store.engine, write=True) as connection:
        for statement in _INDEXES:
            connection.execute(text(statement))
    if is_sqlite(store.engine) and not event.contains(store.engine, "connect", _reading_pragmas):
        event.listen(store.engine, "connect", _reading_pragmas)
        store.engine.dispose()  # the pooled connections reopen with the settings


def _reading_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    cursor.close()


def unindexed_id() -> Any:
    """``grades.id + 0``: tested against the latest grade ids, it keeps the planner reading
    the covering index instead of looking each grade up in the table (whose rows hold the
    compressed report before the indexed columns)."""
    return grades.c.id + 0


def _grade_conditions(table: TableQuery) -> list[Any]:
    """Conditions on the grade's indexed columns."""
    conditions: list[Any] = []
    if table.expressions is not None:
        conditions.append(grades.c.weights_license.in_(table.expressions))
    if table.without_license:
        conditions.append(grades.c.weights_license.is_(None))
    if table.mof_class:
        column = grades.c.mof_class
        none = table.mof_class == "none"
        conditions.append(column.is_(None) if none else column == table.mof_class)
    if table.osaid_verdict:
        conditions.append(grades.c.osaid_verdict == table.osaid_verdict)
    if table.eu_status:
        conditions.append(grades.c.eu_status == table.eu_status)
    if table.finding_code:
        findings = schema.findings
        conditions.append(
            grades.c.id.in_(
                select(findings.c.grade_id).where(findings.c.code == table.finding_code)
            )
        )
    return conditions


def _release_conditions(table: TableQuery) -> list[Any]:
    """Conditions on the release row (its id), and that it has a grade."""
    conditions: list[Any] = [releases.c.latest_grade_id.is_not(None)]
    if table.organisation:
        # a range on the indexed id ("org/" up to "org0", the character after "/")
        conditions.append(releases.c.release_id >= table.organisation + "/")
        conditions.append(releases.c.release_id < table.organisation + "0")
    if table.text:
        conditions.append(func.lower(releases.c.release_id).contains(table.text.lower()))
    return conditions


_SORT_COLUMNS = {
    "graded": grades.c.graded_at,
    "class": grades.c.mof_class,
    "verdict": grades.c.osaid_verdict,
    "findings": grades.c.findings_high,
}


def _page_ids(table: TableQuery) -> tuple[Any, Any]:
    """(the page's grade ids in order, the count of all matches) as two queries. Narrowed by
    organisation or text, the releases drive a join; otherwise the grade conditions are read
    from the grades' covering index and tested against the latest grade ids."""
    grade_conditions = _grade_conditions(table)
    release_conditions = _release_conditions(table)
    narrowed = bool(table.organisation or table.text)
    if narrowed:
        joined = releases.join(grades, grades.c.id == releases.c.latest_grade_id)
        ids = (
            select(releases.c.latest_grade_id.label("id"))
            .select_from(joined)
            .where(*release_conditions, *grade_conditions)
        )
    elif table.sort not in _SORT_COLUMNS:
        ids = select(releases.c.latest_grade_id.label("id")).where(*release_conditions)
        if grade_conditions:
            matching = select(grades.c.id).where(*grade_conditions)
            ids = ids.where(releases.c.latest_grade_id.in_(matching))
    else:
        latest = select(releases.c.latest_grade_id).where(*release_conditions)
        ids = select(grades.c.id).where(unindexed_id().in_(latest), *grade_conditions)
    if table.sort in _SORT_COLUMNS:
        order = [_SORT_COLUMNS[table.sort], grades.c.id]
    else:
        order = [releases.c.release_id, releases.c.key]
    counted = select(func.count()).select_from(ids.subquery())
    ordered = [column.desc() if table.descending else column for column in order]
    page = ids.order_by(*ordered).limit(table.limit).offset(table.offset)
    return page, counted


def weights_expressions(store: Store) -> tuple[str, ...]:
    """Every concluded weights license expression in the store (a few dozen, from an index)."""
    concluded = schema.concluded
    query = (
        select(concluded.c.expression)
        .where(concluded.c.scope == "weights", concluded.c.expression.is_not(None))
        .distinct()
    )
    with transaction(store.engine, write=False) as connection:
        return tuple(sorted(str(row[0]) for row in connection.execute(query)))


def expression_keys(expression: str) -> tuple[str, ...]:
    """The license keys of an expression, lowercase, ``LicenseRef-`` removed."""
    words = re.split(r"[\s()]+", expression.lower())
    keys = [word.removeprefix("licenseref-") for word in words if word]
    return tuple(key for key in keys if key not in ("and", "or", "with"))


def release_table(store: Store, table: TableQuery) -> tuple[list[Grade], int]:
    """One page of the latest grades matching ``table``, and how many match in all. A license
    key is matched against the store's distinct weights expressions first, so the query itself
    compares whole expressions on the index."""
    if table.license_key:
        key = table.license_key.lower()
        matching = [e for e in weights_expressions(store) if key in expression_keys(e)]
        if table.expressions is not None:
            matching = [e for e in matching if e in table.expressions]
        table = replace(table, license_key=None, expressions=tuple(matching))
    page, counted = _page_ids(table)
    with transaction(store.engine, write=False) as connection:
        wanted = [int(row[0]) for row in connection.execute(page)]
        total = int(connection.execute(counted).scalar_one())
        rows = connection.execute(
            select(*GRADE_COLUMNS)
            .join(releases, releases.c.latest_grade_id == grades.c.id)
            .where(grades.c.id.in_(wanted))
        ).all()
    by_id = {int(row.id): grade_from_row(row) for row in rows}
    return [by_id[item] for item in wanted if item in by_id], total


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
