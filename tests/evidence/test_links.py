"""Links from card metadata and prose, classified and normalised."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence.links import classify, extract, tidy
from opengrade.model import Evidence, LinkKind

from . import corpus_snapshot, written_snapshot


def by_value(items: list[Evidence]) -> dict[str, Evidence]:
    return {item.payload.value_text(): item for item in items}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/a.", "https://example.org/a"),
        ("https://example.org/a),", "https://example.org/a"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)).", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://example.org/x**", "https://example.org/x"),
        ("https://example.org/x]", "https://example.org/x"),
        ("https://example.org/?q=1;", "https://example.org/?q=1"),
    ],
)
def test_trailing_punctuation_is_stripped(raw: str, expected: str) -> None:
    assert tidy(raw) == expected


@pytest.mark.parametrize(
    ("url", "kind", "identifier"),
    [
        ("https://arxiv.org/abs/2307.09288", LinkKind.PAPER, "arxiv:2307.09288"),
        ("https://arxiv.org/pdf/2307.09288v2.pdf", LinkKind.PAPER, "arxiv:2307.09288"),
        ("https://doi.org/10.1145/123.456", LinkKind.PAPER, "doi:10.1145/123.456"),
        ("https://huggingface.co/papers/2402.00838", LinkKind.PAPER, "arxiv:2402.00838"),
        ("https://github.com/org/repo", LinkKind.CODE, None),
        ("https://gitlab.com/org/repo/-/tree/main", LinkKind.CODE, None),
        ("https://github.com/org/repo/blob/main/LICENSE", LinkKind.LICENSE, None),
        ("https://huggingface.co/datasets/org/data", LinkKind.DATASET, "hf-dataset:org/data"),
        ("https://huggingface.co/datasets/squad", LinkKind.DATASET, "hf-dataset:squad"),
        ("https://huggingface.co/org/model", LinkKind.MODEL, "hf:org/model"),
        ("https://huggingface.co/org/model/tree/main", LinkKind.MODEL, "hf:org/model"),
        ("https://huggingface.co/org/model/blob/main/LICENSE", LinkKind.LICENSE, None),
        ("https://huggingface.co/spaces/org/app", LinkKind.DEMO, None),
        ("https://huggingface.co/spaces/org/model-license", LinkKind.LICENSE, None),
        ("https://huggingface.co/blog/post", LinkKind.OTHER, None),
        ("https://discuss.huggingface.co/t/some-topic/123", LinkKind.OTHER, None),
        ("https://wandb.ai/team/project/reports/x", LinkKind.LOGS, None),
        ("https://opensource.org/licenses/MIT", LinkKind.LICENSE, None),
        ("https://creativecommons.org/licenses/by/4.0/", LinkKind.LICENSE, None),
        ("https://ai.meta.com/llama/license/", LinkKind.LICENSE, None),
        ("https://example.com/files/technical-report.pdf", LinkKind.REPORT, None),
        ("https://img.shields.io/badge/x", None, None),
    ],
)
def test_classification(url: str, kind: LinkKind | None, identifier: str | None) -> None:
    assert classify(url) == (kind, identifier)


def test_link_text_can_name_a_report_or_a_demo() -> None:
    assert classify("https://example.com/blog/post", "Technical Report")[0] is LinkKind.REPORT
    assert classify("https://chat.example.com", "Try the demo")[0] is LinkKind.DEMO


def test_markdown_html_bare_and_bibtex_links_deduplicated() -> None:
    card = "\n".join(
        [
            "---",
            "license_link: LICENSE",
            "---",
            "See [the paper](https://arxiv.org/abs/2401.00001) and the code (https://github.com/o/r).",
            '<a href="https://huggingface.co/datasets/o/d">data</a>',
            "Again: https://github.com/o/r.",
            "```bibtex",
            "@misc{x, eprint={2401.00001}, archivePrefix={arXiv}}",
            "```",
            "![logo](https://example.com/logo.png)",
        ]
    )
    items = by_value(extract(written_snapshot(card)))
    assert items["LICENSE"].payload.kind is LinkKind.LICENSE
    assert items["LICENSE"].provenance.field == "license_link"
    assert items["arxiv:2401.00001"].provenance.line == 4
    assert (
        items["arxiv:2401.00001"].payload.detail_values()["url"]
        == "https://arxiv.org/abs/2401.00001"
    )
    assert items["https://github.com/o/r"].provenance.line == 4
    assert items["hf-dataset:o/d"].provenance.line == 5
    assert "https://example.com/logo.png" not in items
    assert len([value for value in items if "github.com/o/r" in value]) == 1


def test_olmo_links_code_logs_paper_dataset(corpus: Path) -> None:
    items = by_value(extract(corpus_snapshot(corpus, "allenai__OLMo-7B")))
    assert items["https://github.com/allenai/OLMo"].payload.kind is LinkKind.CODE
    assert items["arxiv:2402.00838"].payload.kind is LinkKind.PAPER
    assert items["hf-dataset:allenai/dolma"].payload.kind is LinkKind.DATASET
    logs = [item for item in items.values() if item.payload.kind is LinkKind.LOGS]
    assert logs and logs[0].payload.value_text().startswith("https://wandb.ai/")


def test_adjacent_markdown_links_stay_apart(corpus: Path) -> None:
    items = extract(corpus_snapshot(corpus, "tiiuae__falcon-40b"))
    values = {item.payload.value_text() for item in items}
    assert "hf:tiiuae/falcon-7b" in values and "hf:tiiuae/falcon-40b" in values
    assert not any(")" in value and "(" not in value for value in values)


def test_relative_license_link_and_folded_license_link(corpus: Path) -> None:
    cascade = by_value(extract(corpus_snapshot(corpus, "stabilityai__stable-cascade")))
    assert cascade["LICENSE"].payload.kind is LinkKind.LICENSE
    nemotron = extract(corpus_snapshot(corpus, "nvidia__Nemotron-4-340B-Instruct"))
    licenses = [item for item in nemotron if item.payload.kind is LinkKind.LICENSE]
    assert licenses[0].payload.value_text().endswith(".pdf") and licenses[0].provenance.line == 4


def test_minilm_names_its_base_model_and_papers(corpus: Path) -> None:
    items = by_value(extract(corpus_snapshot(corpus, "sentence-transformers__all-MiniLM-L6-v2")))
    assert items["hf:nreimers/MiniLM-L6-H384-uncased"].payload.kind is LinkKind.MODEL
    assert sum(item.payload.kind is LinkKind.PAPER for item in items.values()) >= 10
    assert not any(value.startswith("hf:t/") for value in items)


@pytest.mark.parametrize(
    ("url", "text", "kind"),
    [
        ("https://github.com/org/repo", "", LinkKind.CODE),
        ("https://github.com/org/repo/tree/main/src", "", LinkKind.CODE),
        ("https://github.com/org/repo/blob/main/train.py", "", LinkKind.CODE),
        ("https://github.com/org/repo/blob/main/README.md", "README", LinkKind.OTHER),
        ("https://github.com/org/repo/blob/main/docs/eval_details.md", "here", LinkKind.REPORT),
        ("https://github.com/org/repo/raw/main/notes.pdf", "our paper", LinkKind.REPORT),
        ("https://gitlab.com/org/repo/-/blob/main/RESULTS.md", "evaluation", LinkKind.REPORT),
        ("https://github.com/org/repo/blob/main/docs/retraining.md", "", LinkKind.OTHER),
    ],
)
def test_documents_in_code_repositories_are_not_code(url: str, text: str, kind: LinkKind) -> None:
    assert classify(url, text)[0] is kind


def test_llama_model_card_document_links(corpus: Path) -> None:
    found = by_value(extract(corpus_snapshot(corpus, "meta-llama__Llama-3.1-8B")))
    base = "https://github.com/meta-llama/llama-models/blob/main/"
    assert found[base + "README.md"].payload.kind is LinkKind.OTHER
    assert found[base + "models/llama3_1/eval_details.md"].payload.kind is LinkKind.REPORT
    assert found["https://github.com/meta-llama/llama-recipes"].payload.kind is LinkKind.CODE
