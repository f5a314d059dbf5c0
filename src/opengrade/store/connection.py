"""Where the store lives and how to talk to it: URL resolution, engines for SQLite (WAL, busy
timeout, immediate write transactions) and PostgreSQL (psycopg 3), retries, and database errors
translated into clear :class:`StoreError` messages."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

from opengrade.errors import StoreCorrupt, StoreError, StoreUnreachable

log = logging.getLogger(__name__)

STORE_VARIABLE = "OPENGRADE_STORE"
MIGRATION_LOCK = 4_210_010  # PostgreSQL advisory lock id held while migrating
RETRIES = 8
T = TypeVar("T")


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/opengrade/inventory.db`` (``~/.local/share/opengrade/inventory.db``)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "opengrade" / "inventory.db"


def resolve_url(value: str | None = None) -> str:
    """The SQLAlchemy URL for ``value`` (a URL or a file path), else ``$OPENGRADE_STORE``, else
    the default SQLite file. ``postgresql://`` means psycopg 3."""
    chosen = value or os.environ.get(STORE_VARIABLE) or str(default_store_path())
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    scheme, _, rest = chosen.partition("://")
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme == "sqlite":
        return chosen
    raise StoreUnreachable(
        f"unsupported store URL scheme {scheme!r}: use a file path, sqlite:///PATH or "
        "postgresql://USER@HOST/DATABASE"
    )


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, its directory is created and WAL switched on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreUnreachable(
                    f"cannot create the store's folder {Path(database).parent} "
                    f"({error.strerror}); pass --store with a writable path"
                ) from None
        # Connections are kept open (closing the last one checkpoints the WAL, costly per write).
        engine = create_engine(url, pool_size=2, max_overflow=4)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2)
    except (exc.ArgumentError, ImportError) as error:
        raise StoreUnreachable(f"cannot use the store URL: {error}") from None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Let SQLAlchemy's ``begin`` event open transactions; WAL for concurrent readers."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers take the write lock up front (``BEGIN IMMEDIATE``): a reader that later tries
    to write could otherwise fail at once instead of waiting for the lock."""
    immediate = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction (committed on success), with database errors translated."""
    with translated_errors(engine), engine.connect() as connection:
        if write:
            connection = connection.execution_options(write=True)
        with connection.begin():
            if write and not is_sqlite(engine):
                connection.execute(text("SET LOCAL lock_timeout = '30s'"))
            yield connection


def with_retries(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one write transaction, retrying when the database is busy or a
    concurrent writer deadlocked; every attempt starts afresh, so nothing is half-written."""
    for attempt in range(RETRIES):
        try:
            with transaction(engine, write=True) as connection:
                return work(connection)
        except StoreBusy:
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


class StoreBusy(StoreError):
    """Another writer held the store longer than we waited; nothing was written."""


@contextmanager
def translated_errors(engine: Engine) -> Iterator[None]:
    """Database errors as StoreError subclasses whose message says what to do."""
    where = engine.url.render_as_string(hide_password=True)
    try:
        yield
    except exc.OperationalError as error:
        message = str(error.orig or error).strip().splitlines()[0]
        if _is_busy(message):
            raise StoreBusy(f"the store {where} stayed busy: {message}. Try again.") from None
        if "not a database" in message or "malformed" in message:
            raise _corrupt(where, message) from None
        raise StoreUnreachable(
            f"cannot reach the store {where}: {message}. Check the URL, that the server runs "
            "and accepts connections, or pass another --store."
        ) from None
    except exc.DatabaseError as error:
        message = str(error.orig or error).strip().splitlines()[0]
        if "not a database" in message or "malformed" in message or "corrupt" in message:
            raise _corrupt(where, message) from None
        raise StoreError(f"the store {where} refused an operation: {message}") from None


def _is_busy(message: str) -> bool:
    lowered = message.lower()
    return any(
        word in lowered for word in ("database is locked", "busy", "deadlock", "lock timeout")
    )


def _corrupt(where: str, message: str) -> StoreCorrupt:
    return StoreCorrupt(
        f"the store {where} is damaged or not an opengrade store ({message}). It was left "
        "untouched: restore it from a backup, or pass --store with a new file."
    )
