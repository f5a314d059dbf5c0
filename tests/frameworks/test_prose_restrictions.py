"""Restrictions the card states in prose decide the weights' terms: ChatGLM3 and Baichuan2 call
themselves open source and make commercial use conditional, and no release with open terms is
restricted by a sentence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from corpus_releases import Inputs, release_inputs

from opengrade.evidence import extract_evidence
from opengrade.frameworks.openwashing import find_openwashing
from opengrade.frameworks.osaid import assess_osaid
from opengrade.licenses.conclude import conclude
from opengrade.model import EvidenceKind, ReleaseFile, ReleaseSnapshot, Scope, SourceKind, TextFile
from opengrade.model.findings import Severity
from opengrade.model.licensing import RESTRICTION_VIA
from opengrade.model.release import FileKind

CORPUS_FOLDERS = "models"


def _restrictions(inputs: Inputs) -> list[tuple[str, str]]:
    return [
        (str(item.provenance), item.payload.value_text())
        for item in inputs.evidence
        if item.kind is EvidenceKind.LICENSE_DECLARED
        and item.payload.detail_values().get("via") == RESTRICTION_VIA
    ]


@pytest.mark.parametrize("folder", ["THUDM__chatglm3-6b", "baichuan-inc__Baichuan2-7B-Base"])
def test_self_claimed_open_release_with_conditional_commercial_use(
    corpus: Path, folder: str
) -> None:
    inputs = release_inputs(corpus, folder)
    stated = _restrictions(inputs)
    assert any("commercial" in sentence for _, sentence in stated)
    findings = find_openwashing(
        inputs.evidence,
        inputs.licensing,
        release_id=inputs.release_id,
        terms_for=inputs.terms_for,
        osaid=assess_osaid(
            inputs.evidence,
            inputs.licensing,
            terms_for=inputs.terms_for,
            release_id=inputs.release_id,
        ),
    )
    restricted = [f for f in findings if f.code == "restricted-weights-claimed-open"]
    assert [f.severity for f in restricted] == [Severity.HIGH]
    # the finding cites a restricting sentence (Baichuan2's also names the agreement its card
    # links, which then states the terms; ChatGLM3's quotes the sentence itself)
    assert {where for where, _ in stated} & set(restricted[0].evidence)
    assert not any(f.code == "claimed-open-terms-unknown" for f in findings)
    assert inputs.licensing.openness(Scope.WEIGHTS) is False


def test_no_release_with_open_terms_is_restricted_by_a_sentence(corpus: Path) -> None:
    folders = sorted(path.name for path in (corpus / CORPUS_FOLDERS).iterdir() if path.is_dir())
    restricted = 0
    for folder in folders:
        inputs = release_inputs(corpus, folder)
        if not _restrictions(inputs):
            continue
        restricted += 1
        uses = tuple(use for use in inputs.licensing.uses if use.via != RESTRICTION_VIA)
        without = dataclasses.replace(inputs.licensing, uses=uses)
        assert without.openness(Scope.WEIGHTS) is not True, folder
    assert restricted >= 2


def test_a_known_restrictive_license_is_not_repeated_by_the_sentence(corpus: Path) -> None:
    inputs = release_inputs(corpus, "Qwen__Qwen-72B")
    assert _restrictions(inputs)
    concluded = inputs.licensing.concluded(Scope.WEIGHTS)
    assert all(use.via != RESTRICTION_VIA for use in concluded)


def _weights_openness(card: str) -> bool | None:
    snapshot = ReleaseSnapshot(
        "someone/some-model",
        SourceKind.LOCAL,
        "/written",
        files=(ReleaseFile("README.md", len(card), FileKind.CARD),),
        texts=(TextFile("README.md", card),),
    )
    licensing, _ = conclude(snapshot, extract_evidence(snapshot))
    return licensing.openness(Scope.WEIGHTS)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This model is for research purposes only.", True),  # a disclaimer beside Apache-2.0
        ("To apply for a commercial license, please fill in the application form.", False),
        ("Commercial use requires fewer than 1 million daily active users.", False),
    ],
)
def test_beside_an_open_license_only_conditions_bind(sentence: str, expected: bool) -> None:
    card = f"---\nlicense: apache-2.0\n---\n# A model\n\n{sentence}\n"
    assert _weights_openness(card) is expected


def test_research_only_decides_when_no_open_license_is_named() -> None:
    card = "---\nlicense: other\n---\n# A model\n\nThe weights are for research purposes only.\n"
    assert _weights_openness(card) is False


def test_yi_news_of_older_terms_is_not_a_restriction(corpus: Path) -> None:
    # The card's news lists the older Community License and an application form for an
    # invited test; its weights are Apache-2.0 today.
    inputs = release_inputs(corpus, "01-ai__Yi-6B")
    assert _restrictions(inputs) == []
    assert inputs.licensing.openness(Scope.WEIGHTS) is True
