"""Versioned schema migrations: an ordered list of steps and a one-row ``schema_version`` table.

Why not Alembic: the store has a handful of tables, ships inside a CLI, and must upgrade itself
on open without a migration directory or ``alembic.ini``. An ordered list of functions, each run
in one transaction with the version bump, is all Alembic would do here, with one dependency
less. A store whose version is newer than the last step is refused (never "downgraded").
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from opengrade.errors import StoreCorrupt, StoreTooNew
from opengrade.store import schema


def _create_version_1(connection: Connection) -> None:
    for table in schema.VERSION_1_TABLES:
        table.create(connection)


SUMMARY_INDEXES = (
    ("grades_by_mof_class", "grades", "mof_class"),
    ("grades_by_osaid", "grades", "osaid_verdict"),
    ("grades_by_eu", "grades", "eu_status"),
    ("grades_by_weights_open", "grades", "weights_open"),
    ("releases_by_latest", "releases", "latest_grade_id"),
)


def _index_summary_columns(connection: Connection) -> None:
    """Version 2: index the summary columns inventories filter on."""
    for name, table, column in SUMMARY_INDEXES:
        connection.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_version_1, _index_summary_columns)
"""Step N brings the schema from version N-1 to N. Append; never edit a released step."""

CURRENT_VERSION = len(MIGRATIONS)


def stored_version(connection: Connection) -> int:
    """The store's schema version; 0 for an empty database; StoreCorrupt for a foreign one."""
    tables = set(inspect(connection).get_table_names())
    if "schema_version" not in tables:
        if tables & {table.name for table in schema.VERSION_1_TABLES}:
            raise StoreCorrupt(
                "this database has tables but no opengrade schema version: it is not an "
                "opengrade store. Point --store at a new file or an empty database."
            )
        return 0
    rows = connection.execute(select(schema.schema_version.c.version)).scalars().all()
    if len(rows) != 1:
        raise StoreCorrupt(
            f"the store's schema_version table holds {len(rows)} rows, not one: the store is "
            "damaged. Restore it from a backup, or start a new store."
        )
    return int(rows[0])


def upgrade(connection: Connection, target: int | None = None) -> int:
    """Bring the schema to ``target`` (default :data:`CURRENT_VERSION`) inside the caller's
    transaction; returns the version reached."""
    target = CURRENT_VERSION if target is None else target
    version = stored_version(connection)
    if version > CURRENT_VERSION:
        raise StoreTooNew(
            f"this store has schema version {version}, newer than this opengrade knows "
            f"({CURRENT_VERSION}): a newer opengrade wrote it. Upgrade opengrade to read it; "
            "the store was left untouched."
        )
    if version == 0:
        schema.schema_version.create(connection)
        connection.execute(schema.schema_version.insert().values(version=0))
    for step in MIGRATIONS[version:target]:
        step(connection)
    if version < target:
        connection.execute(schema.schema_version.update().values(version=target))
    return max(version, target)
