"""``opengrade stats`` over a store filled by a Hub scan: counts that add up to the store's own
summary columns, every format, and the Parquet export."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from fakehub import FakeHub

from opengrade.cli import main
from opengrade.scan.engines.local import InProcessEngine
from opengrade.scan.hub_scan import scan_hub
from opengrade.sources.hub.lister import ListingQuery
from opengrade.store import open_store


@pytest.fixture
def filled_store(small_hub: FakeHub, tmp_path: Path) -> Path:
    path = tmp_path / "inventory.db"
    with open_store(str(path)) as store:
        scan_hub(ListingQuery(), store, InProcessEngine())
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(["stats", *argv])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_counts_add_up_to_the_stored_grades(
    filled_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = json.loads(_run(capsys, "--store", str(filled_store), "--format", "json"))
    with open_store(str(filled_store)) as store:
        grades = store.latest()
    assert stats["total"] == len(grades) > 150
    openness = Counter(
        "unknown"
        if (terms := g.summary.terms("weights")) is None or terms.open is None
        else "open"
        if terms.open
        else "not open"
        for g in grades
    )
    assert {item["value"]: item["count"] for item in stats["weights"]} == dict(openness)
    for section in ("weights", "licenses", "categories", "mof_classes", "osaid"):
        assert sum(item["count"] for item in stats[section]) == stats["total"], section
    with_code = Counter(code for g in grades for code in {f.code for f in g.summary.findings})
    assert {item["value"]: item["count"] for item in stats["findings"]} == dict(with_code)
    assert stats["relicensed"] == with_code.get("relicensed-against-base", 0)
    assert stats["families"], "derivative cards name their bases"
    family = stats["families"][0]
    assert family["derivatives"] == sum(item["count"] for item in family["declared"])


def test_breakdown_text_and_csv(filled_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _run(capsys, "--store", str(filled_store), "--by", "author")
    assert "releases (the latest grade of each)" in text and "weights by author" in text
    rows = list(
        csv.DictReader(io.StringIO(_run(capsys, "--store", str(filled_store), "--format", "csv")))
    )
    weights = {row["value"]: int(row["count"]) for row in rows if row["section"] == "weights"}
    stats = json.loads(_run(capsys, "--store", str(filled_store), "--format", "json"))
    assert sum(weights.values()) == stats["total"]


def test_parquet_export_holds_the_summary_columns(
    filled_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the parquet extra; pyarrow is missing")
        pytest.skip("pyarrow is not installed (pip install 'opengrade[parquet]')")
    target = tmp_path / "summary.parquet"
    _run(capsys, "--store", str(filled_store), "--format", "parquet", "-o", str(target))
    table = parquet.read_table(str(target))
    with open_store(str(filled_store)) as store:
        assert table.num_rows == store.count()
    assert {"release_id", "weights_license", "weights_open", "osaid_verdict"} <= set(
        table.column_names
    )


def test_parquet_needs_an_output_file(
    filled_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--store", str(filled_store), "--format", "parquet"]) == 2
    assert "-o FILE.parquet" in capsys.readouterr().err
