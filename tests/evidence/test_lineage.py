"""Lineage from metadata and from prose, resolved to Hub ids where the card links them."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.evidence.card import Sentence
from opengrade.evidence.lineage import extract, from_sentence, resolve
from opengrade.model import Evidence, EvidenceKind, Status

from . import corpus_snapshot, folder_snapshot, written_snapshot


def bases(items: list[Evidence]) -> dict[str, Evidence]:
    return {item.payload.subject_text(): item for item in items}


def test_minilm_base_named_only_in_prose(minilm_release: Path) -> None:
    items = extract(folder_snapshot(minilm_release, "sentence-transformers/all-MiniLM-L6-v2"))
    (base,) = items
    assert base.kind is EvidenceKind.LINEAGE
    assert base.payload.subject_text() == "nreimers/MiniLM-L6-H384-uncased"
    assert base.payload.value_text() == "finetune"
    assert base.status is Status.DECLARED
    assert base.provenance.path == "README.md" and base.provenance.line == 100
    assert base.payload.detail_values()["via"] == "prose"


def test_minilm_corpus_copy_agrees(corpus: Path) -> None:
    items = extract(corpus_snapshot(corpus, "sentence-transformers__all-MiniLM-L6-v2"))
    assert [item.payload.subject_text() for item in items] == ["nreimers/MiniLM-L6-H384-uncased"]


def test_metadata_base_model(corpus: Path) -> None:
    medgemma = extract(corpus_snapshot(corpus, "google__medgemma-27b-it"))
    assert [item.payload.subject_text() for item in medgemma] == ["google/gemma-3-27b-pt"]
    assert medgemma[0].provenance.field == "base_model"
    assert medgemma[0].payload.detail_values()["via"] == "base_model"
    qwen = bases(extract(corpus_snapshot(corpus, "Qwen__Qwen2.5-3B-Instruct")))
    assert set(qwen) == {"Qwen/Qwen2.5-3B"}
    reflection = extract(corpus_snapshot(corpus, "mattshumer__Reflection-Llama-3.1-70B"))
    assert [item.payload.subject_text() for item in reflection] == [
        "meta-llama/Meta-Llama-3.1-70B-Instruct"
    ]


def test_prose_lineage_in_real_cards(corpus: Path) -> None:
    sd = bases(extract(corpus_snapshot(corpus, "runwayml__stable-diffusion-v1-5")))
    assert set(sd) == {"CompVis/stable-diffusion-v1-2"}
    assert sd["CompVis/stable-diffusion-v1-2"].payload.value_text() == "finetune"
    dolly = bases(extract(corpus_snapshot(corpus, "databricks__dolly-v2-12b")))
    assert set(dolly) == {"EleutherAI/pythia-12b"}
    nemotron = bases(extract(corpus_snapshot(corpus, "nvidia__Nemotron-4-340B-Instruct")))
    assert nemotron["Nemotron-4-340B-Base"].payload.value_text() == "finetune"


def test_siblings_and_children_are_not_bases(corpus: Path) -> None:
    distill = bases(extract(corpus_snapshot(corpus, "deepseek-ai__DeepSeek-R1-Distill-Qwen-32B")))
    assert set(distill) == {"Qwen-2.5"}
    r1 = bases(extract(corpus_snapshot(corpus, "deepseek-ai__DeepSeek-R1")))
    assert set(r1) == {"DeepSeek-V3-Base"}
    assert extract(corpus_snapshot(corpus, "mosaicml__mpt-7b")) == []
    assert extract(corpus_snapshot(corpus, "Qwen__Qwen-72B")) == []


def test_base_model_list_with_relation() -> None:
    card = "---\nbase_model:\n- org/one\n- org/two\nbase_model_relation: merge\n---\n# M\n"
    items = extract(written_snapshot(card))
    assert [(item.payload.subject_text(), item.payload.value_text()) for item in items] == [
        ("org/one", "merge"),
        ("org/two", "merge"),
    ]
    assert {item.provenance.line for item in items} == {2}


@pytest.mark.parametrize(
    ("tag", "relation"),
    [
        ("base_model:quantized:org/base", "quantized"),
        ("base_model:adapter:org/base", "adapter"),
        ("base_model:finetune:org/base", "finetune"),
        ("base_model:merge:org/base", "merge"),
        ("base_model:org/base", "unknown"),
    ],
)
def test_relation_from_tags(tag: str, relation: str) -> None:
    card = f"---\nbase_model: org/base\ntags:\n- {tag}\n---\n"
    (item,) = extract(written_snapshot(card))
    assert (item.payload.subject_text(), item.payload.value_text()) == ("org/base", relation)


def test_tag_without_base_model_key() -> None:
    card = "---\ntags:\n- base_model:adapter:org/base\n---\n"
    (item,) = extract(written_snapshot(card))
    assert (item.payload.subject_text(), item.payload.value_text(), item.provenance.field) == (
        "org/base",
        "adapter",
        "tags",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme-7B is a fine-tuned version of org/base-7b.", [("org/base-7b", "finetune")]),
        (
            "It was finetuned from [Base 2](https://huggingface.co/org/base-2).",
            [("org/base-2", "finetune")],
        ),
        (
            "The checkpoint was initialized with the weights of `org/ckpt-1`.",
            [("org/ckpt-1", "finetune")],
        ),
        ("This model is a 4-bit quantized version of Base-13B.", [("Base-13B", "quantized")]),
        ("We trained on top of Mistral 7B v0.1 with our data.", [("Mistral 7B v0.1", "finetune")]),
        ("Acme-7B is based on the Transformer architecture.", []),
        ("Acme-7B was trained from scratch on 1T tokens.", []),
        ("The following models are finetuned on Acme-7B:", []),
        ("Other-3B is a fine-tuned version of Base-3B.", []),
        ("This model card is based on [another card](https://huggingface.co/o/m).", []),
    ],
)
def test_written_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    found = [
        (base, relation)
        for base, relation, _ in from_sentence(Sentence(text, text, 1), ("acme7b",))
    ]
    assert found == expected


def test_resolve_prefers_hub_ids() -> None:
    assert resolve(" [x](https://huggingface.co/org/name) model") == "org/name"
    assert resolve(" `org/name` and more") == "org/name"
    assert resolve(" the pre-trained Gemma 3, with") == "Gemma 3"
    assert resolve(" data available to us") is None


def test_no_card_no_lineage() -> None:
    assert extract(written_snapshot(None, ("LICENSE", "MIT License"))) == []
