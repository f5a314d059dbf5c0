"""A store that cannot be used says why and what to do, and is left untouched: a corrupt file,
a foreign database, a newer schema, an unreachable server, a bad URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from opengrade.cli import main
from opengrade.errors import StoreCorrupt, StoreTooNew, StoreUnreachable
from opengrade.store import open_store, resolve_url
from opengrade.store.migrations import CURRENT_VERSION


def test_a_new_store_is_created_at_the_current_schema_version(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as connection:
        version = connection.execute(text("SELECT version FROM schema_version")).scalar_one()
    assert version == CURRENT_VERSION
    with open_store(store_url) as store:  # opening again migrates nothing
        assert store.count() == 0


def test_a_newer_schema_is_refused_and_left_untouched(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as connection:
        connection.execute(
            text("UPDATE schema_version SET version = :v"), {"v": CURRENT_VERSION + 1}
        )
    with pytest.raises(StoreTooNew, match="Upgrade opengrade"):
        open_store(store_url)
    engine = create_engine(resolve_url(store_url))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_version")).scalar_one() == (
            CURRENT_VERSION + 1
        )
    engine.dispose()


def test_a_database_holding_other_tables_is_not_taken_over(store_url: str) -> None:
    engine = create_engine(resolve_url(store_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE releases (name TEXT)"))
    engine.dispose()
    with pytest.raises(StoreCorrupt, match="not an opengrade store"):
        open_store(store_url)


def test_a_corrupt_sqlite_file_is_reported_and_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "inventory.db"
    damaged = b"this is not a database " * 200
    path.write_bytes(damaged)
    with pytest.raises(StoreCorrupt, match="damaged or not an opengrade store"):
        open_store(str(path))
    assert path.read_bytes() == damaged


def test_an_unreachable_postgresql_says_what_to_check() -> None:
    with pytest.raises(StoreUnreachable, match="Check the URL"):
        open_store("postgresql://nobody@127.0.0.1:9/nothing?connect_timeout=2")


def test_an_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(StoreUnreachable, match="unsupported store URL scheme"):
        open_store("mysql://localhost/inventory")


def test_the_store_url_comes_from_the_option_the_environment_or_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENGRADE_STORE", str(tmp_path / "from-env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'from-env.db'}"
    assert resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.delenv("OPENGRADE_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'data' / 'opengrade' / 'inventory.db'}"


@pytest.mark.parametrize("command", ["inventory", "changes", "export"])
def test_cli_store_errors_exit_2_with_the_reason(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inventory.db"
    path.write_bytes(b"garbage" * 500)
    assert main([command, "--store", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "damaged or not an opengrade store" in captured.err
    assert path.stat().st_size == 3500


def test_an_older_store_is_upgraded_on_open_and_keeps_its_grades(store_url: str) -> None:
    from opengrade import __version__
    from opengrade.store import Store, connection, migrations

    report = json.dumps(
        {"release": {"id": "acme/old", "source": "hub"}, "tool": {"version": __version__}}
    )
    engine = connection.create_store_engine(resolve_url(store_url))
    with engine.begin() as opened:
        assert migrations.upgrade(opened, target=1) == 1
    with Store(engine) as old:  # a store written by the version-1 schema
        assert old.add_report(report, revision="r1").added
    with open_store(store_url) as store, store.engine.connect() as opened:
        version = opened.execute(text("SELECT version FROM schema_version")).scalar_one()
        indexes = {item["name"] for item in inspect(opened).get_indexes("grades")}
    assert version == CURRENT_VERSION >= 2
    assert {name for name, table, _ in migrations.SUMMARY_INDEXES if table == "grades"} <= indexes
    with open_store(store_url) as store:
        assert [grade.revision for grade in store.history("acme/old")] == ["r1"]
        assert not store.add_report(report, revision="r1").added
