"""Reading grades back: the latest grade of each release (filtered, paged), a release's history,
one grade, the stored report, and which release a user's name for it means."""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, exists, func, select

from opengrade.errors import StoreError
from opengrade.store import schema
from opengrade.store.records import Grade, InventoryFilter, Page
from opengrade.store.summary import summary_from_json


class ReleaseNotStored(StoreError):
    """The store holds no release (or no revision) by that name."""


grades = schema.grades
releases = schema.releases

GRADE_COLUMNS = (
    grades.c.id,
    releases.c.key,
    releases.c.release_id,
    releases.c.source,
    grades.c.revision,
    grades.c.tool_version,
    grades.c.graded_at,
    grades.c.summary,
    grades.c.report_bytes,
)


def grade_from_row(row: Any, shared: dict[object, Any] | None = None) -> Grade:
    """A :class:`Grade` from a row of :data:`GRADE_COLUMNS` (unpacked by position: listing
    10,000 releases builds 10,000 of these, and named access on a row costs more)."""
    grade_id, key, release_id, source, revision, tool_version, graded_at, summary, size = row[:9]
    if graded_at.tzinfo is None:  # SQLite keeps naive times; they are UTC
        graded_at = graded_at.replace(tzinfo=UTC)
    return Grade(
        int(grade_id),
        key,
        release_id,
        source,
        revision,
        tool_version,
        graded_at,
        summary_from_json(summary, shared),
        int(size),
    )


def latest_query(filters: InventoryFilter) -> Select[Any]:
    """The latest grade of every release, with ``filters`` applied."""
    query = select(*GRADE_COLUMNS).join(releases, releases.c.latest_grade_id == grades.c.id)
    if filters.release_id_contains:
        query = query.where(releases.c.release_id.contains(filters.release_id_contains))
    if filters.source:
        query = query.where(releases.c.source == filters.source)
    if filters.mof_class:
        wanted = None if filters.mof_class == "none" else filters.mof_class
        query = query.where(
            grades.c.mof_class.is_(None) if wanted is None else grades.c.mof_class == wanted
        )
    if filters.osaid_verdict:
        query = query.where(grades.c.osaid_verdict == filters.osaid_verdict)
    if filters.eu_status:
        query = query.where(grades.c.eu_status == filters.eu_status)
    if filters.open_weights:
        openness = {"true": True, "false": False}.get(filters.open_weights)
        column = grades.c.weights_open
        query = query.where(column.is_(None) if openness is None else column == openness)
    if filters.weights_license:
        query = query.where(grades.c.weights_license.contains(filters.weights_license))
    if filters.finding_code:
        findings = schema.findings
        query = query.where(
            exists().where(
                findings.c.grade_id == grades.c.id, findings.c.code == filters.finding_code
            )
        )
    return query


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many rows: a listing allocates
    ~10 objects per release and none of them forms a cycle, yet the allocations trigger full
    collections over the whole heap (~30 % of listing 10,000 releases)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def latest(connection: Connection, filters: InventoryFilter, page: Page) -> list[Grade]:
    query = latest_query(filters).order_by(releases.c.release_id, releases.c.key)
    if page.limit is not None:
        query = query.limit(page.limit)
    if page.offset:
        query = query.offset(page.offset)
    shared: dict[object, Any] = {}
    with collector_paused():
        return [grade_from_row(row, shared) for row in connection.execute(query)]


def count_latest(connection: Connection, filters: InventoryFilter) -> int:
    subquery = latest_query(filters).subquery()
    return int(connection.execute(select(func.count()).select_from(subquery)).scalar_one())


def resolve_release(connection: Connection, name: str) -> tuple[int, str]:
    """The release a user means by ``name``: a store key, a release id (if only one release
    has it), or the path of a local folder or MOT YAML. Returns (primary key, key)."""
    row = connection.execute(
        select(releases.c.id, releases.c.key).where(releases.c.key == name)
    ).first()
    if row is not None:
        return int(row.id), row.key
    rows = connection.execute(
        select(releases.c.id, releases.c.key).where(releases.c.release_id == name)
    ).all()
    if not rows and not name.startswith(("hub:", "local:", "mot:")):
        location = str(Path(name).expanduser().resolve())
        rows = connection.execute(
            select(releases.c.id, releases.c.key).where(releases.c.location == location)
        ).all()
    if len(rows) == 1:
        return int(rows[0].id), rows[0].key
    if len(rows) > 1:
        keys = "\n  ".join(sorted(item.key for item in rows))
        raise ReleaseNotStored(
            f"{name!r} names {len(rows)} releases in the store; pass one of these keys:\n  {keys}"
        )
    raise ReleaseNotStored(
        f"the store holds no release {name!r}. Run 'opengrade scan {name}' first, or list what "
        "it holds with 'opengrade inventory'."
    )


def history(connection: Connection, release_pk: int) -> list[Grade]:
    query = (
        select(*GRADE_COLUMNS)
        .join(releases, releases.c.id == grades.c.release_pk)
        .where(grades.c.release_pk == release_pk)
        .order_by(grades.c.id)
    )
    return [grade_from_row(row) for row in connection.execute(query)]


def pick(history_rows: Sequence[Grade], revision: str | None, *, default: int) -> Grade:
    """The grade of ``revision`` (a full revision, a unique prefix, or a grade id ``#N``), else
    the grade at index ``default``."""
    if revision is None:
        return history_rows[default]
    if revision.startswith("#") and revision[1:].isdigit():
        matches = [item for item in history_rows if item.grade_id == int(revision[1:])]
    else:
        matches = [item for item in history_rows if item.revision.startswith(revision)]
        bare = [item for item in history_rows if item.revision.split(":")[-1].startswith(revision)]
        matches = matches or bare
    if len({item.revision for item in matches}) == 1:
        return matches[-1]
    known = ", ".join(dict.fromkeys(item.revision for item in history_rows))
    what = "matches several revisions" if matches else "is not a stored revision"
    raise ReleaseNotStored(f"{revision!r} {what} of this release; stored: {known}")


def report_text(connection: Connection, grade_id: int) -> str:
    blob = connection.execute(select(grades.c.report).where(grades.c.id == grade_id)).scalar()
    if blob is None:
        raise ReleaseNotStored(f"the store holds no grade #{grade_id}")
    try:
        return zlib.decompress(blob).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as error:
        raise StoreError(f"grade #{grade_id}'s stored report is damaged ({error})") from None


def grades_since(connection: Connection, since: datetime | None) -> list[tuple[Grade, Grade]]:
    """Every grade (graded at or after ``since``) paired with the grade before it."""
    changed = select(grades.c.release_pk)
    if since is not None:
        changed = changed.where(grades.c.graded_at >= since.astimezone(UTC))
    query = (
        select(*GRADE_COLUMNS, grades.c.release_pk)
        .join(releases, releases.c.id == grades.c.release_pk)
        .where(grades.c.release_pk.in_(changed.distinct()))
        .order_by(grades.c.release_pk, grades.c.id)
    )
    pairs: list[tuple[Grade, Grade]] = []
    previous: tuple[int, Grade] | None = None
    for row in connection.execute(query):
        grade = grade_from_row(row)
        same_release = previous is not None and previous[0] == row.release_pk
        if previous is not None and same_release and (since is None or grade.graded_at >= since):
            pairs.append((previous[1], grade))
        previous = (row.release_pk, grade)
    return pairs
