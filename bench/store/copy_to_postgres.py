"""Copy a 100k SQLite store made by ``bench_queries.py --keep`` into a fresh PostgreSQL schema
with ``COPY`` (seconds, where loading through ``add_reports`` took ~20 minutes), then print the
store URL to pass to ``bench_queries.py --store``.

    .venv/bin/python bench/store/copy_to_postgres.py /tmp/100k.db postgresql://USER:PW@HOST/DB
"""

from __future__ import annotations

import sqlite3
import sys
from urllib.parse import quote

import psycopg

from opengrade.store import open_store

SCHEMA = "bench100k"
TABLES = ("releases", "grades", "concluded", "findings")


def main() -> int:
    source_path, base = sys.argv[1], sys.argv[2]
    with psycopg.connect(base, autocommit=True) as server:
        server.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        server.execute(f"CREATE SCHEMA {SCHEMA}")
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options={quote(f'-csearch_path={SCHEMA}')}"
    open_store(url).close()  # the current schema, empty
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    with psycopg.connect(base, options=f"-csearch_path={SCHEMA} -ctimezone=UTC") as server:
        for table in TABLES:
            info = list(source.execute(f"pragma table_info({table})"))
            columns = [row[1] for row in info]
            flags = [i for i, row in enumerate(info) if str(row[2]).upper() == "BOOLEAN"]
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with server.cursor().copy(statement) as copy:
                for row in source.execute(f"select {', '.join(columns)} from {table}"):
                    values = list(row)
                    for index in flags:  # SQLite keeps booleans as 0/1
                        values[index] = None if values[index] is None else bool(values[index])
                    copy.write_row(values)
        server.execute("ANALYZE")
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
