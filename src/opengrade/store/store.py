"""The inventory store's public face: open it by URL, add reports, query the latest grades,
a release's history, diffs and changes. The only module family that speaks SQL is ``store/``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from types import TracebackType

from sqlalchemy import Connection, Engine, select, text

from opengrade.store import migrations, reading, schema, writing
from opengrade.store.connection import (
    MIGRATION_LOCK,
    create_store_engine,
    is_sqlite,
    resolve_url,
    transaction,
    with_retries,
)
from opengrade.store.diff import diff_grades
from opengrade.store.records import (
    AddResult,
    AuditPolicyColumns,
    AuditRow,
    Grade,
    GradeDiff,
    InventoryFilter,
    ModelUse,
    Page,
    ScanFailure,
)
from opengrade.store.summary import parse_report, summarise


class Store:
    """An opened inventory store (use :func:`open_store`). Thread-safe for reads; every write is
    one transaction, retried when another writer holds the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The store's URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # writing

    def add_report(self, report_json: str, *, revision: str | None = None) -> AddResult:
        """Store a JSON report. ``revision``: the Hub commit or a local content hash (default:
        the report's own ``release.revision``, else a hash of the report's content). The same
        content with the same tool version adds nothing."""
        data = parse_report(report_json)
        summary = summarise(data)
        chosen = revision or summary.revision or writing.report_fingerprint(data)
        graded_at = writing.graded_time(data)
        return with_retries(
            self.engine,
            lambda connection: writing.write_grade(
                connection,
                report_text=report_json,
                summary=summary,
                revision=chosen,
                graded_at=graded_at,
            ),
        )

    def add_reports(self, reports: Iterable[tuple[str, str | None]]) -> list[AddResult]:
        """Add many (report JSON, revision) pairs in one transaction: all or none (for bulk
        loads, such as a Hub-scale import)."""
        prepared = []
        for report_json, revision in reports:
            data = parse_report(report_json)
            summary = summarise(data)
            chosen = revision or summary.revision or writing.report_fingerprint(data)
            prepared.append((report_json, summary, chosen, writing.graded_time(data)))

        def work(connection: Connection) -> list[AddResult]:
            return [
                writing.write_grade(
                    connection, report_text=text_, summary=summary, revision=chosen, graded_at=at
                )
                for text_, summary, chosen, at in prepared
            ]

        return with_retries(self.engine, work)

    def record_failure(self, target: str, error: str, tool_version: str) -> None:
        """Keep a target a scan could not grade, with its error."""
        values = {
            "target": target,
            "error": error,
            "tool_version": tool_version,
            "recorded_at": datetime.now(UTC),
        }
        with_retries(
            self.engine,
            lambda connection: connection.execute(schema.scan_failures.insert(), values),
        )

    def add_uses(self, uses: Iterable[ModelUse]) -> int:
        """Record where code uses models (each use once); returns how many were new."""
        rows = [
            {"model_id": u.model_id, "root": u.root, "path": u.path, "line": u.line, "how": u.how}
            for u in uses
        ]
        if not rows:
            return 0

        def work(connection: Connection) -> int:
            table = schema.model_uses
            statement = writing.insert_ignoring(connection, table).on_conflict_do_nothing()
            return int(connection.execute(statement, rows).rowcount or 0)

        return with_retries(self.engine, work)

    # reading

    def latest(
        self, filters: InventoryFilter | None = None, page: Page | None = None
    ) -> list[Grade]:
        """The latest grade of each release, ordered by release id, filtered and paged."""
        with transaction(self.engine, write=False) as connection:
            return reading.latest(connection, filters or InventoryFilter(), page or Page())

    def count(self, filters: InventoryFilter | None = None) -> int:
        """How many releases match ``filters``."""
        with transaction(self.engine, write=False) as connection:
            return reading.count_latest(connection, filters or InventoryFilter())

    def history(self, release: str) -> list[Grade]:
        """Every grade of ``release`` (a key, a release id or a path), oldest first."""
        with transaction(self.engine, write=False) as connection:
            release_pk, _ = reading.resolve_release(connection, release)
            return reading.history(connection, release_pk)

    def diff(
        self, release: str, from_revision: str | None = None, to_revision: str | None = None
    ) -> GradeDiff:
        """What changed between two grades of ``release`` (default: the last two)."""
        rows = self.history(release)
        before = reading.pick(rows, from_revision, default=max(len(rows) - 2, 0))
        after = reading.pick(rows, to_revision, default=-1)
        return diff_grades(before, after)

    def changes(self, since: datetime | None = None) -> list[GradeDiff]:
        """Every release whose grade changed (at or after ``since``), oldest change first."""
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        with transaction(self.engine, write=False) as connection:
            pairs = reading.grades_since(connection, since)
        diffs = [diff_grades(before, after) for before, after in pairs]
        changed = [item for item in diffs if item.changed]
        return sorted(changed, key=lambda item: (item.after.graded_at, item.release_key))

    def report_text(self, grade: Grade) -> str:
        """The stored JSON report of ``grade`` (read it with ``load_report``)."""
        with transaction(self.engine, write=False) as connection:
            return reading.report_text(connection, grade.grade_id)

    def known_revisions(self, tool_version: str) -> frozenset[tuple[str, str]]:
        """(release key, revision) of every grade made by ``tool_version`` (to resume scans)."""
        query = (
            select(schema.releases.c.key, schema.grades.c.revision)
            .join(schema.releases, schema.releases.c.id == schema.grades.c.release_pk)
            .where(schema.grades.c.tool_version == tool_version)
        )
        with transaction(self.engine, write=False) as connection:
            return frozenset((row.key, row.revision) for row in connection.execute(query))

    def failures(self) -> list[ScanFailure]:
        """Every target a scan could not grade, oldest first."""
        table = schema.scan_failures
        with transaction(self.engine, write=False) as connection:
            rows = connection.execute(select(table).order_by(table.c.id)).all()
        return [
            ScanFailure(
                row.target,
                row.error,
                row.tool_version,
                row.recorded_at if row.recorded_at.tzinfo else row.recorded_at.replace(tzinfo=UTC),
            )
            for row in rows
        ]

    def uses(self, model_id: str | None = None) -> list[ModelUse]:
        """Where code uses models (all, or one model's uses), by model, file and line."""
        table = schema.model_uses
        query = select(table).order_by(table.c.model_id, table.c.root, table.c.path, table.c.line)
        if model_id is not None:
            query = query.where(table.c.model_id == model_id)
        with transaction(self.engine, write=False) as connection:
            rows = connection.execute(query).all()
        return [ModelUse(row.model_id, row.path, row.line, row.how, row.root) for row in rows]

    def audit_rows(
        self,
        filters: InventoryFilter | None = None,
        policy: Callable[[Grade], AuditPolicyColumns] | None = None,
    ) -> list[AuditRow]:
        """The auditor export: each release's latest grade, with the policy columns that
        ``policy`` (the policy layer's hook) gives it; empty columns without one."""
        return [
            AuditRow(grade, policy(grade) if policy else AuditPolicyColumns())
            for grade in self.latest(filters)
        ]


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading) the store at ``url``: a path, ``sqlite:///PATH`` or
    ``postgresql://...``; default ``$OPENGRADE_STORE``, else ``~/.local/share/opengrade/
    inventory.db``. Raises StoreUnreachable, StoreCorrupt or StoreTooNew with what to do."""
    engine = create_store_engine(resolve_url(url))
    try:
        with transaction(engine, write=False) as connection:
            current = migrations.stored_version(connection) == migrations.CURRENT_VERSION
        if current:  # the common case: no write lock taken just to open
            return Store(engine)
        with transaction(engine, write=True) as connection:
            if not is_sqlite(engine):
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            migrations.upgrade(connection)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
