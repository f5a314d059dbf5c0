"""``opengrade bom`` and ``assess --bom``: validated BOMs with real file hashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from opengrade.cli import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main

MINILM_ID = "sentence-transformers/all-MiniLM-L6-v2"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_cyclonedx_for_minilm_carries_the_weights_hash_and_base(
    minilm_release: Path, tmp_path: Path
) -> None:
    target = tmp_path / "bom.json"
    args = ["bom", str(minilm_release), "--id", MINILM_ID, "-o", str(target)]
    assert main(args) == EXIT_OK
    document = json.loads(target.read_text())
    assert document["specVersion"] == "1.6"
    text = target.read_text()
    assert _sha256(minilm_release / "model.safetensors") in text
    assert "nreimers/MiniLM-L6-H384-uncased" in text


def test_spdx_to_stdout_is_reproducible(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for _ in range(2):
        args = ["bom", str(minilm_release), "--format", "spdx", "--reproducible"]
        assert main(args) == EXIT_OK
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    graph = json.loads(outputs[0])["@graph"]
    assert any(node.get("type") == "ai_AIPackage" for node in graph)


def test_cyclonedx_1_7_is_selectable(
    minilm_release: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bom", str(minilm_release), "--spec-version", "1.7"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["specVersion"] == "1.7"


def test_assess_writes_the_bom_beside_the_grade(
    minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "minilm.spdx.json"
    args = ["assess", str(minilm_release), "--bom", str(target), "--bom-format", "spdx"]
    assert main(args) == EXIT_OK
    assert "MOF" in capsys.readouterr().out
    assert json.loads(target.read_text())["@context"].endswith("spdx-context.jsonld")


def test_unwritable_bom_path_is_reported(
    minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-dir" / "bom.json"
    assert main(["bom", str(minilm_release), "-o", str(target)]) == EXIT_USAGE
    assert "cannot write" in capsys.readouterr().err
    assert not target.exists()


def test_missing_release_exits_3(tmp_path: Path) -> None:
    assert main(["bom", str(tmp_path / "absent")]) == EXIT_UNREADABLE


def test_hashes_are_cached_for_the_next_run(
    minilm_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setenv("OPENGRADE_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["bom", str(minilm_release), "-o", str(tmp_path / "bom.json")]) == EXIT_OK
    databases = list((tmp_path / "cache").glob("*"))
    assert databases, "the hash cache was not created"
    with sqlite3.connect(databases[0]) as connection:
        rows = connection.execute("SELECT path, sha256 FROM digests").fetchall()
    cached = {Path(path).name: digest for path, digest in rows}
    assert cached["model.safetensors"] == _sha256(minilm_release / "model.safetensors")
