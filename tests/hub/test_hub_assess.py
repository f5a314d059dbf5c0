"""``opengrade assess ORG/NAME`` against the loopback Hub agrees with grading the corpus folder
locally, plus what only the Hub knows (the listed weights exist), and downloads no weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakehub import FakeHub

from opengrade.cli import EXIT_OK, EXIT_UNREADABLE, main
from opengrade.model import Scope
from opengrade.model.assessment import ComponentStatus
from opengrade.model.report import Report
from opengrade.pipeline import assess

# What the Hub adds to a local copy: the weights it lists are published (present), its branches
# may hold checkpoints, and it describes the named datasets.
HUB_ONLY = {
    "Model parameters (Final)",
    "Model parameters (Intermediate)",
    "Datasets",
    "Evaluation data",
    "Data card",
}


def _weights_licenses(report: Report) -> list[str | None]:
    return sorted(str(use.key) for use in report.licensing.concluded(Scope.WEIGHTS))


@pytest.mark.corpus
def test_every_corpus_release_grades_the_same_from_the_hub(
    corpus: Path, corpus_hub: FakeHub
) -> None:
    folders = sorted(path for path in (corpus / "models").iterdir() if path.is_dir())
    for folder in folders:
        org, name = folder.name.split("__", 1)
        local = assess(str(folder))
        remote = assess(f"{org}/{name}")
        assert remote.snapshot.source == "hub"
        assert remote.snapshot.revision, folder.name
        assert _weights_licenses(remote) == _weights_licenses(local), folder.name
        local_status = {c.name: c.status for c in local.mof.components}
        for component in remote.mof.components:
            if component.name not in HUB_ONLY:
                assert component.status == local_status[component.name], (
                    folder.name,
                    component.name,
                )
        listed = [f for f in local.snapshot.files if f.kind == "weights" and not f.present]
        final = next(c for c in remote.mof.components if c.name == "Model parameters (Final)")
        if listed:
            assert final.status is not ComponentStatus.MISSING, folder.name
            assert final.how == "file", folder.name  # present: the Hub lists it as published
    served = [
        count
        for folder in folders
        for count in corpus_hub.weight_bytes_served(folder.name.replace("__", "/", 1)).values()
    ]
    assert served and max(served) <= 64 * 1024


@pytest.mark.corpus
def test_cli_assess_of_a_hub_id_records_the_commit(
    corpus_hub: FakeHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", "EleutherAI/pythia-6.9b", "--format", "json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["release"]["source"] == "hub"
    assert report["release"]["revision"]
    intermediate = next(
        c for c in report["mof"]["components"] if c["name"] == "Model parameters (Intermediate)"
    )
    assert intermediate["status"] == "open"


def test_missing_hub_repository_exits_3(
    empty_hub: FakeHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", "nobody/nothing"]) == EXIT_UNREADABLE
    assert "nobody/nothing" in capsys.readouterr().err


@pytest.mark.corpus
def test_assess_of_a_hub_derivative_reads_its_base_terms(
    corpus_hub: FakeHub, capsys: pytest.CaptureFixture[str]
) -> None:
    from fakehub_content import FakeRepo, real_file

    repo = corpus_hub.add_repo(FakeRepo("test-org/llama-tune"))
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# llama-tune\n"
    repo.add(real_file("README.md", data=card.encode()))
    assert main(["assess", "test-org/llama-tune", "--format", "json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert [(i["base"], i["license"], i["source"]) for i in report["lineage"]] == [
        ("meta-llama/Llama-3.1-8B", "llama3.1", "base-release")
    ]
    assert any(f["code"] == "relicensed-against-base" for f in report["findings"])
    weights = [u for u in report["licenses"] if u["scope"] == "weights"]
    assert {"llama3.1"} <= {u["key"] for u in weights}
