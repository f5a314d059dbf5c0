"""Only the release's own paper stands for MOF's research paper, not papers the card cites."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.frameworks.papers import own_documents
from opengrade.model import EvidenceKind, LinkKind
from opengrade.pipeline import inspect


def _own(folder: Path) -> list[str]:
    snapshot, evidence = inspect(str(folder))
    links = [
        item
        for item in evidence
        if item.kind is EvidenceKind.LINK
        and item.payload.subject_text() in (LinkKind.PAPER, LinkKind.REPORT)
    ]
    return [item.payload.value_text() for item in own_documents(snapshot, evidence, links)]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("release", "paper"),
    [
        ("openai__whisper-large-v3", "arxiv:2212.04356"),  # a Hub papers page, then cited
        ("allenai__OLMo-7B", "arxiv:2402.00838"),  # "- **Paper:** [Link](...)"
        ("mistralai__Mistral-7B-v0.1", "arxiv:2310.06825"),  # "read our [paper](...)"
        ("LLM360__Amber", "arxiv:2312.06550"),  # in the citation section
    ],
)
def test_the_release_paper_is_found(corpus: Path, release: str, paper: str) -> None:
    assert _own(corpus / "models" / release)[0] == paper


@pytest.mark.corpus
def test_a_paper_cited_for_carbon_accounting_is_not_the_release_paper(corpus: Path) -> None:
    own = _own(corpus / "models" / "meta-llama__Llama-3.1-8B")
    assert "arxiv:2204.05149" not in own
