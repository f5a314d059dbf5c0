"""Golden Markdown reports for a representative set of real releases, reviewed by reading them.

Regenerate after an intended change with ``OPENGRADE_UPDATE_GOLDEN=1 pytest tests/formats``,
then read the diff: every changed verdict must be explainable from the evidence it cites.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from opengrade import LinkedInputs, assess
from opengrade.formats.markdown import MarkdownFormat

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
RELEASES = [
    "meta-llama__Llama-3.1-8B",
    "deepseek-ai__DeepSeek-V3",
    "allenai__OLMo-7B",
    "tiiuae__falcon-40b",
    "mattshumer__Reflection-Llama-3.1-70B",
    "runwayml__stable-diffusion-v1-5",
    "mistralai__Mistral-7B-v0.1",
    "EleutherAI__pythia-6.9b",
    "CohereForAI__c4ai-command-r-plus",
    "openai__whisper-large-v3",
    "Qwen__Qwen-72B",
    "google__gemma-2b-it",
]


def _check(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.md"
    if os.environ.get("OPENGRADE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden report {path.name}: run with OPENGRADE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("name", RELEASES)
def test_corpus_release_matches_its_golden_report(name: str, corpus: Path) -> None:
    report = assess(str(corpus / "models" / name), linked=LinkedInputs(reproducible=True))
    _check(name, MarkdownFormat().render(report))


def test_minilm_matches_its_golden_report(minilm_release: Path) -> None:
    linked = LinkedInputs(release_id="sentence-transformers/all-MiniLM-L6-v2", reproducible=True)
    report = assess(str(minilm_release), linked=linked)
    _check("minilm-pypi", MarkdownFormat().render(report))
