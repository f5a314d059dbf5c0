"""Model card evidence on real and written cards; every corpus release, every extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence import claims, license_files, lineage, links, model_card
from opengrade.evidence.card import find_card, parse_card, read_card
from opengrade.model import Evidence, EvidenceKind, Scope, TextFile

from . import corpus_folders, corpus_snapshot, folder_snapshot, written_snapshot

EXTRACTORS = (model_card, license_files, links, claims, lineage)


def of_kind(items: list[Evidence], kind: EvidenceKind) -> list[Evidence]:
    return [item for item in items if item.kind is kind]


def field(items: list[Evidence], name: str) -> Evidence:
    (found,) = [
        e for e in of_kind(items, EvidenceKind.CARD_FIELD) if e.payload.subject_text() == name
    ]
    return found


def test_every_corpus_release_goes_through_every_extractor(corpus: Path) -> None:
    folders = corpus_folders(corpus)
    assert len(folders) == 49
    for folder in folders:
        snapshot = corpus_snapshot(corpus, folder)
        lengths = {text.path: text.text.count("\n") + 1 for text in snapshot.texts}
        for extractor in EXTRACTORS:
            for item in extractor.extract(snapshot):
                where = item.provenance
                assert where.path or where.field, (folder, item)
                if where.path in lengths and where.line is not None:
                    assert 1 <= where.line <= lengths[where.path], (folder, item)
                    assert where.end_line is None or where.end_line >= where.line


def test_card_choice_follows_the_preference_order() -> None:
    def names(*paths: str) -> str | None:
        snapshot = written_snapshot(None, *((path, "x") for path in paths))
        card = find_card(snapshot)
        return card.path if card else None

    assert names("MODEL_CARD.md", "README.md") == "README.md"
    assert names("model-card.md", "MODEL_CARD.md") == "MODEL_CARD.md"
    assert names("README_WEIGHTS.md", "LICENSE") == "README_WEIGHTS.md"
    assert names("README_zh.md", "docs/README.md") == "README_zh.md"
    assert names("docs/README.md", "NOTICE") is None


def test_card_file_names_in_the_corpus(corpus: Path) -> None:
    llama = corpus_snapshot(corpus, "meta-llama__Llama-3.1-8B")
    assert (find_card(llama) or TextFile("", "")).path == "MODEL_CARD.md"
    deepseek = corpus_snapshot(corpus, "deepseek-ai__DeepSeek-V3")
    assert (find_card(deepseek) or TextFile("", "")).path == "README.md"


def test_a_release_without_card_is_a_problem_value(corpus: Path) -> None:
    items = model_card.extract(corpus_snapshot(corpus, "openai__gpt-4"))
    assert [(item.kind, item.payload.subject_text()) for item in items] == [
        (EvidenceKind.PROBLEM, "no-card")
    ]


def test_minilm_card_license_and_training_datasets(minilm_release: Path) -> None:
    items = model_card.extract(folder_snapshot(minilm_release, "sentence-transformers/x"))
    (declared,) = of_kind(items, EvidenceKind.LICENSE_DECLARED)
    assert (
        declared.payload.subject_text(),
        declared.payload.value_text(),
        declared.payload.detail_values()["via"],
    ) == (
        Scope.RELEASE,
        "apache-2.0",
        "license",
    )
    assert declared.provenance.field == "license" and declared.provenance.line == 3
    datasets = of_kind(items, EvidenceKind.DATASET)
    assert len(datasets) == 21
    assert {item.payload.value_text() for item in datasets} == {"training"}
    assert "embedding-data/QQP" in {item.payload.subject_text() for item in datasets}
    assert field(items, "datasets").payload.detail_values()["count"] == 21


def test_nllb_long_language_list_and_evaluation_dataset(corpus: Path) -> None:
    items = model_card.extract(corpus_snapshot(corpus, "facebook__nllb-200-distilled-600M"))
    language = field(items, "language")
    assert (
        isinstance(language.payload.detail_values()["count"], int)
        and language.payload.detail_values()["count"] > 150
    )
    assert len(language.payload.value_text()) < 200
    (dataset,) = of_kind(items, EvidenceKind.DATASET)
    assert (dataset.payload.subject_text(), dataset.payload.value_text()) == (
        "flores-200",
        "evaluation",
    )
    assert field(items, "license").provenance.line == 205


def test_gated_card_without_license_key(corpus: Path) -> None:
    items = model_card.extract(corpus_snapshot(corpus, "meta-llama__Llama-2-7b-hf"))
    assert of_kind(items, EvidenceKind.LICENSE_DECLARED) == []
    gating = {item.payload.subject_text() for item in of_kind(items, EvidenceKind.GATING)}
    assert {"extra_gated_heading", "extra_gated_prompt", "extra_gated_fields"} <= gating


def test_license_other_with_name_and_link(corpus: Path) -> None:
    items = model_card.extract(corpus_snapshot(corpus, "google__gemma-2b-it"))
    declared = {
        e.payload.detail_values()["via"]: e.payload.value_text()
        for e in of_kind(items, EvidenceKind.LICENSE_DECLARED)
    }
    assert declared["license"] == "other"
    assert declared["license_name"] == "gemma-terms-of-use"
    assert declared["license_link"].startswith("https://ai.google.dev/")
    assert of_kind(items, EvidenceKind.GATING)


def test_model_index_results(corpus: Path) -> None:
    items = model_card.extract(
        corpus_snapshot(corpus, "ibm-granite__granite-3b-code-instruct-128k")
    )
    results = of_kind(items, EvidenceKind.EVAL_RESULT)
    assert len(results) > 5
    assert len({result.payload.subject_text() for result in results}) == len(results)
    first = results[0]
    assert first.payload.subject_text().startswith("text-generation/HumanEvalSynthesis")
    assert first.payload.detail_values()["dataset_type"] == "bigcode/humanevalpack"
    assert first.payload.value_text().startswith("pass@1=")
    assert first.payload.detail_values()["verified"] is False
    assert first.provenance.field == "model-index"
    training = {
        e.payload.subject_text(): e.payload.value_text()
        for e in of_kind(items, EvidenceKind.DATASET)
    }
    assert training["bigcode/commitpackft"] == "training"


def test_sections_have_a_category_a_span_and_a_size(minilm_release: Path) -> None:
    items = model_card.extract(folder_snapshot(minilm_release))
    sections = {
        item.payload.subject_text(): item for item in of_kind(items, EvidenceKind.CARD_SECTION)
    }
    assert {"intended-use", "training-procedure", "training-data", "how-to-use"} <= set(sections)
    data = sections["training-data"]
    assert data.provenance.line is not None and data.provenance.end_line is not None
    assert data.provenance.end_line > data.provenance.line
    assert (
        isinstance(data.payload.detail_values()["chars"], int)
        and data.payload.detail_values()["chars"] > 1000
    )


def test_sections_of_a_written_card() -> None:
    card = "\n".join(
        [
            "---",
            "license: mit",
            "---",
            "# Some Model",
            "## Bias, Risks, and Limitations",
            "Text.",
            "```python",
            "# Citation in a code block is not a heading",
            "```",
            '<h2 align="center">Environmental Impact</h2>',
            "Emissions.",
            "## Out-of-Scope Use",
            "## Citation",
            "bibtex",
        ]
    )
    items = model_card.extract(written_snapshot(card))
    found = [
        (e.payload.subject_text(), e.provenance.line)
        for e in of_kind(items, EvidenceKind.CARD_SECTION)
    ]
    assert ("bias", 5) in found and ("limitations", 5) in found
    assert ("environmental-impact", 10) in found
    assert ("out-of-scope", 12) in found
    assert ("citation", 13) in found
    assert ("citation", 8) not in found


def test_broken_yaml_card_is_a_finding_and_the_rest_is_extracted() -> None:
    card = (
        "---\nlicense: apache-2.0\ndatasets:\n- org/data\nwidget: {broken\n---\n# Training Data\n"
    )
    items = model_card.extract(written_snapshot(card))
    problems = of_kind(items, EvidenceKind.PROBLEM)
    assert (
        problems[0].payload.subject_text() == "yaml-invalid"
        and problems[0].provenance.line is not None
    )
    assert [e.payload.value_text() for e in of_kind(items, EvidenceKind.LICENSE_DECLARED)] == [
        "apache-2.0"
    ]
    assert [e.payload.subject_text() for e in of_kind(items, EvidenceKind.DATASET)] == ["org/data"]
    assert of_kind(items, EvidenceKind.CARD_SECTION)[0].payload.subject_text() == "training-data"


def test_base_model_list_and_card_kind() -> None:
    card = "---\nbase_model:\n- a/one\n- b/two\nbase_model_relation: merge\n---\ntext\n"
    items = model_card.extract(written_snapshot(card))
    assert field(items, "base_model").payload.value_text() == "a/one, b/two"
    assert field(items, "base_model_relation").payload.value_text() == "merge"
    assert of_kind(items, EvidenceKind.CARD)[0].payload.value_text() == "front-matter"


@pytest.mark.parametrize(
    "folder", ["CohereForAI__c4ai-command-r-plus", "deepseek-ai__DeepSeek-R1", "microsoft__phi-2"]
)
def test_cards_without_front_matter(corpus: Path, folder: str) -> None:
    items = model_card.extract(corpus_snapshot(corpus, folder))
    assert of_kind(items, EvidenceKind.CARD)[0].payload.value_text() == "no-front-matter"
    assert of_kind(items, EvidenceKind.PROBLEM) == []


def test_binary_looking_card_does_not_break_parsing() -> None:
    text = "---\nlicense: mit\n---\n" + "\ufffd\x00\x01" * 1000 + "\n# Uses\n"
    card = parse_card(TextFile("README.md", text))
    assert card.front_matter.fields["license"] == "mit"
    assert [h.title for h in card.headings] == ["Uses"]


def test_card_is_parsed_once(corpus: Path) -> None:
    snapshot = corpus_snapshot(corpus, "tiiuae__falcon-40b")
    assert read_card(snapshot) is read_card(snapshot)


ADVERSARIAL = {
    "brackets": "[" * 100_000,
    "images": "![" * 50_000,
    "html-headings": "<h1>" * 25_000,
    "anchors": '<a href="' * 10_000,
    "phrases": "open source " * 8_000,
    "triggers": "is based on " * 8_000,
    "headings": "# h\n" * 25_000,
    "parentheses": "https://x.org/" + "(a" * 50_000,
    "control": "\x00\ufffd\x1b" * 30_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_cards_go_through_every_extractor(name: str) -> None:
    snapshot = written_snapshot("---\nlicense: mit\n---\n" + ADVERSARIAL[name])
    found = [item for extractor in EXTRACTORS for item in extractor.extract(snapshot)]
    assert [
        item.payload.value_text() for item in found if item.kind is EvidenceKind.LICENSE_DECLARED
    ] == ["mit"]
    assert len(found) < 1000


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Constraints", []),
        ("Excited to share", []),
        ("Environment setup", []),
        ("RedPajama-INCITE-Base", []),
        ("Training Details", ["training-procedure"]),
        ("Finetune code", ["training-procedure"]),
        ("Pre-training", ["training-procedure"]),
        ("Citation", ["citation"]),
        ("How to cite", ["citation"]),
        ("Environmental Impact", ["environmental-impact"]),
        ("Carbon footprint", ["environmental-impact"]),
        ("CO2 emissions", ["environmental-impact"]),
        ("Limitations and biases", ["limitations", "bias"]),
    ],
)
def test_headings_are_categorised_on_whole_words(title: str, expected: list[str]) -> None:
    assert model_card.categorise(title) == expected


def test_weak_sub_heading_inherits_its_parent_category() -> None:
    card = "\n".join(
        [
            "# Toy",
            "## Benchmark scores",
            "### Base pretrained models",
            "| task | score |",
            "## Fine-tuned models",
            "A list of our fine-tuned variants.",
        ]
    )
    items = model_card.extract(written_snapshot(card))
    found = [
        (e.payload.subject_text(), e.payload.value_text())
        for e in of_kind(items, EvidenceKind.CARD_SECTION)
    ]
    assert ("evaluation", "Base pretrained models") in found
    assert ("training-procedure", "Base pretrained models") not in found
    assert ("training-procedure", "Fine-tuned models") in found  # no parent to inherit from


def test_llama_benchmark_tables_are_evaluation(corpus: Path) -> None:
    items = model_card.extract(corpus_snapshot(corpus, "meta-llama__Llama-3.1-8B"))
    sections = of_kind(items, EvidenceKind.CARD_SECTION)
    benchmark = next(e for e in sections if e.payload.value_text() == "Benchmark scores")
    assert benchmark.payload.subject_text() == "evaluation"
    names = {"Base pretrained models", "Instruction tuned models"}
    tables = [e for e in sections if e.payload.value_text() in names]
    assert [e.payload.subject_text() for e in tables] == ["evaluation", "evaluation"]
    end = benchmark.provenance.end_line or 0
    assert all(benchmark.provenance.line < (e.provenance.line or 0) <= end for e in tables)


def test_card_choice_is_the_sources_rule() -> None:
    def names(*paths: str) -> str | None:
        snapshot = written_snapshot(None, *((path, "x") for path in paths))
        card = find_card(snapshot)
        return card.path if card else None

    assert names("readme.md", "README.md") == "README.md"
    assert names("README.md", "readme.md") == "README.md"
    assert names("GITHUB_README.md", "LICENSE") == "GITHUB_README.md"
    assert names("GITHUB_README.md", "README_zh.md") == "README_zh.md"
