"""``opengrade scan`` of Hub ids (the loopback Hub): a grade is kept under the Hub commit it
graded, and a second scan of the same commits adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakehub import FakeHub

from opengrade.cli import main
from opengrade.store import open_store

pytestmark = pytest.mark.corpus


def test_hub_releases_are_stored_under_their_commit(
    corpus_hub: FakeHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = ["EleutherAI/pythia-6.9b", "google/gemma-2b-it"]
    store = str(tmp_path / "inventory.db")
    assert main(["scan", *ids, "--store", store, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 2
    with open_store(store) as opened:
        grades = {grade.release_id: grade for grade in opened.latest()}
        assert set(grades) == set(ids)
        for grade in grades.values():
            report = json.loads(opened.report_text(grade))
            assert grade.source == "hub" and grade.release_key == f"hub:{grade.release_id}"
            assert report["release"]["revision"] and grade.revision == report["release"]["revision"]
    assert main(["scan", *ids, "--store", store, "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["unchanged"]) == (0, 2)
