"""The store suite runs against SQLite and against a real PostgreSQL server
(``$OPENGRADE_TEST_POSTGRES_URL``, which ``.ci/run`` sets after starting Debian's postgresql).
Each PostgreSQL test gets its own schema, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

POSTGRES_VARIABLE = "OPENGRADE_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test server's URL; skips outside CI when there is none, fails in CI."""
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide a PostgreSQL server in ${POSTGRES_VARIABLE}")
        pytest.skip(f"no PostgreSQL server: set ${POSTGRES_VARIABLE} (see .ci/run) to run this")
    return url


@pytest.fixture
def postgres_store_url() -> Iterator[str]:
    """A PostgreSQL URL whose search path is a fresh, empty schema."""
    from sqlalchemy import create_engine, text

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty store, once per database kind."""
    if request.param == "sqlite":
        return str(tmp_path / "inventory.db")
    return str(request.getfixturevalue("postgres_store_url"))
