"""The summary columns of every release's latest grade as a Parquet file, for notebooks.

pyarrow (the ``parquet`` extra) rather than DuckDB: the rows already come out of the store's
own SQL, so only a columnar writer is needed, and pyarrow is the reference Parquet
implementation that pandas, Polars and DuckDB all read; DuckDB would add a second SQL engine
beside the store. The only module that imports ``pyarrow``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from opengrade.errors import OpengradeError
from opengrade.store import Store
from opengrade.store.aggregates import Aggregates, SummaryRow


class ParquetUnavailable(OpengradeError):
    """pyarrow is not installed."""


def write_parquet(store: Store, path: Path) -> int:
    """Write the summary rows to ``path``; returns how many rows."""
    try:
        import pyarrow as arrow  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet as parquet  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise ParquetUnavailable(
            "--format parquet needs pyarrow: pip install 'opengrade[parquet]'"
        ) from None
    names = [item.name for item in dataclasses.fields(SummaryRow)]
    columns: dict[str, list[object]] = {name: [] for name in names}
    for row in Aggregates(store).rows():
        for name in names:
            columns[name].append(getattr(row, name))
    table = arrow.table(columns)
    parquet.write_table(table, str(path))
    return int(table.num_rows)
