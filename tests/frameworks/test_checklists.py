"""The evaluation-disclosure and reproducibility-readiness checklists, on real releases and on
fixture folders written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opengrade import LinkedInputs
from opengrade.frameworks.checklists import evaluate_checklists
from opengrade.model.checklists import ChecklistStatus
from opengrade.pipeline import assess, inspect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"


def _statuses(path: Path) -> dict[str, ChecklistStatus]:
    snapshot, evidence = inspect(str(path))
    return {
        item.id: item.status
        for checklist in evaluate_checklists(snapshot, evidence)
        for item in checklist.items
    }


def test_every_item_is_mapped_to_mof_and_osaid() -> None:
    report = assess(str(FIXTURES / "toy-release"), linked=LinkedInputs(reproducible=True))
    assert [item.id for item in report.checklists] == [
        "evaluation-disclosure",
        "reproducibility-readiness",
    ]
    for checklist in report.checklists:
        assert len(checklist.items) == 6
        for item in checklist.items:
            assert item.mof and item.osaid and item.reason
            if item.status is not ChecklistStatus.NOT_MET:
                assert item.evidence, item.id  # every met or declared item cites its evidence


def test_shipped_scripts_meet_the_code_items() -> None:
    statuses = _statuses(FIXTURES / "toy-release")
    assert statuses["training-code"] is ChecklistStatus.MET  # train_toy.py
    assert statuses["evaluation-code"] is ChecklistStatus.MET  # evaluate_toy.py


def test_a_card_without_sections_meets_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# A model\n\nWeights.\n")
    statuses = _statuses(tmp_path)
    assert set(statuses.values()) == {ChecklistStatus.NOT_MET}


def test_sections_and_links_are_met_or_declared(tmp_path: Path) -> None:
    card = """---
license: apache-2.0
datasets: [squad]
---
# A model

Code: https://github.com/example/model-training

## Training procedure

Learning rate 3e-4, batch size 256, 10 epochs.

## Bias, risks and limitations

It inherits the biases of its data.

## Hardware

8 A100 GPUs for 30 hours.
"""
    (tmp_path / "README.md").write_text(card)
    statuses = _statuses(tmp_path)
    assert statuses["training-code"] is ChecklistStatus.DECLARED  # linked, not read
    assert statuses["configuration"] is ChecklistStatus.MET
    assert statuses["bias-fairness"] is ChecklistStatus.MET
    assert statuses["limitations"] is ChecklistStatus.MET
    assert statuses["compute-environment"] is ChecklistStatus.MET
    assert statuses["intermediate-checkpoints"] is ChecklistStatus.NOT_MET


@pytest.mark.corpus
def test_model_index_results_meet_evaluation_results_and_data(corpus: Path) -> None:
    releases = sorted((corpus / "models").iterdir())
    with_index = []
    for release in releases:
        snapshot, evidence = inspect(str(release))
        if any(item.kind.value == "eval-result" for item in evidence):
            with_index.append(release)
            statuses = {
                item.id: item.status
                for checklist in evaluate_checklists(snapshot, evidence)
                for item in checklist.items
            }
            assert statuses["evaluation-results"] is ChecklistStatus.MET, release.name
            assert statuses["evaluation-data"] is ChecklistStatus.MET, release.name
    assert with_index, "no corpus release has model-index results"


def test_a_broken_validation_record_is_not_met(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# A model\n")
    (tmp_path / "opengrade-validation.json").write_text(json.dumps({"kind": "something-else"}))
    report = assess(str(tmp_path), linked=LinkedInputs(reproducible=True))
    item = report.checklists[0].items[-1]
    assert item.status is ChecklistStatus.NOT_MET
    assert "not an opengrade validation report" in item.reason
